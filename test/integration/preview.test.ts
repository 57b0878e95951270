// Preview then run (FEATURES.md §7): the entry list is booked but written nowhere; unticking
// two entries and running for the rest writes exactly the other documents.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setQuiet } from '../../src/log.js';
import { documentsOf } from '../../src/pipeline/preview.js';
import { bookedKeys, openHarness, outboxPieces, shopProfile } from '../helpers/shop-pipeline.js';
import { startWoocommerceSimulator, type WoocommerceSimulator } from '../simulators/woocommerce.js';

setQuiet(true);

let sim: WoocommerceSimulator;
let root: string;

beforeAll(async () => {
  sim = await startWoocommerceSimulator();
  sim.generate(6);
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-preview-'));
});

afterAll(async () => {
  await sim?.close();
  await fs.rm(root, { recursive: true, force: true });
});

it('previews without writing, then runs for the rest with two entries unticked', async () => {
  const h = await openHarness(root);
  const profile = shopProfile(root, sim);
  const request = { task: 'orders' as const, from: '2017-01-01', to: '2017-12-31' };

  const preview = await h.pipeline.preview(profile, request);
  expect(preview.counts.booked).toBeGreaterThan(3);
  expect(preview.entries.length).toBe(preview.counts.entries);
  expect(preview.debit).toBe(preview.credit);
  expect(preview.entries[0]).toMatchObject({ number: 1, journal: 'VTE' });
  expect(preview.entries[0]?.lines.length).toBeGreaterThan(1);
  expect(await fs.readdir(path.join(root, 'outbox'))).toEqual([]);
  expect((await bookedKeys(root)).size).toBe(0);
  expect((await h.runs.list()).total).toBe(0);

  // Untick the sale entries of the second and fourth documents.
  const sales = preview.entries.filter((e) => e.journal === 'VTE');
  const unticked = [sales[1]!.number, sales[3]!.number];
  const excluded = documentsOf(preview.entries, unticked);
  expect(excluded).toHaveLength(2);
  const run = await h.pipeline.processShop(profile, { ...request, excludeDocuments: excluded });
  expect(run.status).toBe('succeeded');
  expect(run.counts.booked).toBe(preview.counts.booked - 2);
  expect(run.counts.ignored).toBe(preview.counts.ignored + 2);

  const expected = sales
    .filter((e) => !excluded.includes(e.documentKey))
    .map((e) => e.pieceNumber)
    .sort();
  expect(await outboxPieces(root)).toEqual(expected);
  const booked = await bookedKeys(root);
  expect(booked.size).toBe(preview.counts.booked - 2);
  for (const key of excluded) expect(booked.has(key)).toBe(false);
  await h.close();
}, 30_000);
