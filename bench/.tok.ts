import { createReadStream, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { Parser } from 'htmlparser2';
import { writeOrderFile } from './corpus.js';
const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tok-'));
const file = path.join(dir, 'o.xml');
const size = writeOrderFile(file, 10000);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
async function sax(pos: boolean) {
  const p = new SaxesParser({ position: pos }); let n = 0;
  p.on('opentag', () => n++); p.on('text', () => n++); p.on('cdata', () => n++); p.on('closetag', () => n++);
  const d = new TextDecoder();
  for await (const c of createReadStream(file)) p.write(d.decode(c as Buffer, { stream: true }));
  p.close(); return n;
}
async function h2() {
  let n = 0;
  const p = new Parser({ onopentag: () => n++, ontext: () => n++, oncdatastart: () => n++, onclosetag: () => n++ }, { xmlMode: true, recognizeCDATA: true, decodeEntities: true });
  const d = new TextDecoder();
  for await (const c of createReadStream(file)) p.write(d.decode(c as Buffer, { stream: true }));
  p.end(); return n;
}
for (let r = 0; r < 2; r++) for (const [name, f] of [['saxes position:true', () => sax(true)], ['saxes position:false', () => sax(false)], ['htmlparser2 xmlMode', h2]] as const) {
  const c0 = cpu(); const t0 = performance.now(); const n = await f();
  const ms = performance.now() - t0, c = cpu() - c0;
  console.log(`${name}: ${(size / 1e6 / (c / 1000)).toFixed(1)} MB/s cpu (${c.toFixed(0)} ms cpu, ${ms.toFixed(0)} ms wall), ${n} events`);
}
await fs.rm(dir, { recursive: true, force: true });
