import { saveDefinitionVersion } from '@stepwise/db';
import { budgetPlan } from '@stepwise/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateOutcomes } from '../../apps/server/src/learning/template-outcomes';
import { signUp, signUpAdmin } from './auth-helpers';
import { errorCode, startTestApp, type TestApp } from './harness';
import { percentileCont, type SeedAttempt, type SeedRun, seedRuns } from './learning-seed';

/**
 * Alice's "Budget plan" (form -> calculation -> decision -> deficit path | advice -> goals form ->
 * summary), version 2, with 200 runs in the last 10 days and four PLANTED patterns: 30% of runs
 * stop at the budget form, the calculation takes ~4 s near its 5 s limit (the decision takes
 * 10 ms), the "deficit" branch is never taken, 45% of the advice is rejected. Everything else is
 * healthy (2% stop at the goals form, 5% of summaries rejected, 2 timeouts retried). Noise that
 * must not count: 30 runs of version 1 with every answer rejected, 40 failing runs 40 days ago.
 */
// The same plan the learning engine's unit tests use.
const definition = budgetPlan;

const form = (step: string, status: string, extra: Partial<SeedAttempt> = {}): SeedAttempt => ({ step, type: 'data_collection', status, waitingFor: status === 'waiting' ? 'input' : undefined, ms: 30_000, ...extra });
const aiStep = (step: string, status: string, extra: Partial<SeedAttempt> = {}): SeedAttempt => ({ step, type: 'ai_generated', status, ms: 62_000, ...extra });
const notStarted = (...steps: [string, string][]) => steps.map(([step, type]): SeedAttempt => ({ step, type, status: 'cancelled', started: false }));
const rest: [string, string][] = [['surplus', 'calculation'], ['route', 'decision'], ['debt_plan', 'ai_generated'], ['debt_review', 'ai_generated'], ['advice', 'ai_generated'], ['goals', 'data_collection'], ['summary', 'ai_generated']];
const surplusMs = (k: number) => 3000 + (k % 21) * 100;
const rejected = (step: string, feedback: string, k: number): SeedAttempt =>
  // Five of the advice rejects came after the answer had completed: that attempt stays completed.
  step === 'advice' && k < 5 ? aiStep(step, 'completed', { feedback }) : aiStep(step, 'cancelled', { feedback, error: { code: 'rejected', message: feedback } });

/** The k-th run that got past the form (k = 0..137). */
function throughRun(k: number): SeedRun {
  const adviceFeedback = k < 70 ? 'Mention the fees' : k < 113 ? 'Too long' : null;
  const attempts: SeedAttempt[] = [form('budget', 'completed')];
  if (k < 2) attempts.push({ step: 'surplus', type: 'calculation', status: 'failed', ms: 5000, error: { code: 'step_timeout', message: 'too slow' } });
  attempts.push(
    { step: 'surplus', type: 'calculation', status: 'completed', attempt: k < 2 ? 2 : 1, ms: surplusMs(k) },
    { step: 'route', type: 'decision', status: 'completed', ms: 10, output: { branch: 'saver' } },
    { step: 'debt_plan', type: 'ai_generated', status: 'skipped' },
    { step: 'debt_review', type: 'ai_generated', status: 'skipped' },
  );
  if (adviceFeedback) attempts.push(rejected('advice', adviceFeedback, k), aiStep('advice', 'completed', { attempt: 2, feedback: adviceFeedback }));
  else attempts.push(aiStep('advice', 'completed'));
  if (k < 3) return { status: 'cancelled', ago: 1, attempts: [...attempts, form('goals', 'cancelled'), ...notStarted(['summary', 'ai_generated'])] };
  attempts.push(form('goals', 'completed'));
  if (k < 8) return { status: 'waiting_for_review', ago: 0, attempts: [...attempts, aiStep('summary', 'waiting', { waitingFor: 'review' })] };
  if (k < 15) attempts.push(rejected('summary', 'Shorter', k), aiStep('summary', 'completed', { attempt: 2, feedback: 'Shorter' }));
  else attempts.push(aiStep('summary', 'completed'));
  return { status: 'completed', ago: (k % 10) + 0.5, attempts };
}

