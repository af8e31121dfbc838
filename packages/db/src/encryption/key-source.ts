import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EncryptionKeyError, generateKeySpec, parseKeyRing, type KeyRing } from './keys';

export interface KeyRingOptions {
  /** The configured keys (`STEPWISE_ENCRYPTION_KEYS`, or a bare `ENCRYPTION_KEY`); unset: `keyFile`. */
  spec?: string;
  /** Where a generated key is kept on a machine without configured keys. */
  keyFile: string;
  /** In production a key must be configured: a generated one lives and dies with one disk. */
  required: boolean;
}

export interface LoadedKeyRing {
  ring: KeyRing;
  /** The key file, when the keys came from it; `created` when this call generated it. */
  file: { path: string; created: boolean } | null;
}

/** The keys to use: the configured ones, else the key file, created (mode 600) on first start. */
export async function loadKeyRing(options: KeyRingOptions): Promise<LoadedKeyRing> {
  if (options.spec?.trim()) return { ring: parseKeyRing(options.spec), file: null };
  if (options.required) {
    throw new EncryptionKeyError(
      'STEPWISE_ENCRYPTION_KEYS (or ENCRYPTION_KEY) must be set in production; generate a key with: openssl rand -base64 32',
      'invalid_key',
    );
  }
  const file = path.resolve(options.keyFile);
  let created = false;
  await mkdir(path.dirname(file), { recursive: true });
  // Written whole, then linked into place: of processes starting at once, one key wins and all read it.
  const draft = `${file}.${randomUUID()}.tmp`;
  await writeFile(draft, `${generateKeySpec()}\n`, { mode: 0o600 });
  try {
    await link(draft, file);
    created = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(draft, { force: true });
  }
  const spec = (await readFile(file, 'utf8')).trim();
  return { ring: parseKeyRing(spec), file: { path: file, created } };
}
