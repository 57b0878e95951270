import { describe, expect, it } from 'vitest';
import { redactSecrets } from './http.js';
import { parseJsonLossless } from './lossless-json.js';

describe('redactSecrets', () => {
  it('hides a secret as given, URL-encoded and as a basic-auth token', () => {
    const key = 'ck_a+b/c=d';
    const basic = Buffer.from(`${key}:`).toString('base64');
    const text = `GET /x?consumer_key=${encodeURIComponent(key)} Authorization: Basic ${basic} (${key})`;
    const out = redactSecrets(text, [key]);
    expect(out).not.toContain(key);
    expect(out).not.toContain(encodeURIComponent(key));
    expect(out).not.toContain(basic);
    expect(out.match(/\*\*\*/g)).toHaveLength(3);
  });
});

describe('parseJsonLossless', () => {
  it('keeps every number as its source text, strings untouched', () => {
    const data = parseJsonLossless(
      '{"id": 9007199254740993, "rate": 0.06, "subtotal": 195.660, "price": -9, "s": "1 2.5", "e": [1e3, true, null]}',
    );
    expect(data).toEqual({
      id: '9007199254740993',
      rate: '0.06',
      subtotal: '195.660',
      price: '-9',
      s: '1 2.5',
      e: ['1e3', true, null],
    });
  });

  it('rejects what JSON rejects', () => {
    expect(() => parseJsonLossless('{"a": 01}')).toThrow(SyntaxError);
    expect(() => parseJsonLossless('{"a": "\\"1"}')).not.toThrow();
  });
});
