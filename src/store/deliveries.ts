// The delivery queue on disk: data/deliveries.jsonl, append-only like the run index (a
// snapshot per change; the last record of an id wins). A delivery holds a destination's
// label, never its secrets: those stay sealed in the settings and are read at send time.
import type { Delivery } from '../domain/delivery.js';
import type { RunFile } from '../domain/run.js';
import { appendLines, readLines } from './jsonl.js';

export interface DeliveryRecord extends Delivery {
  id: number;
  runId: number;
  profileId: string;
  file: {
    kind: RunFile['kind'];
    /** Name in the outbox, and at the destination. */
    name: string;
    /** The published file in the outbox: it stays there, delivered or not. */
    path: string;
    /** The run's own copy, sent when the outbox file was taken away by the accounting software. */
    keptPath?: string;
  };
  /** Index in the profile's delivery.destinations when the delivery was made. */
  destinationIndex: number;
  /** describeDestination(): no secret. Also tells whether the index still points at it. */
  destination: string;
  createdAt: string;
}

/** What the web layer reads and asks for. */
export interface DeliveryReader {
  forRun(runId: number): DeliveryRecord[];
}

export class DeliveryStore implements DeliveryReader {
  private constructor(
    private readonly file: string,
    private readonly records: Map<number, DeliveryRecord>,
    private nextId: number,
  ) {}

  static async open(file: string): Promise<DeliveryStore> {
    const records = new Map<number, DeliveryRecord>();
    let max = 0;
    for await (const record of readLines<DeliveryRecord>(file)) {
      records.set(record.id, record);
      max = Math.max(max, record.id);
    }
    return new DeliveryStore(file, records, max + 1);
  }

  /** Creates the deliveries in one append, so a crash keeps all of a run's or none. */
  async add(fields: Omit<DeliveryRecord, 'id'>[]): Promise<DeliveryRecord[]> {
    const created = fields.map((f) => ({ id: this.nextId++, ...f }));
    await appendLines(this.file, created);
    for (const record of created) this.records.set(record.id, record);
    return created;
  }

  async update(record: DeliveryRecord): Promise<void> {
    await appendLines(this.file, [record]);
    this.records.set(record.id, record);
  }

  get(id: number): DeliveryRecord | undefined {
    return this.records.get(id);
  }

  all(): DeliveryRecord[] {
    return [...this.records.values()];
  }

  forRun(runId: number): DeliveryRecord[] {
    return this.all()
      .filter((d) => d.runId === runId)
      .sort((a, b) => a.id - b.id);
  }

  hasRun(runId: number): boolean {
    return this.all().some((d) => d.runId === runId);
  }
}
