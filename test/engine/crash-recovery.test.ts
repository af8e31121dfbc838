import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, insertDefinition, insertUser, type TestDatabase } from '@stepwise/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crashWorkflow } from './fixtures/crash-workflow';
import { testEnv } from '../env';

const here = path.dirname(fileURLToPath(import.meta.url));
const worker = path.join(here, 'fixtures/worker.ts');
const repoRoot = path.resolve(here, '../..');

let db: TestDatabase;
beforeAll(async () => (db = await createTestDatabase()));
afterAll(async () => db?.drop());

function startWorker(env: Record<string, string>): { child: ChildProcess; output: Promise<string> } {
  // node itself (not the tsx wrapper), so SIGKILL hits the process that runs the engine.
  const child = spawn(process.execPath, ['--import', 'tsx', worker], {
    cwd: repoRoot,
    env: { ...testEnv.inherited(), DATABASE_URL: db.url, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const output = new Promise<string>((resolve, reject) =>
    child.on('exit', (code, signal) => (code === 0 || signal === 'SIGKILL' ? resolve(out) : reject(new Error(`worker exited ${code}: ${err}`)))),
  );
  return { child, output };
}

async function completedSteps(runId: string): Promise<{ step_id: string; attempt: number; completed_at: Date }[]> {
  const { rows } = await db.pool.query(
    `select step_id, attempt, completed_at from workflow_step_executions where execution_id = $1 and status = 'completed' order by step_id, attempt`,
    [runId],
  );
  return rows;
}

describe('crash recovery', () => {
  it('a process killed with SIGKILL mid-run: another takes over, no completed step runs again, each output recorded once', async () => {
    const userId = await insertUser(db.pool);
    const workflowId = await insertDefinition(db.pool, crashWorkflow(150));
    const runId = randomUUID();
    const env = { RUN_ID: runId, USER_ID: userId, WORKFLOW_ID: workflowId, LEASE_MS: '1500', STEP_MS: '150' };

    const first = startWorker({ ...env, WORKER_MODE: 'start' });
    // Kill it once a few steps are committed and the next one is in flight.
    const deadline = Date.now() + 30_000;
    let before: Awaited<ReturnType<typeof completedSteps>> = [];
    while (Date.now() < deadline) {
      before = await completedSteps(runId);
      if (before.length >= 3) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(before.length).toBeGreaterThanOrEqual(3);
    first.child.kill('SIGKILL');
    await first.output;
    before = await completedSteps(runId);
    expect(before.length).toBeLessThan(10);
    const { rows: mid } = await db.pool.query('select status, lease_owner from workflow_executions where id = $1', [runId]);
    expect(mid[0]).toMatchObject({ status: 'running' });

    const started = Date.now();
    const second = startWorker({ ...env, WORKER_MODE: 'recover' });
    const result = JSON.parse((await second.output).trim().split('\n').pop()!) as { executed: string[] };
    const tookOverMs = Date.now() - started;

    const { rows } = await db.pool.query('select status, results from workflow_executions where id = $1', [runId]);
    expect(rows[0].status).toBe('completed');
    const after = await completedSteps(runId);
    // Every step completed exactly once.
    expect(after.map((s) => s.step_id).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `s${i + 1}`).sort());
    // Steps completed before the crash were not executed again by the second process...
    const doneBefore = new Set(before.map((s) => s.step_id));
    expect(result.executed.filter((id) => doneBefore.has(id))).toEqual([]);
    // ...and their rows are untouched.
    for (const s of before) expect(after.find((a) => a.step_id === s.step_id)!.completed_at).toEqual(s.completed_at);
    expect(result.executed.length).toBe(10 - before.length);
    expect(tookOverMs).toBeLessThan(20_000);
  });
});
