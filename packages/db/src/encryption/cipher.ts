import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EncryptionKeyError, type KeyRing } from './keys';

/** How a sealed value sits in JSON: `{"$enc": "v1:<keyId>:<iv>:<tag>:<ciphertext>"}` (base64 parts). */
export interface SealedValue {
  $enc: string;
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function isSealed(value: unknown): value is SealedValue {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === '$enc' && typeof (value as SealedValue).$enc === 'string';
}

/**
 * AES-256-GCM over the JSON text of one value. The additional data (run id and field path) binds
 * a sealed value to its place: copied to another run or field, it no longer opens.
 */
export class FieldCipher {
  constructor(readonly keys: KeyRing) {}

  seal(value: unknown, aad: string): SealedValue {
    const { id, key } = this.keys.current;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const text = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), text].map((b) => b.toString('base64'));
    return { $enc: [VERSION, id, ...parts].join(':') };
  }

  /** The value `seal` was given; throws EncryptionKeyError rather than return anything else. */
  open(sealed: SealedValue, aad: string): unknown {
    const parts = sealed.$enc.split(':');
    const [version, keyId, iv, tag, text] = parts;
    if (parts.length !== 5 || version !== VERSION || !keyId || iv === undefined || tag === undefined || text === undefined) {
      throw new EncryptionKeyError(`The encrypted value at ${aadPath(aad)} is damaged or in an unknown format`, 'malformed', keyId ?? null);
    }
    const key = this.keys.byId.get(keyId);
    if (!key) {
      throw new EncryptionKeyError(
        `The value at ${aadPath(aad)} was encrypted with key "${keyId}", which is not configured; add it to STEPWISE_ENCRYPTION_KEYS (after the current key)`,
        'unknown_key',
        keyId,
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64'), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      const plain = Buffer.concat([decipher.update(Buffer.from(text, 'base64')), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as unknown;
    } catch {
      throw new EncryptionKeyError(
        `The value at ${aadPath(aad)} does not authenticate with key "${keyId}": the configured key with that id is not the one it was encrypted with, or the value was altered`,
        'authentication_failed',
        keyId,
      );
    }
  }
}

/** The field path part of the additional data (`<runId> <path>`), for messages: never the value. */
function aadPath(aad: string): string {
  return aad.replace('\u0000', ' ');
}
