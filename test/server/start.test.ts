import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '@stepwise/db';
import { describe, expect, it, onTestFinished } from 'vitest';
import { freePort, startServer, waitForHealth } from './process';

describe('npm start', () => {
  it('serves /healthz on PORT with DATABASE_URL, seeds the templates, and stops cleanly on SIGTERM', async () => {
    const db = await createTestDatabase();
    try {
      const port = await freePort();
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'stepwise-start-'));
      onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
      const server = startServer({ DATABASE_URL: db.url, PORT: String(port), DATA_DIR: dataDir });
      const res = await waitForHealth(`http://127.0.0.1:${port}`, server);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true });
      const { rows } = await db.pool.query('select key from workflow_templates order by key');
      expect(rows.map((r) => r.key)).toEqual(
        expect.arrayContaining(['investor-onboarding', 'portfolio-rebalancing', 'monthly-budget-review', 'retirement-plan', 'stock-research-checklist', 'tax-loss-harvesting-review']),
      );
      // The built chat app on the same port; deep links answer with the app so a reload works.
      for (const page of ['/', '/executions/5d0c1a52-0000-4000-8000-000000000000']) {
        const html = await fetch(`http://127.0.0.1:${port}${page}`);
        expect(html.headers.get('content-type')).toMatch(/text\/html/);
        expect(await html.text()).toContain('<div id="root"></div>');
      }
      expect((await fetch(`http://127.0.0.1:${port}/api/nope`)).status).toBe(404);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(server.log()).not.toMatch(/password|secret/i);
      // The first-run admin's password is in a private file the log points to, never in the log.
      const file = /one-time sign-in is in (\S+)/.exec(server.log())?.[1];
      expect(file).toBeDefined();
      const notice = await readFile(file!, 'utf8');
      const password = /admin@localhost \/ (\S+)/.exec(notice)?.[1];
      expect(password).toMatch(/^\S{24}$/);
      expect(server.log()).not.toContain(password);
      expect((await stat(file!)).mode & 0o777).toBe(0o600);
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