const plantedRuns: SeedRun[] = [
  ...Array.from({ length: 50 }, () => ({ status: 'cancelled', ago: 2, attempts: [form('budget', 'cancelled'), ...notStarted(...rest)] })),
  ...Array.from({ length: 10 }, () => ({ status: 'waiting_for_input', ago: 9, attempts: [form('budget', 'waiting')] })),
  ...Array.from({ length: 2 }, () => ({ status: 'waiting_for_input', ago: 0, attempts: [form('budget', 'waiting')] })),
  ...Array.from({ length: 138 }, (_, k) => throughRun(k)),
];
const oldFailures: SeedRun[] = Array.from({ length: 40 }, () => ({
  status: 'failed',
  ago: 40,
  attempts: [form('budget', 'completed'), { step: 'surplus', type: 'calculation', status: 'failed', ms: 5000, error: { code: 'step_timeout', message: 'too slow' } }],
}));
const versionOneRuns: SeedRun[] = Array.from({ length: 30 }, () => ({
  status: 'completed',
  ago: 1,
  attempts: [aiStep('advice', 'cancelled', { feedback: 'Wrong', error: { code: 'rejected', message: 'Wrong' } }), aiStep('advice', 'completed', { attempt: 2 })],
}));

let t: TestApp;
let alice: ReturnType<TestApp['client']>;
let bob: ReturnType<TestApp['client']>;
let admin: ReturnType<TestApp['client']>;
let workflowId: string;

beforeAll(async () => {
  t = await startTestApp({ MODEL: 'builtin' });
  const a = await signUp(t.url);
  [alice, bob, admin] = [t.client(a.headers), t.client((await signUp(t.url)).headers), t.client((await signUpAdmin(t)).headers)];
  const orm = await t.db.orm();
  const v1 = await saveDefinitionVersion(orm.em.fork(), { ownerId: a.user.id, definition: t.app.engine.validate(definition) });
  const v2 = await saveDefinitionVersion(orm.em.fork(), { workflowId: v1.workflowId, ownerId: a.user.id, definition: t.app.engine.validate(definition) });
  workflowId = v2.workflowId;
  await seedRuns(t.db.pool, v1.id, a.user.id, versionOneRuns);
  const ids = await seedRuns(t.db.pool, v2.id, a.user.id, [...plantedRuns, ...oldFailures]);
  // The model took 2 s of each accepted answer's 62 s; the rest was the reviewer.
  await t.db.pool.query(
    `insert into ai_step_executions (step_execution_id, ai_model, prompt, response, execution_time_ms)
     select id, 'test-model', 'p', 'r', 2000 from workflow_step_executions
      where execution_id = any($1::uuid[]) and step_type = 'ai_generated' and status = 'completed'`,
    [ids],
  );
}, 60_000);
afterAll(async () => t?.stop());

describe('learning.recommendations', () => {
  it('reports exactly the planted patterns of the latest version in the window, with the right numbers', async () => {
    const r = await alice.learning.recommendations.query({ workflowId, days: 30 });
    expect(r).toMatchObject({ workflowId, name: 'Budget plan', version: 2, days: 30, runs: { started: 200, completed: 130, failed: 0, cancelled: 53, inProgress: 17 } });
    expect(r.patterns.map((p) => `${p.kind}:${p.stepId}`)).toEqual(['abandoned_form:budget', 'slow_step:surplus', 'unused_branch:route', 'high_reject_rate:advice']);
    const ms = Array.from({ length: 138 }, (_, k) => surplusMs(k));
    const [p50, p95] = [Math.round(percentileCont(ms, 0.5)), Math.round(percentileCont(ms, 0.95))];
    const why = Object.fromEntries(r.patterns.map((p) => [p.stepId, p.why]));
    expect(why).toEqual({
      budget: '60 of 200 runs (30%) stopped at this form: cancelled there or left waiting more than 7 days.',
      surplus: `Its median time is ${(p50 / 1000).toFixed(1)} s (95th percentile ${(p95 / 1000).toFixed(1)} s) over 138 runs, ${Math.round(p50 / 10)} times the median of the other automatic steps (10 ms).`,
      route: 'Branch "deficit" was never taken in 138 decisions.',
      advice: '113 of 251 answers (45%) were rejected; the most common feedback: "Mention the fees" (70 times).',
    });
    const evidence = Object.fromEntries(r.patterns.map((p) => [p.stepId, p.evidence]));
    expect(evidence.budget).toEqual({ abandoned: 60, reached: 200, abandonRate: 0.3, afterDays: 7 });
    expect(evidence.surplus).toMatchObject({ p50Ms: p50, p95Ms: p95, othersP50Ms: 10, completed: 138, timeoutMs: 5000 });
    expect(evidence.route).toMatchObject({ decisions: 138, unusedBranches: ['deficit'], taken_saver: 138 });
    expect(evidence.advice).toEqual({ rejected: 113, answers: 251, rejectRate: 0.45, feedback: ['Mention the fees', 'Too long'], approveMsP50: 60_000 });
    expect(r.improvements.map((i) => i.id)).toEqual(['abandoned_form:budget', 'slow_step:surplus', 'unused_branch:route', 'high_reject_rate:advice']);
  });

  it('keeps each analysis as one summary row of workflow_learning_data', async () => {
    await alice.learning.recommendations.query({ workflowId, days: 30 });
    const { rows } = await t.db.pool.query(
      `select execution_id, performance_metrics -> 'stats' -> 'runs' ->> 'started' as started, jsonb_array_length(improvement_suggestions -> 'improvements') as n
         from workflow_learning_data where performance_metrics ->> 'workflowId' = $1 order by created_at desc limit 1`,
      [workflowId],
    );
    expect(rows).toEqual([{ execution_id: null, started: '200', n: 4 }]);
  });

  it('a 90-day window reaches the old timeouts; too few runs report nothing', async () => {
    const quarter = await alice.learning.recommendations.query({ workflowId, days: 90 });
    expect(quarter.patterns.map((p) => `${p.kind}:${p.stepId}`)).toContain('high_failure_rate:surplus');
    const empty = await alice.workflows.create.mutate({ definition: { ...definition, name: 'Fresh plan' } });
    expect(await alice.learning.recommendations.query({ workflowId: empty.id, days: 30 })).toMatchObject({ patterns: [], improvements: [], runs: { started: 0 } });
  });

  it("someone else's workflow is NOT_FOUND; an admin may look", async () => {
    expect(await errorCode(bob.learning.recommendations.query({ workflowId, days: 30 }))).toBe('NOT_FOUND');
    expect(await errorCode(bob.ai.optimize.mutate({ workflowId, improvementIds: ['slow_step:surplus'] }))).toBe('NOT_FOUND');
    expect((await admin.learning.recommendations.query({ workflowId, days: 30 })).patterns).toHaveLength(4);
  });
});

