import { describe, expect, it } from 'vitest';
import { renderTemplate, TEMPLATE_PLACEHOLDERS } from './templates.js';
import { buildDocument } from './testing.js';

describe('templates', () => {
  const doc = buildDocument({
    type: 'CREDITNOTE',
    orderKey: '6',
    orderNumber: '1006',
    orderReference: 'AIJRAYEHU',
    invoiceNumber: 'FA12',
    invoiceDate: '2024-03-16',
    creditNoteKey: '3',
    creditNoteNumber: 'AV3',
    creditNoteDate: '2024-04-02 10:11:12',
    paymentName: 'Chèque',
    customer: { ...buildDocument().customer, company: 'ACME' },
  });

  it('replaces every placeholder, dates as DD/MM/YYYY', () => {
    const template = TEMPLATE_PLACEHOLDERS.map((p) => p.code).join('|');
    expect(renderTemplate(template, doc)).toBe(
      '6|1006|AIJRAYEHU|FA12|AV3|Jean|Dupont|ACME|15/03/2024|16/03/2024|02/04/2024|Chèque',
    );
  });

  it('writes missing values as empty and leaves unknown placeholders visible', () => {
    expect(renderTemplate('Cde %OI %IN %XX', buildDocument())).toBe('Cde 6  %XX');
  });

  it('describes each placeholder for the UI', () => {
    expect(TEMPLATE_PLACEHOLDERS).toHaveLength(12);
    expect(TEMPLATE_PLACEHOLDERS.every((p) => /^%[A-Z]{2}$/.test(p.code) && p.description !== '')).toBe(true);
  });
});
