import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, ping } from './database';

const idOf = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));

// Always embedded (never DATABASE_URL), so CI exercises what a fresh machine runs. ~2 s.
describe('openDatabase with embedded PostgreSQL', () => {
  let dir: string;
  let dataDir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'stepwise-db-test-'));
    dataDir = path.join(dir, 'nested', 'pg');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('starts, answers select 1, stops, and starts again on the same data dir', async () => {
    const t0 = Date.now();
    const first = await openDatabase({ dataDir });
    const coldMs = Date.now() - t0;
    expect(first.embedded).toBe(true);
    expect(new URL(first.url).pathname).toBe('/stepwise');
    expect(await ping(first.url)).toBe(true);
    await first.stop();
    await expect(ping(first.url)).rejects.toThrow();

    const t1 = Date.now();
    const second = await openDatabase({ dataDir });
    const warmMs = Date.now() - t1;
    try {
      expect(await ping(second.url)).toBe(true);
    } finally {
      await second.stop();
    }
    console.log(`[db] embedded cold start (initdb + start + create db) ${coldMs} ms, restart ${warmMs} ms`);
  });

  it('reuses a postgres still running on the data dir instead of failing on the lock', async () => {
    const running = await openDatabase({ dataDir });
    try {
      const again = await openDatabase({ dataDir });
      expect(again.url).toBe(running.url);
      expect(await ping(again.url)).toBe(true);
      await again.stop(); // not ours to stop: a no-op
      expect(await ping(running.url)).toBe(true);
    } finally {
      await running.stop();
    }
  });

  it('recovers from a stale postmaster.pid whose pid now belongs to another process', async () => {
    // What a crash leaves behind, with the pid since recycled by an unrelated live process of the
    // user postgres runs as (postgres itself already ignores dead pids, other users' and its parent's).
    const asUser = process.getuid?.() === 0 ? { uid: idOf('-u'), gid: idOf('-g') } : {};
    const other = spawn('sleep', ['30'], { stdio: 'ignore', ...asUser });
    try {
      const pidFile = `${other.pid}\n${dataDir}\n1700000000\n54329\n\n127.0.0.1\n  1234 5678\nready\n`;
      await writeFile(path.join(dataDir, 'postmaster.pid'), pidFile);
      const db = await openDatabase({ dataDir });
      try {
        expect(await ping(db.url)).toBe(true);
      } finally {
        await db.stop();
      }
    } finally {
      other.kill();
    }
  });

  it('picks another port when the requested one is busy', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const busy = (blocker.address() as net.AddressInfo).port;
    try {
      const db = await openDatabase({ dataDir, port: busy });
      try {
        expect(Number(new URL(db.url).port)).not.toBe(busy);
        expect(await ping(db.url)).toBe(true);
      } finally {
        await db.stop();
      }
    } finally {
      blocker.close();
    }
  });
});