describe('ai.optimize', () => {
  it('applies the chosen recommendations as version 3, which validates and runs; the same ids again are CONFLICT', async () => {
    const r = await alice.learning.recommendations.query({ workflowId, days: 30 });
    expect(await errorCode(alice.ai.optimize.mutate({ workflowId, improvementIds: ['slow_step:nope'] }))).toBe('CONFLICT');
    const saved = await alice.ai.optimize.mutate({ workflowId, improvementIds: r.improvements.map((i) => i.id) });
    expect(saved).toMatchObject({ id: workflowId, version: 3 });
    const latest = await alice.workflows.get.query({ id: workflowId });
    expect(latest.definition.steps.map((s) => s.id)).toEqual(['budget', 'surplus', 'route', 'advice', 'goals', 'summary']);
    expect(latest.definition.steps.find((s) => s.id === 'advice')?.ai_prompt).toContain('- Mention the fees\n- Too long');
    expect(latest.definition.steps.find((s) => s.id === 'surplus')?.timeout_ms).toBeGreaterThan(5000);
    expect(() => t.app.engine.validate(latest.definition)).not.toThrow();

    // Nickname and employer are optional now: the form takes just the numbers and the run goes on.
    const run = await alice.executions.start.mutate({ workflowId });
    const next = await alice.executions.submitInput.mutate({ id: run.id, stepId: 'budget', data: { income: 5000, expenses: 3000 } });
    expect(next.steps.find((s) => s.stepId === 'surplus')?.status).toBe('completed');

    const stale = await alice.ai.optimize.mutate({ workflowId, improvementIds: ['slow_step:surplus'] }).catch((e: Error) => e);
    expect(stale).toBeInstanceOf(Error);
    expect((stale as Error).message).toBe('"Budget plan" changed since these recommendations were made for version 2 (it is now version 3); ask for recommendations again');
  });
});

describe('template outcomes for the generator', () => {
  it('counts finished runs of workflows made from a template under its key; other workflows do not count', async () => {
    const made = await alice.templates.instantiate.mutate({ key: 'monthly-budget-review' });
    const owner = await t.db.pool.query<{ owner_id: string }>('select owner_id from workflow_definitions where id = $1', [made.versionId]);
    const finished = (status: string) => ({ status, ago: 1, attempts: [] });
    await seedRuns(t.db.pool, made.versionId, owner.rows[0]!.owner_id, [
      ...Array.from({ length: 9 }, () => finished('completed')),
      ...Array.from({ length: 3 }, () => finished('failed')),
      finished('running'),
    ]);
    expect(await templateOutcomes(t.db.pool)).toEqual({ 'monthly-budget-review': { runs: 12, successRate: 0.75 } });
  });
});
