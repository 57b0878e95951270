import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { ConfigError } from '../domain/errors.js';
import { createSecretBox, isSealed, SecretKeyMismatchError } from './secret-box.js';

describe('secret box', () => {
  it('seals with a fresh nonce each time and opens with the same key only', () => {
    const key = randomBytes(32);
    const box = createSecretBox(key);
    const a = box.seal('ck_secret');
    expect(isSealed(a)).toBe(true);
    expect(a).not.toContain('ck_secret');
    expect(box.seal('ck_secret')).not.toBe(a);
    expect(createSecretBox(Buffer.from(key)).open(a)).toBe('ck_secret');
    expect(() => createSecretBox(randomBytes(32)).open(a)).toThrow(SecretKeyMismatchError);
    expect(() => box.open(`${a.slice(0, -4)}AAAA`)).toThrow(SecretKeyMismatchError);
  });

  it('takes COMPTOIR_SECRET_KEY as base64 of 32 bytes, without echoing a bad one', () => {
    const key = randomBytes(32);
    expect(loadConfig({ COMPTOIR_SECRET_KEY: key.toString('base64') }).secretKey).toEqual(key);
    expect(loadConfig({}).secretKey).toBeUndefined();
    const bad = 'not-a-key-but-a-secret';
    const error = (() => {
      try {
        loadConfig({ COMPTOIR_SECRET_KEY: bad });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/COMPTOIR_SECRET_KEY must be 32 bytes/);
    expect((error as ConfigError).message).not.toContain(bad);
  });
});
