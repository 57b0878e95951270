import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ordersFile } from '../../test/helpers/orders.js';
import { getFormat } from '../domain/format/predefined/index.js';
import { defaultDropFolderProfile } from '../domain/presets/format-france.js';
import { convertOrderStream, RunCancelledError, type ConvertEvent } from './convert.js';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-convert-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function fecIn(encoding: 'utf-8' | 'ascii') {
  const format = getFormat('fec');
  if (!format) throw new Error('no fec');
  // Transliteration on: accents become ASCII, but a character with no ASCII form cannot be written.
  return { ...format, encoding, transliterate: true };
}

const input = (xml: string) => Readable.from([Buffer.from(xml, 'utf8')]);

describe('convertOrderStream', () => {
  it('fails alone a document whose text the format cannot hold, and writes the others', async () => {
    const events: ConvertEvent[] = [];
    const result = await convertOrderStream(
      input(
        ordersFile([
          { key: '1', lastname: 'Martin' },
          { key: '2', lastname: '王' },
          { key: '3', lastname: 'Petit' },
        ]),
      ),
      {
        profile: defaultDropFolderProfile('p', dir, dir),
        format: fecIn('ascii'),
        outDir: dir,
        today: '2026-11-25',
        onEvent: (e) => events.push(e),
      },
    );
    expect(result.counts).toMatchObject({ read: 3, booked: 2, failed: 1 });
    expect(result.bookedKeys).toEqual(['1/order/1', '1/order/3']);
    const errors = events.filter((e) => e.type === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.type === 'error' && errors[0].line.document).toBe('order 2');
    const text = await fs.readFile(result.outputs[0]?.tmpPath ?? '', 'latin1');
    expect(text).not.toContain('Cde 2');
    // Entries are numbered without a gap where the failed document was.
    const numbers = new Set(
      text
        .split('\r\n')
        .slice(1)
        .map((l) => l.split('\t')[2]),
    );
    expect([...numbers]).toEqual(['1', '2', '3', '4']);
  });

  it('skips documents already booked and duplicates within the file', async () => {
    const result = await convertOrderStream(input(ordersFile([{ key: '1' }, { key: '2' }, { key: '2' }])), {
      profile: defaultDropFolderProfile('p', dir, dir),
      format: fecIn('utf-8'),
      outDir: dir,
      today: '2026-11-25',
      isBooked: (key) => key === '1/order/1',
    });
    expect(result.counts).toMatchObject({ read: 3, booked: 1, ignored: 2 });
    expect(result.bookedKeys).toEqual(['1/order/2']);
  });

  it('writes no file when nothing is booked, and leaves no temporary behind', async () => {
    const result = await convertOrderStream(input(ordersFile([{ key: '1' }])), {
      profile: defaultDropFolderProfile('p', dir, dir),
      format: fecIn('utf-8'),
      outDir: dir,
      today: '2026-11-25',
      isBooked: () => true,
    });
    expect(result.outputs).toEqual([]);
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('stops between documents when asked, leaving nothing written', async () => {
    let asked = 0;
    await expect(
      convertOrderStream(input(ordersFile([{ key: '1' }, { key: '2' }])), {
        profile: defaultDropFolderProfile('p', dir, dir),
        format: fecIn('utf-8'),
        outDir: dir,
        today: '2026-11-25',
        shouldStop: () => ++asked > 1,
      }),
    ).rejects.toBeInstanceOf(RunCancelledError);
    expect(await fs.readdir(dir)).toEqual([]);
  });
});
