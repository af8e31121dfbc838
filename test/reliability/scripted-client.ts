import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { startOpenAICompatibleServer } from '../ai/openai-compatible-server';
import { signUp } from '../api/auth-helpers';
import type { startCluster } from './cluster';

type Cluster = Awaited<ReturnType<typeof startCluster>>;

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
export const reviewed = { id: 'reviewed', name: 'Reviewed', category: 'saving', entry_points: ['ask'], exit_points: ['advice'], steps: [ask, grow(['ask']), aiStep('advice', ['grow'], false)] };
// A form, then an AI answer accepted by itself, then a calculation after it.
export const automatic = { id: 'automatic', name: 'Automatic', category: 'saving', entry_points: ['ask'], exit_points: ['grow'], steps: [ask, aiStep('tip', ['ask'], true), grow(['tip'])] };


/** Users with their own copies of the two workflows. */
export async function usersWithWorkflows(c: Cluster, count: number) {
  const users = await Promise.all(Array.from({ length: count }, () => signUp(c.anyUrl())));
  return Promise.all(
    users.map(async (u) => ({
      cookie: u.cookie,
      reviewed: (await c.call(u.cookie, (api) => api.workflows.create.mutate({ definition: reviewed }))).id,
      automatic: (await c.call(u.cookie, (api) => api.workflows.create.mutate({ definition: automatic }))).id,
    })),
  );
}

/**
 * Drives `runs` runs to the end like people would, `atOnce` at a time, through whichever process
 * answers: fills forms, accepts AI answers and rejects a third of them once. Every call is retried on
 * another process when one dies; an answer that already went through (CONFLICT) is read again.
 */
export async function driveRuns(c: Cluster, users: Awaited<ReturnType<typeof usersWithWorkflows>>, runs: number, atOnce: number, db: pg.Pool): Promise<string[]> {
    const runIds: string[] = [];
    async function drive(n: number): Promise<void> {
      const user = users[n % users.length]!;
      const kind = n % 3 === 0 ? 'automatic' : 'reviewed';
      const rejectFirst = n % 3 === 1;
      const runId = randomUUID();
      runIds.push(runId);
      await c.call(user.cookie, (api) => api.executions.start.mutate({ workflowId: user[kind], runId }));
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
          // Answered already (a retry after a lost answer), or a reject that may not have gone through: read again.
          if (!/CONFLICT|not waiting|no AI result|fetch failed|SERVICE_UNAVAILABLE/i.test(String((error as Error).message) + JSON.stringify((error as { data?: unknown }).data))) throw error;
        }
      }
      const state = await db.query(
        `select e.status, e.lease_owner, e.lease_expires_at, now() as at, json_agg(json_build_object('step', s.step_id, 'attempt', s.attempt, 'status', s.status)) as steps
           from workflow_executions e left join workflow_step_executions s on s.execution_id = e.id where e.id = $1 group by e.id`,
        [runId],
      );
      throw new Error(`run ${runId} did not finish: ${JSON.stringify(state.rows[0])}`);
    }

  let nextRun = 0;
  await Promise.all(
    Array.from({ length: atOnce }, async () => {
      while (nextRun < runs) await drive(nextRun++);
    }),
  );
  return runIds;
}

/** What is left after the load: unfinished runs, all runs, and (run, step) pairs not completed exactly once. */
export async function endState(db: pg.Pool, runIds: string[]) {
  const unfinished = (await db.query<{ n: number }>(`select count(*)::int as n from workflow_executions where status <> 'completed'`)).rows[0]!.n;
  const total = (await db.query<{ n: number }>(`select count(*)::int as n from workflow_executions`)).rows[0]!.n;
  const { rows: notOnce } = await db.query(
    `select execution_id, step_id, count(*) filter (where status = 'completed')::int as completed
       from workflow_step_executions where execution_id = any($1::uuid[])
      group by execution_id, step_id having count(*) filter (where status = 'completed') <> 1`,
    [runIds],
  );
  return { unfinished, total, notOnce };
}

/** The model the AI steps call: a local OpenAI-compatible server answering a tip in 30-180 ms. */
export const startTipModel = () =>
  startOpenAICompatibleServer(async () => {
    await new Promise((r) => setTimeout(r, 30 + Math.random() * 150));
    return { content: JSON.stringify({ tip: 'Automate the transfer on payday.' }) };
  });

/** What every process of a load test runs with: fast takeover, limits out of the way. */
export const clusterEnv = (databaseUrl: string, modelUrl: string) => ({
  DATABASE_URL: databaseUrl,
  MODEL: 'openai-compatible:test-model',
  OPENAI_BASE_URL: modelUrl,
  LEASE_MS: '2000',
  RATE_LIMIT_AI_STEPS_PER_MINUTE: '100000',
  MAX_ACTIVE_RUNS_PER_USER: '1000',
  LOG_LEVEL: 'warn',
});
