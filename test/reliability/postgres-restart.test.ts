import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type DatabaseHandle, openDatabase } from '@stepwise/db';
import type { AppRouter } from '@stepwise/server/router';
import { createTRPCClient, httpLink } from '@trpc/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAICompatibleServer } from '../ai/openai-compatible-server';
import { signUp } from '../api/auth-helpers';
import { freePort, type ServerProcess, startServer, waitForHealth } from '../server/process';

// A PostgreSQL of this test's own (embedded), so restarting it disturbs nothing else.
const RUNS = 10;
let dir: string;
let pgPort: number;
let database: DatabaseHandle;
let model: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;
let server: ServerProcess | undefined;

const openPostgres = () => openDatabase({ dataDir: path.join(dir, 'pg'), port: pgPort, database: 'stepwise', settings: { fsync: 'off' } });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'stepwise-pg-restart-'));
  pgPort = await freePort();
  database = await openPostgres();
  // Answers take a while, so the restart lands while model calls are in flight.
  model = await startOpenAICompatibleServer(async () => {
    await new Promise((r) => setTimeout(r, 800));
    return { content: JSON.stringify({ tip: 'Pay yourself first.' }) };
  });
});
afterAll(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  await model?.close();
  await database?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('PostgreSQL restarted in the middle of runs', () => {
  it('the server stays up, reconnects, and every run completes with each step recorded once', async () => {
    const port = await freePort();
    server = startServer({
      DATABASE_URL: database.url,
      DATA_DIR: dir,
      PORT: String(port),
      HOST: '127.0.0.1',
      MODEL: 'openai-compatible:test-model',
      OPENAI_BASE_URL: model.baseURL,
      LEASE_MS: '2000',
      RATE_LIMIT_AI_STEPS_PER_MINUTE: '1000',
      LOG_LEVEL: 'debug',
    });
    const url = `http://127.0.0.1:${port}`;
    await waitForHealth(url, server);
    const me = await signUp(url);
    const alice = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${url}/trpc`, headers: { cookie: me.cookie } })] });
    const saved = await alice.workflows.create.mutate({
      definition: {
        id: 'save-more',
        name: 'Save more',
        category: 'budgeting',
        entry_points: ['ask'],
        exit_points: ['tip'],
        steps: [
          { id: 'ask', name: 'Income', type: 'data_collection', config: { schema: { type: 'object', properties: { income: { type: 'number' } }, required: ['income'] } } },
          {
            id: 'tip',
            name: 'Tip',
            type: 'ai_generated',
            dependencies: ['ask'],
            ai_prompt: 'Income {{ask.income}}. One tip.',
            config: { auto_accept: true, cache_ttl_ms: 0, output_schema: { type: 'object', properties: { tip: { type: 'string' } }, required: ['tip'] } },
          },
        ],
      },
    });
    const runs = await Promise.all(Array.from({ length: RUNS }, () => alice.executions.start.mutate({ workflowId: saved.id })));
    await Promise.all(runs.map((r, i) => alice.executions.submitInput.mutate({ id: r.id, stepId: 'ask', data: { income: 3000 + i } })));

    await database.stop(); // model calls are in flight now
    await new Promise((r) => setTimeout(r, 1_500));
    database = await openPostgres();

    const check = new pg.Pool({ connectionString: database.url, max: 2 });
    check.on('error', () => undefined);
    try {
      const deadline = Date.now() + 45_000;
      let done = 0;
      while (Date.now() < deadline) {
        const { rows } = await check.query<{ n: number }>(`select count(*)::int as n from workflow_executions where id = any($1::uuid[]) and status = 'completed'`, [
          runs.map((r) => r.id),
        ]);
        done = rows[0]!.n;
        if (done === RUNS) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      if (done !== RUNS) console.error(server.log().slice(-6000));
      expect(done).toBe(RUNS);
      expect(server.child.exitCode).toBeNull();
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      // SIGTERM after the restart: a graceful shutdown, in bounded time.
      server.child.kill('SIGTERM');
      const exit = await Promise.race([server.exited, new Promise((r) => setTimeout(() => r('hung'), 25_000))]);
      if (exit !== 0) console.error(server.log().split('\n').filter((l) => /closed|close failed|Shutting/.test(l)).join('\n'));
      expect(exit).toBe(0);
      const { rows } = await check.query<{ n: number }>(
        `select count(*)::int as n from workflow_step_executions where execution_id = any($1::uuid[]) and status = 'completed' group by execution_id, step_id`,
        [runs.map((r) => r.id)],
      );
      expect(rows.map((r) => r.n)).toEqual(Array(RUNS * 2).fill(1));
    } finally {
      await check.end();
    }
  });
});
