import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@stepwise/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAICompatibleServer } from '../ai/openai-compatible-server';
import { signUp } from '../api/auth-helpers';
import { startCluster } from './cluster';

const RUNS = 300;
const AT_ONCE = 30;
const KILL_EVERY_MS = 3_000;
const USERS = 10;

const aiStep = (id: string, deps: string[], autoAccept: boolean) => ({
  id,
  name: id,
  type: 'ai_generated',
  dependencies: deps,
  ai_prompt: 'Saving {{ask.amount}} a month. One tip.',
  config: { auto_accept: autoAccept, cache_ttl_ms: 0, output_schema: { type: 'object', properties: { tip: { type: 'string' } }, required: ['tip'] } },
});
const ask = { id: 'ask', name: 'Amount', type: 'data_collection', config: { schema: { type: 'object', properties: { amount: { type: 'number' } }, required: ['amount'] } } };
const grow = (deps: string[]) => ({
  id: 'grow',
  name: 'Grow',
  type: 'calculation',
  dependencies: deps,
  config: { formula: 'compound_growth', inputs: { principal: 'ask.amount', annual_rate_pct: '4.0', years: '10' } },
});
// Mixed: a form, a calculation, an AI answer a person reviews (accepted, or rejected once then accepted).
const reviewed = { id: 'reviewed', name: 'Reviewed', category: 'saving', entry_points: ['ask'], exit_points: ['advice'], steps: [ask, grow(['ask']), aiStep('advice', ['grow'], false)] };
// A form, then an AI answer accepted by itself, then a calculation after it.
const automatic = { id: 'automatic', name: 'Automatic', category: 'saving', entry_points: ['ask'], exit_points: ['grow'], steps: [ask, aiStep('tip', ['ask'], true), grow(['tip'])] };

let db: TestDatabase;
let model: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;
let cluster: Awaited<ReturnType<typeof startCluster>> | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
  model = await startOpenAICompatibleServer(async () => {
    await new Promise((r) => setTimeout(r, 30 + Math.random() * 150));
    return { content: JSON.stringify({ tip: 'Automate the transfer on payday.' }) };
  });
});
afterAll(async () => {
  await cluster?.stop();
  await model?.close();
  await db?.drop();
});

describe('three processes, one killed with SIGKILL every few seconds', () => {
  it(`${RUNS} runs driven by a scripted client all complete; every step's output is recorded exactly once; none is stuck`, { timeout: 420_000 }, async () => {
    cluster = await startCluster(3, {
      DATABASE_URL: db.url,
      MODEL: 'openai-compatible:test-model',
      OPENAI_BASE_URL: model.baseURL,
      LEASE_MS: '2000',
      RATE_LIMIT_AI_STEPS_PER_MINUTE: '100000',
      MAX_ACTIVE_RUNS_PER_USER: '1000',
      LOG_LEVEL: 'warn',
    });
    const c = cluster;
    const users = await Promise.all(Array.from({ length: USERS }, () => signUp(c.anyUrl())));
    // Each user starts their own copies of the two workflows.
    const flows = await Promise.all(
      users.map(async (u) => ({
        reviewed: (await c.call(u.cookie, (api) => api.workflows.create.mutate({ definition: reviewed }))).id,
        automatic: (await c.call(u.cookie, (api) => api.workflows.create.mutate({ definition: automatic }))).id,
      })),
    );

    let stopChaos = false;
    const chaos = (async () => {
      for (let victim = 0; !stopChaos; victim = (victim + 1) % 3) {
        await new Promise((r) => setTimeout(r, KILL_EVERY_MS));
        if (stopChaos) break;
        await c.killAndRestart(victim);
        await c.members[victim]!.ready; // the next kill waits until this one is back: two of three stay up
      }
    })();

    const runIds: string[] = [];
    async function drive(n: number): Promise<void> {
      const user = users[n % USERS]!;
      const kind = n % 3 === 0 ? 'automatic' : 'reviewed';
      const rejectFirst = n % 3 === 1;
      const runId = randomUUID();
      runIds.push(runId);
      await c.call(user.cookie, (api) => api.executions.start.mutate({ workflowId: flows[n % USERS]![kind], runId }));
      let mustReject = rejectFirst;
      let rejectedAttempt = 0;
      for (let turn = 0; turn < 400; turn++) {
        const run = await c.call(user.cookie, (api) => api.executions.get.query({ id: runId }));
        if (run.status === 'completed') return;
        if (run.status === 'failed' || run.status === 'cancelled') throw new Error(`run ${runId} ended ${run.status}: ${JSON.stringify(run.error)}`);
        const waiting = run.steps.find((s) => s.status === 'waiting');
        if (!waiting) {
          await new Promise((r) => setTimeout(r, 100)); // queued, or a model answer in flight
          continue;
        }
        // A reject that went through shows up as a later attempt (its answer may have been lost): never reject twice.
        if (mustReject && rejectedAttempt > 0 && waiting.attempt > rejectedAttempt) mustReject = false;
        try {
          if (waiting.waitingFor === 'input') {
            await c.call(user.cookie, (api) => api.executions.submitInput.mutate({ id: runId, stepId: waiting.stepId, data: { amount: 100 + n } }));
          } else if (mustReject) {
            rejectedAttempt = waiting.attempt;
            await c.call(user.cookie, (api) => api.executions.reject.mutate({ id: runId, stepId: waiting.stepId, feedback: 'Shorter, please' }), 1);
          } else {
            await c.call(user.cookie, (api) => api.executions.accept.mutate({ id: runId, stepId: waiting.stepId }));
          }
        } catch (error) {
          // Answered already (a retry after a lost answer, or the reject went through): read again.
          if (!/CONFLICT|not waiting|no AI result|fetch failed/i.test(String((error as Error).message) + JSON.stringify((error as { data?: unknown }).data))) throw error;
        }
      }
      const state = await db.pool.query(
        `select e.status, e.lease_owner, e.lease_expires_at, now() as at, json_agg(json_build_object('step', s.step_id, 'attempt', s.attempt, 'status', s.status)) as steps
           from workflow_executions e left join workflow_step_executions s on s.execution_id = e.id where e.id = $1 group by e.id`,
        [runId],
      );
      throw new Error(`run ${runId} did not finish: ${JSON.stringify(state.rows[0])}`);
    }

    let nextRun = 0;
    const workers = Array.from({ length: AT_ONCE }, async () => {
      while (nextRun < RUNS) await drive(nextRun++);
    });
    try {
      await Promise.all(workers);
    } finally {
      stopChaos = true;
      await chaos;
    }

    console.info(`chaos: ${RUNS} runs on 3 processes, ${c.kills()} killed with SIGKILL and restarted`);
    expect(c.kills()).toBeGreaterThanOrEqual(3);
    const { rows: unfinished } = await db.pool.query<{ n: number }>(`select count(*)::int as n from workflow_executions where status <> 'completed'`);
    expect(unfinished[0]!.n).toBe(0);
    const { rows: runs } = await db.pool.query<{ n: number }>(`select count(*)::int as n from workflow_executions`);
    expect(runs[0]!.n).toBe(RUNS);
    const { rows: notOnce } = await db.pool.query(
      `select execution_id, step_id, count(*) filter (where status = 'completed')::int as completed
         from workflow_step_executions where execution_id = any($1::uuid[])
        group by execution_id, step_id having count(*) filter (where status = 'completed') <> 1`,
      [runIds],
    );
    expect(notOnce).toEqual([]);
  });
});
