import { saveDefinitionVersion } from '@stepwise/db';
import { formStep, workflow } from '@stepwise/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './auth-helpers';
import { errorCode, startTestApp, type TestApp } from './harness';

/**
 * Alice's "Retirement check" (a form, then an AI analysis): today a completed run whose analysis was
 * rejected once, a completed one and a failed one; 3 days ago a completed one; 40 days ago another.
 * Her "Budget": one run waiting, one cancelled, today. Bob: one run with AI use of his own.
 */
let t: TestApp;
let alice: ReturnType<TestApp['client']>;
let bob: ReturnType<TestApp['client']>;
let retirementId: string;
let budgetId: string;

type Attempt = { step: string; type?: string; status: string; attempt?: number; rejected?: boolean; ai?: [tokens: number, cost: string] };

/** One run `ago` (e.g. '3 days') lasting `ms`, its step attempts, and their model calls (made when the run was). */
async function seedRun(versionId: string, userId: string, status: string, ago: string, ms: number, attempts: Attempt[] = []) {
  const { rows } = await t.db.pool.query<{ id: string }>(
    `insert into workflow_executions (workflow_id, user_id, session_id, status, context, created_at, started_at, completed_at)
     values ($1, $2, 'seed', $3::text, '{}'::jsonb, now() - $4::interval, now() - $4::interval - make_interval(secs => $5::float8 / 1000),
             case when $3::text in ('completed', 'failed', 'cancelled') then now() - $4::interval end)
     returning id`,
    [versionId, userId, status, ago, ms],
  );
  for (const a of attempts) {
    const error = a.rejected ? { code: 'rejected', message: 'Shorter, please' } : a.status === 'failed' ? { code: 'model_error', message: 'No answer' } : null;
    const step = await t.db.pool.query<{ id: string }>(
      `insert into workflow_step_executions (execution_id, step_id, step_type, attempt, status, error, feedback, started_at)
       values ($1, $2, $3, $4, $5, $6::jsonb, $7, now()) returning id`,
      [rows[0]!.id, a.step, a.type ?? 'ai_generated', a.attempt ?? 1, a.status, error && JSON.stringify(error), a.rejected ? 'Shorter, please' : null],
    );
    if (a.ai) {
      await t.db.pool.query(
        `insert into ai_step_executions (step_execution_id, ai_model, prompt, response, tokens_used, cost_usd, created_at)
         values ($1, 'test-model', 'p', 'r', $2, $3, now() - $4::interval)`,
        [step.rows[0]!.id, a.ai[0], a.ai[1], ago],
      );
    }
  }
}

const utcDay = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await startTestApp();
  const a = await signUp(t.url);
  const b = await signUp(t.url);
  [alice, bob] = [t.client(a.headers), t.client(b.headers)];
  const orm = await t.db.orm();
  const advice = {
    id: 'advice',
    name: 'Investment advice',
    type: 'ai_generated' as const,
    dependencies: ['profile'],
    ai_prompt: 'Suggest an allocation.',
    config: { output_schema: { type: 'object', properties: { summary: { type: 'string' } } } },
  };
  const save = (ownerId: string, name: string, steps: Parameters<typeof workflow>[0]) =>
    saveDefinitionVersion(orm.em.fork(), { ownerId, definition: t.app.engine.validate(workflow(steps, { name, category: 'finance' })) });
  const retirement = await save(a.user.id, 'Retirement check', [formStep('profile', { age: { type: 'number' } }), advice]);
  const budget = await save(a.user.id, 'Budget', [formStep('income', { amount: { type: 'number' } })]);
  const other = await save(b.user.id, 'Other', [formStep('profile', { age: { type: 'number' } }), advice]);
  [retirementId, budgetId] = [retirement.workflowId, budget.workflowId];

  const profile: Attempt = { step: 'profile', type: 'data_collection', status: 'completed' };
  await seedRun(retirement.id, a.user.id, 'completed', '0 days', 2000, [
    profile,
    { step: 'advice', status: 'cancelled', rejected: true, ai: [300, '0.0100'] },
    { step: 'advice', status: 'completed', attempt: 2, ai: [200, '0.0050'] },
  ]);
  await seedRun(retirement.id, a.user.id, 'completed', '0 days', 4000, [profile, { step: 'advice', status: 'completed', ai: [500, '0.0200'] }]);
  await seedRun(retirement.id, a.user.id, 'failed', '0 days', 0, [profile, { step: 'advice', status: 'failed', ai: [100, '0.0010'] }]);
  await seedRun(retirement.id, a.user.id, 'completed', '3 days', 6000, [profile, { step: 'advice', status: 'completed', ai: [1000, '0.1000'] }]);
  await seedRun(retirement.id, a.user.id, 'completed', '40 days', 1000, [profile, { step: 'advice', status: 'completed', ai: [9999, '1.0000'] }]);
  await seedRun(budget.id, a.user.id, 'waiting_for_input', '0 days', 0, [{ step: 'income', type: 'data_collection', status: 'waiting' }]);
  await seedRun(budget.id, a.user.id, 'cancelled', '0 days', 0);
  await seedRun(other.id, b.user.id, 'completed', '0 days', 700, [{ step: 'advice', status: 'completed', ai: [777, '7.0000'] }]);
});
afterAll(async () => t?.stop());

