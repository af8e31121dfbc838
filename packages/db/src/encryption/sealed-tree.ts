import { type FieldCipher, isSealed } from './cipher';

type IsSensitive = (name: string) => boolean;

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The additional data of the field at `path` in run `runId`. */
export const aad = (runId: string, path: string) => `${runId}\u0000${path}`;

/**
 * A copy of `value` where every property whose name is sensitive holds a sealed value instead
 * (the whole value under that name: a number, a string or a nested object). Null stays null.
 */
export function sealTree(cipher: FieldCipher, runId: string, path: string, value: unknown, sensitive: IsSensitive): unknown {
  if (Array.isArray(value)) return value.map((item, i) => sealTree(cipher, runId, `${path}.${i}`, item, sensitive));
  // What the engine holds is plaintext: a value shaped like a sealed one came from a person, and is
  // sealed like a sensitive one so that opening gives it back instead of failing.
  if (isSealed(value)) return cipher.seal(value, aad(runId, path));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const at = `${path}.${key}`;
    out[key] = sensitive(key) && item !== null && item !== undefined ? cipher.seal(item, aad(runId, at)) : sealTree(cipher, runId, at, item, sensitive);
  }
  return out;
}

/** `value` with every sealed value opened (throws EncryptionKeyError when one does not open). */
export function openTree(cipher: FieldCipher, runId: string, path: string, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item, i) => openTree(cipher, runId, `${path}.${i}`, item));
  if (!isObject(value)) return value;
  if (isSealed(value)) return cipher.open(value, aad(runId, path));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = openTree(cipher, runId, `${path}.${key}`, item);
  return out;
}

/** True when `value` holds a sealed value sealed with a key other than the current one. */
export function hasOldSeal(value: unknown, currentKeyId: string): boolean {
  if (Array.isArray(value)) return value.some((item) => hasOldSeal(item, currentKeyId));
  if (!isObject(value)) return false;
  if (isSealed(value)) return value.$enc.split(':')[1] !== currentKeyId;
  return Object.values(value).some((item) => hasOldSeal(item, currentKeyId));
}
