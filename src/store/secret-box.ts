// Secrets at rest (FEATURES.md §13): shop keys and passwords are stored as
// `enc:v1:<base64(iv | tag | ciphertext)>`, AES-256-GCM under a key derived from the
// appliance key. GCM authenticates, so a wrong key is detected rather than yielding garbage.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export const SEALED_PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The appliance key cannot open a stored secret: another key was used to seal it. */
export class SecretKeyMismatchError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('a stored secret cannot be decrypted with this key', options);
    this.name = 'SecretKeyMismatchError';
  }
}

export interface SecretBox {
  seal(plain: string): string;
  /** Throws SecretKeyMismatchError when the key is not the one that sealed it. */
  open(sealed: string): string;
}

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(SEALED_PREFIX);
}

/**
 * The appliance key also signs session cookies (web/session.ts): a subkey of its own keeps
 * the two uses apart.
 */
function encryptionKey(applianceKey: Buffer): Buffer {
  if (applianceKey.length !== 32) throw new Error('the appliance key must be 32 bytes');
  return Buffer.from(hkdfSync('sha256', applianceKey, Buffer.alloc(0), 'comptoir/secret-box/v1', 32));
}

export function createSecretBox(applianceKey: Buffer): SecretBox {
  const key = encryptionKey(applianceKey);
  return {
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${SEALED_PREFIX}${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    open(sealed) {
      if (!isSealed(sealed)) throw new Error('not a sealed secret');
      const raw = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64');
      if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretKeyMismatchError();
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
        decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([
          decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
      } catch (error) {
        throw new SecretKeyMismatchError({ cause: error });
      }
    },
  };
}
