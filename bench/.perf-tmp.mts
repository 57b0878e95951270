import Big from 'big.js';
import { createRenderer } from '/work/main/src/domain/format/render.ts';
import { createEncoder } from '/work/main/src/domain/format/encode.ts';
import { getFormat } from '/work/main/src/domain/format/predefined/index.ts';
const f = getFormat('fec')!;
const r = createRenderer(f); const enc = createEncoder(f);
const e: any = { kind:'sale', documentKey:'x', journal:'VTE', journalLabel:'Ventes', date:'2025-01-15', pieceNumber:'F1', pieceDate:'2025-01-15', reference:'', label:'Vente é', currencyCode:'EUR', currencyRate: Big(1),
 lines: ['411000','707000','445710','708520'].map((a,i)=>({role:'product',account:a,accountLabel:'Compte collectée',label:'',debit:Big(i?0:1),credit:Big(i?1:0)}))};
let t=performance.now(); let n=0;
for (let i=0;i<50000;i++){ const recs=r.entryRecords(e,i); n+=enc.encode(recs.join('\r\n')).length; }
console.log('render+encode ms', performance.now()-t, n);
