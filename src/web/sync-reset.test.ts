import { describe, expect, it } from 'vitest';
import { parseDocumentIds, resolveDocumentIds } from './sync-reset.js';

const booked = new Set(['1/order/727', '1/order/10002', '2/order/727', '1/creditnote/45']);

describe('document ids of the reset', () => {
  it('reads plain ids, ids with their kind and whole keys, one per line or comma separated', () => {
    const { wanted, invalid } = parseDocumentIds(
      '727, commande 10002\navoir 45;1/creditnote/46\n\n  #3 ',
      'order',
    );
    expect(invalid).toEqual([]);
    expect(wanted).toEqual([
      { token: '727', kind: 'order', id: '727' },
      { token: 'commande 10002', kind: 'order', id: '10002' },
      { token: 'avoir 45', kind: 'creditnote', id: '45' },
      { token: '1/creditnote/46', key: '1/creditnote/46' },
      { token: '#3', kind: 'order', id: '3' },
    ]);
    expect(parseDocumentIds('45\norder:9\ncredit note 7', 'creditnote').wanted).toEqual([
      { token: '45', kind: 'creditnote', id: '45' },
      { token: 'order:9', kind: 'order', id: '9' },
      { token: 'credit note 7', kind: 'creditnote', id: '7' },
    ]);
  });

  it('names back what it cannot read', () => {
    expect(parseDocumentIds('727\n??pas un id!!\n1/invoice/3', 'order').invalid).toEqual([
      '??pas un id!!',
      '1/invoice/3',
    ]);
  });

  it('matches an id in every shop, a whole key exactly, and reports the others', () => {
    const { wanted } = parseDocumentIds('727\n1/creditnote/45\n1/order/10003\ncommande 999', 'order');
    expect(resolveDocumentIds(wanted, booked)).toEqual({
      keys: ['1/order/727', '2/order/727', '1/creditnote/45'],
      notFound: ['1/order/10003', 'commande 999'],
    });
  });
});
