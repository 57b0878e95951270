import { describe, expect, it } from 'vitest';
import { FORM_FIELDS, parseForm } from './form-body.js';
import { flattenBody } from './form-paths.js';

describe('parseForm', () => {
  it('keeps every row of a large exception table and long lists as lists', () => {
    const fields: string[] = [];
    for (let i = 0; i < 600; i++) {
      fields.push(`accounting.taxes.exceptions.${i}.key.country=C${i}`);
      fields.push(`accounting.taxes.exceptions.${i}.value.account=445${i}`);
    }
    for (let i = 0; i < 50; i++) fields.push(`states=${i}`);
    const body = flattenBody(parseForm(fields.join('&')));
    expect(body['accounting.taxes.exceptions.599.value.account']).toBe('445599');
    expect(body['accounting.taxes.exceptions.0.key.country']).toBe('C0');
    expect(body['states']).toHaveLength(50);
  });

  it('refuses a body beyond the field limit instead of cutting it', () => {
    const fields = Array.from({ length: FORM_FIELDS + 1 }, (_, i) => `f${i}=1`);
    expect(() => parseForm(fields.join('&'))).toThrow();
  });
});
