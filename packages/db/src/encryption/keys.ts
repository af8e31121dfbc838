import { createHash, randomBytes } from 'node:crypto';

/** One AES-256 key and the id stored next to every value it sealed. */
export interface EncryptionKey {
  id: string;
  key: Buffer;
}

/** The keys a process knows: `current` seals new values, every key in `byId` opens old ones. */
export interface KeyRing {
  current: EncryptionKey;
  byId: ReadonlyMap<string, EncryptionKey>;
}

export type EncryptionKeyProblem = 'unknown_key' | 'authentication_failed' | 'malformed' | 'invalid_key';

/**
 * A stored value cannot be opened (or a key cannot be used): the wrong key, a missing old key,
 * or a damaged value. Never retryable: nothing is read or written until the keys are fixed.
 */
export class EncryptionKeyError extends Error {
  readonly code = 'encryption_key_mismatch';
  readonly retryable = false;
  constructor(
    message: string,
    readonly problem: EncryptionKeyProblem,
    readonly keyId: string | null = null,
  ) {
    super(message);
    this.name = 'EncryptionKeyError';
  }
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const KEY_BYTES = 32;

/** The id of a key given without one: a short SHA-256 fingerprint (says nothing about the key). */
export function keyFingerprint(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

/** A fresh random key as `STEPWISE_ENCRYPTION_KEYS` takes it: `<id>:<base64>`. */
export function generateKeySpec(): string {
  const key = randomBytes(KEY_BYTES);
  return `${keyFingerprint(key)}:${key.toString('base64')}`;
}

function parseKey(entry: string): EncryptionKey {
  const colon = entry.lastIndexOf(':');
  const id = colon === -1 ? null : entry.slice(0, colon);
  const key = Buffer.from(entry.slice(colon + 1), 'base64');
  if (key.length !== KEY_BYTES || key.toString('base64') !== entry.slice(colon + 1)) {
    throw new EncryptionKeyError(
      `An encryption key${id ? ` (id ${id})` : ''} is not 32 bytes in base64; generate one with: openssl rand -base64 32`,
      'invalid_key',
      id,
    );
  }
  if (id !== null && !KEY_ID.test(id)) {
    throw new EncryptionKeyError(`The encryption key id "${id}" may only hold A-Z, a-z, 0-9, _ and - (at most 32)`, 'invalid_key', id);
  }
  return { id: id ?? keyFingerprint(key), key };
}

/**
 * Parses `[id:]base64[,[id:]base64...]`: the FIRST key is current (seals new values), the others
 * only open values sealed before a rotation. A key without an id is named by its fingerprint.
 */
export function parseKeyRing(spec: string): KeyRing {
  const keys = spec
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map(parseKey);
  const current = keys[0];
  if (!current) throw new EncryptionKeyError('No encryption key given; generate one with: openssl rand -base64 32', 'invalid_key');
  const byId = new Map<string, EncryptionKey>();
  for (const key of keys) {
    const known = byId.get(key.id);
    if (known && !known.key.equals(key.key)) {
      throw new EncryptionKeyError(`Two different encryption keys share the id "${key.id}"; give each key its own id`, 'invalid_key', key.id);
    }
    byId.set(key.id, key);
  }
  return { current, byId };
}
