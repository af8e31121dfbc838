import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateKeySpec } from '@stepwise/db';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { openRunSealer } from './encryption';
import { createLogger } from './logger';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
const silent = createLogger('silent');

describe('encryption keys from the environment', () => {
  it('production refuses to start without a key; malformed keys are refused with how to make one', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/STEPWISE_ENCRYPTION_KEYS: is needed in production/);
    expect(() => loadConfig({ ENCRYPTION_KEY: 'not-a-key' })).toThrow(/ENCRYPTION_KEY: must be 32 bytes in base64 \(openssl rand -base64 32\)/);
    expect(() => loadConfig({ STEPWISE_ENCRYPTION_KEYS: `${generateKeySpec()},short` })).toThrow(/STEPWISE_ENCRYPTION_KEYS/);
    const keys = `${generateKeySpec()}, ${generateKeySpec()}`;
    expect(loadConfig({ NODE_ENV: 'production', STEPWISE_ENCRYPTION_KEYS: keys }).STEPWISE_ENCRYPTION_KEYS).toBe(keys);
  });

  it('on a fresh machine a key is generated into DATA_DIR (mode 600) and used again on the next start', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'stepwise-data-'));
    dirs.push(dataDir);
    const first = await openRunSealer(loadConfig({ DATA_DIR: dataDir }), silent);
    expect((await stat(path.join(dataDir, 'encryption-key'))).mode & 0o777).toBe(0o600);
    const second = await openRunSealer(loadConfig({ DATA_DIR: dataDir }), silent);
    expect(second.cipher.keys.current.id).toBe(first.cipher.keys.current.id);

    const spec = generateKeySpec();
    const configured = await openRunSealer(loadConfig({ DATA_DIR: dataDir, ENCRYPTION_KEY: spec.split(':')[1] }), silent);
    expect(configured.cipher.keys.current.id).toBe(spec.split(':')[0]);
  });
});