describe('analytics.overview', () => {
  it("totals, durations and AI use of the caller's runs in the last 30 days", async () => {
    const o = await alice.analytics.overview.query({ days: 30 });
    expect(o).toMatchObject({ days: 30, runs: 6, completed: 3, failed: 1, cancelled: 1, inProgress: 1, successRate: 3 / 5 });
    // percentile_cont over 2000, 4000, 6000 ms: p95 = 4000 + 0.9 * 2000.
    expect(o.durationMs).toEqual({ p50: 4000, p95: 5800 });
    expect(o.ai).toEqual({ calls: 5, tokens: 2100, costUsd: 0.136 });
  });

  it('has a row for every day: AI use by the day of the call, the median duration of the runs of that day', async () => {
    const o = await alice.analytics.overview.query({ days: 30 });
    expect(o.daily).toHaveLength(30);
    expect(o.daily.map((d) => d.day)).toEqual(Array.from({ length: 30 }, (_, i) => utcDay(29 - i)));
    const byDay = Object.fromEntries(o.daily.map((d) => [d.day, d]));
    expect(byDay[utcDay(0)]).toEqual({ day: utcDay(0), aiCalls: 4, tokens: 1100, costUsd: 0.036, p50DurationMs: 3000 });
    expect(byDay[utcDay(3)]).toEqual({ day: utcDay(3), aiCalls: 1, tokens: 1000, costUsd: 0.1, p50DurationMs: 6000 });
    expect(byDay[utcDay(1)]).toEqual({ day: utcDay(1), aiCalls: 0, tokens: 0, costUsd: 0, p50DurationMs: null });
  });

  it('per workflow runs, success rate and median duration; reject rate and AI use per AI step', async () => {
    const o = await alice.analytics.overview.query({ days: 30 });
    expect(o.workflows).toEqual([
      { workflowId: retirementId, name: 'Retirement check', runs: 4, completed: 3, successRate: 3 / 4, p50DurationMs: 4000 },
      { workflowId: budgetId, name: 'Budget', runs: 2, completed: 0, successRate: 0, p50DurationMs: null },
    ]);
    expect(o.aiSteps).toEqual([
      {
        workflowId: retirementId,
        workflowName: 'Retirement check',
        stepId: 'advice',
        stepName: 'Investment advice',
        accepted: 3,
        rejected: 1,
        rejectRate: 0.25,
        tokens: 2100,
        costUsd: 0.136,
      },
    ]);
  });

  it('90 days reach the older run; another user sees only their own runs', async () => {
    const quarter = await alice.analytics.overview.query({ days: 90 });
    expect(quarter).toMatchObject({ runs: 7, completed: 4, ai: { calls: 6, tokens: 12_099 } });
    expect(quarter.daily).toHaveLength(90);
    const bobs = await bob.analytics.overview.query({ days: 7 });
    expect(bobs).toMatchObject({ runs: 1, completed: 1, successRate: 1, ai: { calls: 1, tokens: 777, costUsd: 7 } });
    expect(bobs.workflows.map((w) => w.name)).toEqual(['Other']);
    expect(bobs.aiSteps).toMatchObject([{ stepId: 'advice', accepted: 1, rejected: 0, rejectRate: 0 }]);
  });

  it('with no runs every count is zero and every rate null; a period other than 7, 30 or 90 is BAD_REQUEST', async () => {
    const nobody = t.client((await signUp(t.url)).headers);
    const o = await nobody.analytics.overview.query({ days: 7 });
    expect(o).toMatchObject({ runs: 0, successRate: null, durationMs: { p50: null, p95: null }, ai: { calls: 0, tokens: 0, costUsd: 0 }, workflows: [], aiSteps: [] });
    expect(o.daily.every((d) => d.aiCalls === 0 && d.p50DurationMs === null)).toBe(true);
    expect(await errorCode(alice.analytics.overview.query({ days: 14 as 7 }))).toBe('BAD_REQUEST');
    expect(await errorCode(t.client().analytics.overview.query({ days: 7 }))).toBe('UNAUTHORIZED');
  });
});
