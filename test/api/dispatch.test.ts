import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@stepwise/db';
import type { EngineEvent } from '@stepwise/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './auth-helpers';
import { askThenGrow, errorCode, saveWorkflow, startTestApp, type TestApp } from './harness';

// Two processes on one database: "web" queues but takes no jobs, "worker" takes them.
let db: TestDatabase;
let web: TestApp;
let worker: TestApp;
const driven: { process: string; runId: string }[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  web = await startTestApp({}, db, { takeWork: false });
  worker = await startTestApp({}, db);
  for (const [name, t] of [['web', web], ['worker', worker]] as const) {
    t.app.engine.on((e: EngineEvent) => e.type === 'step.completed' && driven.push({ process: name, runId: e.runId }));
  }
});
afterAll(async () => {
  await web?.stop();
  await worker?.stop();
  await db?.drop();
});

const jobs = async (runId: string) =>
  (await db.pool.query<{ state: string }>(`select state from pgboss.job where name = 'advance-run' and data->>'runId' = $1 order by created_on`, [runId])).rows.map(
    (r) => r.state,
  );

describe('runs dispatched through the pg-boss queue', () => {
  it('a start and an answer sent to one process are advanced by the process that takes the jobs, and the answer comes back settled', async () => {
    const me = await signUp(web.url);
    const alice = web.client(me.headers);
    const { workflowId } = await saveWorkflow(web, me.user.id, askThenGrow(3));

    const started = await alice.executions.start.mutate({ workflowId });
    expect(started.status).toBe('waiting_for_input');
    const answered = await alice.executions.submitInput.mutate({ id: started.id, stepId: 'ask', data: { amount: 1000 } });
    expect(answered.status).toBe('completed');
    expect(answered.data.grow).toMatchObject({ future_value: 1161.47 });

    expect(await jobs(started.id)).toEqual(['completed', 'completed']);
    const byProcess = driven.filter((d) => d.runId === started.id).map((d) => d.process);
    // The answer is recorded where it arrived; the calculation after it ran in the worker.
    expect(byProcess).toEqual(['web', 'worker']);
  });

  it('many runs started at once through one process all settle, each step recorded once', async () => {
    const me = await signUp(web.url);
    const alice = web.client(me.headers);
    const { workflowId } = await saveWorkflow(web, me.user.id, askThenGrow(1));
    const runs = await Promise.all(Array.from({ length: 12 }, () => alice.executions.start.mutate({ workflowId })));
    const answered = await Promise.all(runs.map((r, i) => alice.executions.submitInput.mutate({ id: r.id, stepId: 'ask', data: { amount: 100 + i } })));
    expect(answered.map((r) => r.status)).toEqual(runs.map(() => 'completed'));
    const { rows } = await db.pool.query<{ n: number }>(
      `select count(*)::int as n from workflow_step_executions where execution_id = any($1::uuid[]) group by execution_id, step_id having count(*) > 1`,
      [runs.map((r) => r.id)],
    );
    expect(rows).toEqual([]);
  });

  it('a start retried with the same runId (its answer lost) never starts a second run', async () => {
    const me = await signUp(web.url);
    const alice = web.client(me.headers);
    const { workflowId } = await saveWorkflow(web, me.user.id, askThenGrow(1));
    const runId = randomUUID();
    const tries = await Promise.all(Array.from({ length: 5 }, () => alice.executions.start.mutate({ workflowId, runId })));
    expect(new Set(tries.map((r) => r.id))).toEqual(new Set([runId]));
    expect((await alice.executions.start.mutate({ workflowId, runId })).status).toBe('waiting_for_input');
    const { rows } = await db.pool.query<{ n: number }>(`select count(*)::int as n from workflow_executions where user_id = $1`, [me.user.id]);
    expect(rows[0]!.n).toBe(1);
    const bob = web.client((await signUp(web.url)).headers);
    expect(await errorCode(bob.executions.start.mutate({ workflowId, runId }))).toBe('CONFLICT');
  });
});
