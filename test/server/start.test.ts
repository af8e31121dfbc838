import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '@stepwise/db';
import { describe, expect, it } from 'vitest';
import { testEnv } from '../env';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Runs the server the way `npm start` does, as its own process. */
function startServer(env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: repoRoot,
    env: { ...testEnv.inherited(), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, log: () => log };
}

async function waitForHealth(url: string, server: { log(): string; child: ChildProcess }, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited: ${server.log()}`);
    const res = await fetch(`${url}/healthz`).catch(() => null);
    if (res) return res;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not answer: ${server.log()}`);
}

describe('npm start', () => {
  it('serves /healthz on PORT with DATABASE_URL, seeds the templates, and stops cleanly on SIGTERM', async () => {
    const db = await createTestDatabase();
    try {
      const port = await freePort();
      const server = startServer({ DATABASE_URL: db.url, PORT: String(port) });
      const res = await waitForHealth(`http://127.0.0.1:${port}`, server);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true });
      const { rows } = await db.pool.query('select key from workflow_templates order by key');
      expect(rows.map((r) => r.key)).toEqual(
        expect.arrayContaining(['investor-onboarding', 'portfolio-rebalancing', 'monthly-budget-review', 'retirement-plan', 'stock-research-checklist', 'tax-loss-harvesting-review']),
      );
      expect((await fetch(`http://127.0.0.1:${port}/nope`)).status).toBe(404);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(server.log()).not.toMatch(/password|secret/i);
    } finally {
      await db.drop();
    }
  });

  it('with no DATABASE_URL starts an embedded PostgreSQL in DATA_DIR and stops it on SIGTERM', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'stepwise-start-'));
    try {
      const port = await freePort();
      const server = startServer({ DATABASE_URL: undefined, DATA_DIR: dataDir, PORT: String(port) });
      const res = await waitForHealth(`http://127.0.0.1:${port}`, server, 90_000);
      expect(res.status).toBe(200);
      expect(server.log()).toContain('Using embedded PostgreSQL');
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      // The embedded PostgreSQL is gone: no process runs on its data directory any more.
      const { execFileSync } = await import('node:child_process');
      const ps = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
      expect(ps.split('\n').filter((line) => line.includes(dataDir))).toEqual([]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
