import { saveDefinitionVersion } from '@stepwise/db';
import { formStep, workflow } from '@stepwise/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, signUpAdmin } from './auth-helpers';
import { errorCode, startTestApp, type TestApp } from './harness';
import { percentileCont, type SeedRun, seedRuns } from './learning-seed';

/**
 * Alice's "Savings plan" (form -> calculation -> reviewed AI advice; version 2 adds a summary
 * calculation nobody ran yet): 50 runs over the last 60 days, half on each version, with known step
 * times and model use; the advice of every fifth run was rejected once. One run 120 days ago is out
 * of the window. A second workflow has no runs. The built-in model is priced by MODEL_PRICES.
 */
const PRICES = { builtin: { input: 2, output: 8 } };
const RUNS = 50;
const profileMs = (i: number) => 20_000 + ((i * 7919) % 30_000);
const growMs = (i: number) => 5 + ((i * 13) % 40);
const adviceMs = (i: number) => 1_500 + ((i * 211) % 4_000);
/** Model calls per run: [tokens, cost] of the rejected one (every fifth run) and of the accepted one. */
const calls = (i: number): Array<[number, string]> => [
  ...(i % 5 === 0 ? [[800 + i, '0.0030'] as [number, string]] : []),
  [1_000 + 10 * i, (0.002 + i / 10_000).toFixed(4)],
];

let t: TestApp;
let alice: ReturnType<TestApp['client']>;
let admin: ReturnType<TestApp['client']>;
let bob: ReturnType<TestApp['client']>;
let planId: string;
let freshId: string;

const advice = (extra: Record<string, unknown> = {}) => ({
  id: 'advice',
  name: 'Advice',
  type: 'ai_generated' as const,
  dependencies: ['grow'],
  ai_prompt: 'Advise on {{grow.future_value}}.',
  config: { output_schema: { type: 'object', properties: { summary: { type: 'string' } } }, ...extra },
});
const grow = (id: string, deps: string[]) => ({
  id,
  name: id,
  type: 'calculation' as const,
  dependencies: deps,
  config: { formula: 'compound_growth', inputs: { principal: 'profile.amount', annual_rate_pct: '5', years: '1' } },
});
const steps = (extra: boolean) => [
  formStep('profile', { amount: { type: 'number' } }),
  grow('grow', ['profile']),
  advice(),
  ...(extra ? [grow('summary', ['advice'])] : []),
];

function run(i: number, ago: number): SeedRun {
  return {
    status: 'completed',
    ago,
    attempts: [
      { step: 'profile', type: 'data_collection', status: 'completed', ms: profileMs(i) },
      { step: 'grow', type: 'calculation', status: 'completed', ms: growMs(i) },
      ...(i % 5 === 0 ? [{ step: 'advice', type: 'ai_generated', status: 'cancelled', error: { code: 'rejected', message: 'Shorter' }, ms: 999_999 }] : []),
      { step: 'advice', type: 'ai_generated', status: 'completed', attempt: i % 5 === 0 ? 2 : 1, ms: adviceMs(i) },
    ],
  };
}

beforeAll(async () => {
  t = await startTestApp({ MODEL_PRICES: JSON.stringify(PRICES) });
  const a = await signUp(t.url);
  alice = t.client(a.headers);
  admin = t.client((await signUpAdmin(t)).headers);
  bob = t.client((await signUp(t.url)).headers);
  const orm = await t.db.orm();
  const save = (definition: ReturnType<typeof workflow>, workflowId?: string) =>
    saveDefinitionVersion(orm.em.fork(), { workflowId, ownerId: a.user.id, definition: t.app.engine.validate(definition) });
  const v1 = await save(workflow(steps(false), { name: 'Savings plan' }));
  const v2 = await save(workflow(steps(true), { name: 'Savings plan' }), v1.workflowId);
  const fresh = await save(workflow([formStep('profile', { amount: { type: 'number' } }), grow('grow', ['profile']), advice({ max_output_tokens: 200 })], { name: 'Fresh' }));
  [planId, freshId] = [v2.workflowId, fresh.workflowId];

  const half = RUNS / 2;
  const ids = [
    ...(await seedRuns(t.db.pool, v1.id, a.user.id, Array.from({ length: half }, (_, i) => run(i, 1 + i)))),
    ...(await seedRuns(t.db.pool, v2.id, a.user.id, Array.from({ length: half }, (_, k) => run(half + k, 1 + k)))),
  ];
  const old = await seedRuns(t.db.pool, v2.id, a.user.id, [{ ...run(0, 120), attempts: run(0, 120).attempts.map((s) => ({ ...s, ms: 9_999_999 })) }]);
  const modelCalls = [...ids.map((id, i) => [id, calls(i)] as const), [old[0]!, [[99_999, '9.0000']]] as const];
  for (const [runId, perRun] of modelCalls) {
    const { rows } = await t.db.pool.query<{ id: string }>(
      `select id from workflow_step_executions where execution_id = $1 and step_id = 'advice' order by attempt`,
      [runId],
    );
    for (const [k, [tokens, cost]] of perRun.entries()) {
      await t.db.pool.query(
        `insert into ai_step_executions (step_execution_id, ai_model, prompt, response, tokens_used, cost_usd) values ($1, 'builtin', 'p', 'r', $2, $3)`,
        [rows[k]!.id, tokens, cost],
      );
    }
  }
});
afterAll(async () => t?.stop());

