import { describe, expect, it } from 'vitest';
import { translator } from './i18n.js';
import { importSelection, isIsoDay, MAX_PLAIN_ENTRIES, readSyncForm } from './sync-form.js';

const t = translator('en');

describe('the period form', () => {
  it('accepts real days in order', () => {
    const form = readSyncForm(
      { task: 'creditnotes', from: '2024-02-01', to: '2024-02-29', includeTransferred: '1' },
      t,
    );
    expect(form).toMatchObject({
      ok: true,
      request: { task: 'creditnotes', from: '2024-02-01', to: '2024-02-29', includeTransferred: true },
    });
  });

  it('refuses missing, impossible and reversed dates, next to their field', () => {
    expect(readSyncForm({ from: '', to: '2023-02-29' }, t)).toMatchObject({
      ok: false,
      errors: { from: 'Enter a date.', to: 'Invalid date (expected: YYYY-MM-DD).' },
    });
    expect(readSyncForm({ from: '2024-03-02', to: '2024-03-01' }, t)).toMatchObject({
      ok: false,
      errors: { from: 'The start date is after the end date.' },
    });
    expect(isIsoDay('2024-13-01')).toBe(false);
    expect(isIsoDay('2024-1-01')).toBe(false);
  });
});

describe('the import selection', () => {
  const docs = '1,2:1/order/1\r\n3,4:1/order/2\r\n5:1/creditnote/3';

  it('leaves out a document when any of its entries is unticked', () => {
    expect(importSelection({ docs, keep: ['1', '2', '3', '5'] })).toEqual({
      ok: true,
      excluded: ['1/order/2'],
    });
    expect(importSelection({ docs, keep: '1' })).toEqual({
      ok: true,
      excluded: ['1/order/1', '1/order/2', '1/creditnote/3'],
    });
    // More than 20 boxes: the form parser sends an object keyed by index.
    const many = Object.fromEntries(['1', '2', '3', '4', '5'].map((n, i) => [String(i), n]));
    expect(importSelection({ docs, keep: many })).toEqual({ ok: true, excluded: [] });
  });

  it('takes the keys the page script sends', () => {
    expect(importSelection({ selection: 'js', exclude: '1/order/2\r\n1/order/2\r\n' })).toEqual({
      ok: true,
      excluded: ['1/order/2'],
    });
    expect(importSelection({ selection: 'js' })).toEqual({ ok: true, excluded: [] });
  });

  it('refuses what it cannot read, and more boxes than the form parser keeps', () => {
    expect(importSelection({ docs: 'x:1/order/1', keep: '1' })).toEqual({ ok: false, reason: 'bad' });
    expect(importSelection({ docs: ':1/order/1' })).toEqual({ ok: false, reason: 'bad' });
    const keep = Array.from({ length: MAX_PLAIN_ENTRIES }, (_, i) => String(i + 1));
    expect(importSelection({ docs, keep })).toEqual({ ok: false, reason: 'tooMany' });
  });
});
