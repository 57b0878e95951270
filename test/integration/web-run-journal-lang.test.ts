// A run's journal and error log speak the page's language: files dropped through the real
// appliance (watcher, worker, pipeline), then their run pages read in French and English.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/domain/run.js';
import { setQuiet } from '../../src/log.js';
import { startAppliance, type Appliance } from '../../src/serve.js';
import { ordersFile } from '../helpers/orders.js';
import { waitFor } from '../helpers/wait.js';
import { WebClient } from '../helpers/web-client.js';

setQuiet(true);

let root: string;
let appliance: Appliance;
let client: WebClient;
let token: string;
const runIds: Record<'good' | 'missing' | 'malformed' | 'duplicate', number> = {
  good: 0,
  missing: 0,
  malformed: 0,
  duplicate: 0,
};

/** The page's text as a reader sees it: tags and entities undone, spaces collapsed. */
function pageText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

async function drop(name: string, content: string): Promise<RunRecord> {
  const before = (await appliance.runs.list({ pageSize: 200 })).runs.length;
  await fs.writeFile(path.join(root, 'inbox', name), content);
  return waitFor(
    async () => {
      const { runs } = await appliance.runs.list({ pageSize: 200 });
      return runs.length > before && runs.every((r) => r.status !== 'running') ? runs[0] : undefined;
    },
    20_000,
    `the run of ${name}`,
  );
}

async function runPage(id: number): Promise<string> {
  const response = await client.request(`/runs/${id}`);
  expect(response.status).toBe(200);
  return pageText(await response.text());
}

async function setLang(lang: 'fr' | 'en'): Promise<void> {
  const answer = await client.post('/lang', { _csrf: token, lang, back: '/runs' });
  expect(answer.status).toBe(302);
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-journal-lang-'));
  await fs.mkdir(path.join(root, 'inbox'), { recursive: true });
  appliance = await startAppliance({
    dataDir: root,
    port: 0,
    host: '127.0.0.1',
    stabilityMs: 200,
    polling: false,
    rescanMs: 60_000,
    timeZone: 'Europe/Paris',
  });
  client = new WebClient(appliance.url);
  token = await client.setup('admin', 'a long enough password');

  const good = ordersFile([{ key: '501' }]);
  runIds.good = (await drop('bonne.xml', good)).id;
  runIds.missing = (
    await drop('sans-taux.xml', ordersFile([{ key: '502' }]).replace('<tax_rate>20.000</tax_rate>', ''))
  ).id;
  runIds.malformed = (await drop('casse.xml', '<?xml version="1.0"?>\n<orders>\n  <order>\n</orders>\n')).id;
  runIds.duplicate = (await drop('bonne-copie.xml', good)).id;
}, 90_000);

afterAll(async () => {
  await appliance?.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe('run journal and error log in the page language', () => {
  it('records the English message with a code and its values', async () => {
    const journal = await appliance.runs.journal(runIds.good);
    const received = journal.find((line) => line.code === 'file.received');
    expect(received?.message).toMatch(/^File bonne\.xml received \(\d+ bytes, SHA-256 [0-9a-f]{64}\)$/);
    expect(received?.params?.name).toBe('bonne.xml');
    const errors = await appliance.runs.errors(runIds.missing);
    const missing = errors.find((line) => line.code === 'field.missing');
    expect(missing).toMatchObject({
      message: '<tax_rate> is missing or empty',
      params: { name: 'tax_rate' },
    });
  });

  it('speaks French by default', async () => {
    const good = await runPage(runIds.good);
    expect(good).toMatch(/Fichier bonne\.xml reçu \(\d+ octets, SHA-256 [0-9a-f]{64}\)/);
    expect(good).toMatch(/Fichier source archivé sous archive\/\d{4}-\d{2}\/bonne\.xml/);
    // The sale and its payment; the note's amount and date written the French way.
    expect(good).toContain('comptabilisé : 2 écritures');
    expect(good).toContain(
      'aucun paiement dans le document : un paiement « Carte bancaire » de 120,00 le 02/11/2026 est supposé',
    );
    expect(good).toMatch(/Écrit dans la boîte de sortie : \S+/);
    expect(good).toContain('Exécution terminée : réussie');
    expect(good).not.toContain('received (');
    expect(good).not.toContain('Run ended');

    const missing = await runPage(runIds.missing);
    expect(missing).toContain('<tax_rate> est absent ou vide');
    expect(missing).toContain('Ajoutez <tax_rate> au document : cet élément est obligatoire');
    expect(missing).toContain('rien n’a été comptabilisé : 1 document(s) sur 1 en échec');
    expect(missing).toMatch(/Fichier source déplacé dans failed\/sans-taux\.xml/);
    expect(missing).toContain('Exécution terminée : échouée');
    expect(missing).not.toContain('is missing or empty');
    // The run's reason, in the summary too.
    expect(missing).toContain('Motif rien n’a été comptabilisé');
    expect(missing).not.toContain('nothing was booked');

    const malformed = await runPage(runIds.malformed);
    expect(malformed).toMatch(/Le fichier n’est pas un XML bien formé : .+ \(ligne \d+, colonne \d+\)/);
    expect(malformed).toContain('Corrigez le fichier (voir la ligne et la colonne)');
    expect(malformed).not.toContain('not well-formed');

    const duplicate = await runPage(runIds.duplicate);
    expect(duplicate).toContain(`même contenu que bonne.xml, importé par l’exécution n° ${runIds.good}`);
    expect(duplicate).toContain('Rien à faire si le fichier a été envoyé deux fois par erreur');
  });

  it('speaks English once switched, and French again', async () => {
    await setLang('en');
    const good = await runPage(runIds.good);
    expect(good).toMatch(/File bonne\.xml received \(\d+ bytes, SHA-256 [0-9a-f]{64}\)/);
    expect(good).toContain('booked: 2 entries');
    expect(good).toContain('no payments in the document: assumed one payment "Carte bancaire" of 120.00');
    expect(good).toContain('Run ended: succeeded');
    expect(good).not.toContain('reçu');

    const missing = await runPage(runIds.missing);
    expect(missing).toContain('<tax_rate> is missing or empty');
    expect(missing).toContain('Add <tax_rate> to the document: it is required');
    expect(missing).toContain('Run ended: failed');
    expect(missing).toContain('nothing was booked: 1 of its 1 document(s) could not be booked');

    const malformed = await runPage(runIds.malformed);
    expect(malformed).toMatch(/The file is not well-formed XML: .+ \(line \d+, column \d+\)/);
    expect(malformed).toContain(
      'Correct the file (see the line and column) and drop it again into the inbox',
    );

    const duplicate = await runPage(runIds.duplicate);
    expect(duplicate).toContain(`same content as bonne.xml imported in run ${runIds.good}`);

    await setLang('fr');
    expect(await runPage(runIds.good)).toContain('Exécution terminée : réussie');
  });
});
