import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@stepwise/db';
import type { AppRouter } from '@stepwise/server/router';
import { createTRPCClient, httpLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAICompatibleServer } from '../ai/openai-compatible-server';
import { signUp } from '../api/auth-helpers';
import { freePort, type ServerProcess, startServer, waitForHealth } from '../server/process';

const LEASE_MS = 2_000;
let db: TestDatabase;
let dataDir: string;
let model: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;
let firstCall: () => void;
const firstCallMade = new Promise<void>((resolve) => (firstCall = resolve));
const processes: ServerProcess[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'stepwise-takeover-'));
  // The first answer never comes (its process is killed while waiting); later ones come at once.
  let calls = 0;
  model = await startOpenAICompatibleServer(async () => {
    if (++calls === 1) {
      firstCall();
      await new Promise(() => undefined);
    }
    return { content: JSON.stringify({ tip: 'Automate a monthly transfer to savings.' }) };
  });
});
afterAll(async () => {
  for (const p of processes) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  await Promise.all(processes.map((p) => p.exited));
  await model?.close();
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

async function start(kind: 'server' | 'worker') {
  const port = await freePort();
  const env = {
    DATABASE_URL: db.url,
    DATA_DIR: dataDir, // one encryption key for every process
    MODEL: 'openai-compatible:test-model',
    OPENAI_BASE_URL: model.baseURL,
    LEASE_MS: String(LEASE_MS),
    ...(kind === 'server' ? { PORT: String(port), HOST: '127.0.0.1' } : { WORKER_PORT: String(port) }),
  };
  const proc = startServer(env, kind === 'worker' ? ['--worker'] : []);
  processes.push(proc);
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, proc);
  return { proc, url };
}

const client = (url: string, cookie: string) => createTRPCClient<AppRouter>({ links: [httpLink({ url: `${url}/trpc`, headers: { cookie } })] });

describe('a process killed with SIGKILL in the middle of a step', () => {
  it('another process takes the run over within the lease and finishes it; the step completes once', async () => {
    const a = await start('server');
    const me = await signUp(a.url);
    const alice = client(a.url, me.cookie);
    const saved = await alice.workflows.create.mutate({
      definition: {
        id: 'tips',
        name: 'Savings tip',
        category: 'budgeting',
        entry_points: ['tip'],
        exit_points: ['tip'],
        steps: [
          {
            id: 'tip',
            name: 'Tip',
            type: 'ai_generated',
            ai_prompt: 'One savings tip.',
            config: { auto_accept: true, cache_ttl_ms: 0, output_schema: { type: 'object', properties: { tip: { type: 'string' } }, required: ['tip'] } },
          },
        ],
      },
    });
    const run = await alice.executions.start.mutate({ workflowId: saved.id });
    await firstCallMade; // process A is now waiting for the model, holding the run's lease

    const worker = await start('worker');
    const killedAt = Date.now();
    a.proc.child.kill('SIGKILL');
    await a.proc.exited;

    const deadline = killedAt + 15_000;
    let status = '';
    while (Date.now() < deadline) {
      const { rows } = await db.pool.query<{ status: string }>(`select status from workflow_executions where id = $1`, [run.id]);
      status = rows[0]!.status;
      if (status === 'completed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe('completed');
    const tookOverMs = Date.now() - killedAt;
    console.info(`takeover: the run completed ${tookOverMs} ms after its process was killed (LEASE_MS ${LEASE_MS})`);
    expect(tookOverMs).toBeLessThan(15_000);

    const attempts = await db.pool.query<{ attempt: number; status: string }>(
      `select attempt, status from workflow_step_executions where execution_id = $1 and step_id = 'tip' order by attempt`,
      [run.id],
    );
    expect(attempts.rows.filter((r) => r.status === 'completed')).toHaveLength(1);
    expect(worker.proc.child.exitCode).toBeNull();
  });
});
