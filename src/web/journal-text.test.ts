// The journal and error log said in the page's language from the recorded code and values.
import { describe, expect, it } from 'vitest';
import { createFormatter } from './format.js';
import { translator } from './i18n.js';
import { documentText, errorTexts, journalText } from './journal-text.js';

const fr = { t: translator('fr'), fmt: createFormatter('fr', 'Europe/Paris') };
const en = { t: translator('en'), fmt: createFormatter('en', 'Europe/Paris') };

describe('journal and error texts', () => {
  it('translates a coded journal line, with amounts, sides and statuses as the pages write them', () => {
    const note = {
      message: 'deviation 0.01 booked on 758000 (credit)',
      code: 'note.deviation',
      params: { amount: '0.01', account: '758000', side: 'credit' },
    };
    expect(journalText(note, fr.t, fr.fmt)).toBe('écart de 0,01 comptabilisé sur 758000 (crédit)');
    expect(journalText(note, en.t, en.fmt)).toBe('deviation 0.01 booked on 758000 (credit)');
    const ended = { message: 'Run ended: succeeded', code: 'run.ended', params: { status: 'succeeded' } };
    expect(journalText(ended, fr.t, fr.fmt)).toBe('Exécution terminée : réussie');
    expect(journalText(ended, en.t, en.fmt)).toBe('Run ended: succeeded');
  });

  it('writes dates as dd/mm/yyyy and date fields by the catalogue', () => {
    const line = {
      message: 'Reading orders by invoice date from 2026-11-01 to 2026-11-30',
      code: 'shop.readingOrders',
      params: { dateField: 'invoice', from: '2026-11-01', to: '2026-11-30' },
    };
    expect(journalText(line, fr.t, fr.fmt)).toBe(
      'Lecture des commandes par date de facture du 01/11/2026 au 30/11/2026',
    );
  });

  it('chooses the plural text by count', () => {
    const line = (count: number) => ({
      message: `booked: ${count} entries`,
      code: 'document.booked',
      params: { count: String(count) },
    });
    expect(journalText(line(1), fr.t, fr.fmt)).toBe('comptabilisé : 1 écriture');
    expect(journalText(line(2), fr.t, fr.fmt)).toBe('comptabilisé : 2 écritures');
    expect(journalText(line(2), en.t, en.fmt)).toBe('booked: 2 entries');
  });

  it('shows an error line’s journal line by the error’s problem', () => {
    const line = {
      message: '<tax_rate> is missing or empty',
      code: 'field.missing',
      params: { name: 'tax_rate' },
    };
    expect(journalText(line, fr.t, fr.fmt)).toBe('<tax_rate> est absent ou vide');
  });

  it('translates problem and fix of a coded error line, each falling back to English alone', () => {
    const missing = {
      message: '<tax_rate> is missing or empty',
      fix: 'Add <tax_rate> to the document: it is required',
      code: 'field.missing',
      params: { name: 'tax_rate' },
    };
    expect(errorTexts(missing, fr.t, fr.fmt)).toEqual({
      problem: '<tax_rate> est absent ou vide',
      fix: 'Ajoutez <tax_rate> au document : cet élément est obligatoire',
    });
    expect(errorTexts(missing, en.t, en.fmt)).toEqual({ problem: missing.message, fix: missing.fix });
    // Only the fix has a text: the problem is the exception's own English.
    const unexpected = { message: 'boom', fix: 'Check this document', code: 'document.unexpected' };
    expect(errorTexts(unexpected, fr.t, fr.fmt)).toEqual({
      problem: 'boom',
      fix: 'Vérifiez ce document dans la source puis déposez à nouveau le fichier',
    });
  });

  it('keeps the recorded English for lines without a code or with a code the catalogue lacks', () => {
    expect(journalText({ message: 'Lecture de 3 commandes' }, fr.t, fr.fmt)).toBe('Lecture de 3 commandes');
    expect(journalText({ message: 'something new', code: 'no.such.code' }, fr.t, fr.fmt)).toBe(
      'something new',
    );
    expect(errorTexts({ message: 'm', fix: 'f', code: 'no.such.code' }, fr.t, fr.fmt)).toEqual({
      problem: 'm',
      fix: 'f',
    });
  });

  it('fills only known placeholders and leaves values as recorded', () => {
    const line = {
      message: 'File a.xml received',
      code: 'file.received',
      params: { name: '{size}.xml', size: '123', sha256: 'ab' },
    };
    expect(journalText(line, fr.t, fr.fmt)).toBe('Fichier {size}.xml reçu (123 octets, SHA-256 ab)');
  });
});

describe('documentText', () => {
  const t = fr.t;
  it('names orders and credit notes in the page language, shop included', () => {
    expect(documentText('order 6', t)).toBe('commande 6');
    expect(documentText('credit note 12 of order 6 (shop 2)', t)).toBe(
      'avoir 12 de la commande 6 (boutique 2)',
    );
    expect(documentText('credit note 12 of order 6', en.t)).toBe('credit note 12 of order 6');
    expect(documentText('orders-3.xml', t)).toBe('orders-3.xml');
  });
});
