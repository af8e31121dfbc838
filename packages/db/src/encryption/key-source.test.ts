import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FieldCipher } from './cipher';
import { loadKeyRing } from './key-source';
import { EncryptionKeyError, generateKeySpec, parseKeyRing } from './keys';

const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stepwise-keys-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('encryption keys', () => {
  it('without configured keys, generates one key file (mode 600) and reuses it, also when processes race', async () => {
    const keyFile = path.join(await tempDir(), 'nested', 'encryption-key');
    const racing = await Promise.all(Array.from({ length: 5 }, () => loadKeyRing({ keyFile, required: false })));
    expect(racing.filter((r) => r.file?.created)).toHaveLength(1);
    expect(new Set(racing.map((r) => r.ring.current.key.toString('hex'))).size).toBe(1);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    const again = await loadKeyRing({ keyFile, required: false });
    expect(again.file).toEqual({ path: keyFile, created: false });
    expect(again.ring.current.id).toBe((await readFile(keyFile, 'utf8')).split(':')[0]);
  });

  it('requires configured keys in production and never falls back to a file there', async () => {
    const keyFile = path.join(await tempDir(), 'encryption-key');
    await expect(loadKeyRing({ keyFile, required: true })).rejects.toThrow(/STEPWISE_ENCRYPTION_KEYS/);
    await expect(stat(keyFile)).rejects.toThrow();
    const spec = generateKeySpec();
    expect((await loadKeyRing({ spec, keyFile, required: true })).ring.current.id).toBe(spec.split(':')[0]);
  });

  it('refuses keys of the wrong size and two different keys under one id', () => {
    expect(() => parseKeyRing('short')).toThrow(EncryptionKeyError);
    const [a, b] = [generateKeySpec(), generateKeySpec()];
    expect(() => parseKeyRing(`k1:${a.split(':')[1]},k1:${b.split(':')[1]}`)).toThrow(/share the id "k1"/);
    const bare = parseKeyRing(a.split(':')[1]!);
    expect(bare.current.id).toBe(a.split(':')[0]);
  });

  it('a sealed value only opens at the place it was sealed for', () => {
    const cipher = new FieldCipher(parseKeyRing(generateKeySpec()));
    const sealed = cipher.seal({ income: 5000 }, 'run-1\u0000context.data.budget.income');
    expect(cipher.open(sealed, 'run-1\u0000context.data.budget.income')).toEqual({ income: 5000 });
    expect(() => cipher.open(sealed, 'run-2\u0000context.data.budget.income')).toThrow(EncryptionKeyError);
    expect(() => cipher.open({ $enc: 'v1:x' }, 'run-1\u0000a')).toThrow(/damaged/);
  });
});