const indexes = Array.from({ length: RUNS }, (_, i) => i);
const p = (values: number[], q: number) => Math.round(percentileCont(values, q));

describe('analytics.forecast', () => {
  it('forecasts each step of the latest version from the last 90 days of runs of every version', async () => {
    const f = await alice.analytics.forecast.query({ workflowId: planId });
    const allCalls = indexes.flatMap(calls);
    const tokens = Math.round(allCalls.reduce((s, [n]) => s + n, 0) / RUNS);
    const cost = Math.round((allCalls.reduce((s, [, c]) => s + Number(c), 0) / RUNS) * 10_000) / 10_000;
    expect(f).toMatchObject({ workflowId: planId, name: 'Savings plan', days: 90, model: 'builtin', runs: RUNS });
    expect(f.steps).toEqual([
      { stepId: 'profile', name: 'profile', type: 'data_collection', kind: 'person', samples: RUNS, durationMs: { p50: p(indexes.map(profileMs), 0.5), p90: p(indexes.map(profileMs), 0.9) }, ai: null },
      { stepId: 'grow', name: 'grow', type: 'calculation', kind: 'automatic', samples: RUNS, durationMs: { p50: p(indexes.map(growMs), 0.5), p90: p(indexes.map(growMs), 0.9) }, ai: null },
      {
        stepId: 'advice',
        name: 'Advice',
        type: 'ai_generated',
        kind: 'person',
        samples: RUNS,
        durationMs: { p50: p(indexes.map(adviceMs), 0.5), p90: p(indexes.map(adviceMs), 0.9) },
        ai: { source: 'history', tokens, costUsd: cost },
      },
      { stepId: 'summary', name: 'summary', type: 'calculation', kind: 'automatic', samples: 0, durationMs: { p50: null, p90: null }, ai: null },
    ]);
    expect(f.totals).toEqual({
      workMs: p(indexes.map(growMs), 0.5),
      waitingForYouMs: p(indexes.map(profileMs), 0.5) + p(indexes.map(adviceMs), 0.5),
      tokens,
      costUsd: cost,
      source: 'history',
    });
  });

  it('without history, AI use is estimated from the configured model price and durations are unknown', async () => {
    const f = await alice.analytics.forecast.query({ workflowId: freshId });
    // 1,000 prompt tokens and the step's 200-token answer cap at $2 / $8 per 1M tokens.
    const estimate = { source: 'price_table', tokens: 1_200, costUsd: 0.0036 };
    expect(f.runs).toBe(0);
    expect(f.steps.map((s) => [s.stepId, s.samples, s.durationMs.p50, s.ai])).toEqual([
      ['profile', 0, null, null],
      ['grow', 0, null, null],
      ['advice', 0, null, estimate],
    ]);
    expect(f.totals).toEqual({ workMs: 0, waitingForYouMs: 0, tokens: 1_200, costUsd: 0.0036, source: 'price_table' });
  });

  it('only the owner and administrators can see it; anyone else gets NOT_FOUND', async () => {
    expect((await admin.analytics.forecast.query({ workflowId: planId })).runs).toBe(RUNS);
    expect(await errorCode(bob.analytics.forecast.query({ workflowId: planId }))).toBe('NOT_FOUND');
    expect(await errorCode(alice.analytics.forecast.query({ workflowId: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
    expect(await errorCode(t.client().analytics.forecast.query({ workflowId: planId }))).toBe('UNAUTHORIZED');
  });
});
