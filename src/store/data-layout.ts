// Where everything lives under the data folder (README "Data folder").
import path from 'node:path';

export interface DataLayout {
  root: string;
  settingsFile: string;
  secretKeyFile: string;
  runsDir: string;
  runsIndex: string;
  ledgerDir: string;
  /** Last lettering code per customer account, one append-only file per profile (store/lettering.ts). */
  letteringDir: string;
  /** Delivery queue (append-only: the last record of an id wins). */
  deliveriesFile: string;
  inbox: string;
  outbox: string;
}

export function dataLayout(root: string): DataLayout {
  return {
    root,
    settingsFile: path.join(root, 'comptoir.json'),
    secretKeyFile: path.join(root, 'secret.key'),
    runsDir: path.join(root, 'runs'),
    runsIndex: path.join(root, 'runs', 'runs.jsonl'),
    ledgerDir: path.join(root, 'ledger'),
    letteringDir: path.join(root, 'lettering'),
    deliveriesFile: path.join(root, 'deliveries.jsonl'),
    inbox: path.join(root, 'inbox'),
    outbox: path.join(root, 'outbox'),
  };
}

export function runDir(layout: DataLayout, runId: number): string {
  return path.join(layout.runsDir, String(runId));
}
