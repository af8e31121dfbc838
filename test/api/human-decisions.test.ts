import { saveDefinitionVersion } from '@stepwise/db';
import { formStep, workflow } from '@stepwise/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, signUpAdmin } from './auth-helpers';
import { errorCode, startTestApp, type TestApp } from './harness';

/**
 * Alice's "Loan check": a form (profile), an AI answer people review (advice), a second form (details).
 * Times are minutes before the seeding instant, so every wait below is exact.
 */
let t: TestApp;
let alice: ReturnType<TestApp['client']>;
let bob: ReturnType<TestApp['client']>;
let admin: ReturnType<TestApp['client']>;
let loanId: string;
let emptyId: string;

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const base = Date.now();
const at = (minutesAgo: number) => new Date(base - minutesAgo * MIN).toISOString();

interface Attempt {
  step: 'profile' | 'advice' | 'details';
  status: string;
  attempt?: number;
  started: number;
  completed?: number;
  /** When the model's answer was recorded; none for a cached answer. */
  answered?: number;
  error?: string;
  feedback?: string;
}

async function seedRun(versionId: string, userId: string, status: string, createdAgo: number, attempts: Attempt[]) {
  const { rows } = await t.db.pool.query<{ id: string }>(
    `insert into workflow_executions (workflow_id, user_id, session_id, status, context, created_at, started_at)
     values ($1, $2, 'seed', $3, '{}'::jsonb, $4, $4) returning id`,
    [versionId, userId, status, at(createdAgo)],
  );
  for (const a of attempts) {
    const step = await t.db.pool.query<{ id: string }>(
      `insert into workflow_step_executions (execution_id, step_id, step_type, attempt, status, error, feedback, started_at, completed_at)
       values ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9) returning id`,
      [
        rows[0]!.id, a.step, a.step === 'advice' ? 'ai_generated' : 'data_collection', a.attempt ?? 1, a.status,
        a.error ? JSON.stringify({ code: a.error, message: a.error }) : null, a.feedback ?? null,
        at(a.started), a.completed === undefined ? null : at(a.completed),
      ],
    );
    if (a.answered !== undefined) {
      await t.db.pool.query(
        `insert into ai_step_executions (step_execution_id, ai_model, prompt, response, execution_time_ms, created_at)
         values ($1, 'test-model', 'p', 'r', 1000, $2)`,
        [step.rows[0]!.id, at(a.answered)],
      );
    }
  }
}

beforeAll(async () => {
  t = await startTestApp();
  const a = await signUp(t.url);
  [alice, bob, admin] = [t.client(a.headers), t.client((await signUp(t.url)).headers), t.client((await signUpAdmin(t)).headers)];
  const orm = await t.db.orm();
  const advice = {
    id: 'advice', name: 'Loan advice', type: 'ai_generated' as const, dependencies: ['profile'],
    ai_prompt: 'Suggest a loan.', config: { output_schema: { type: 'object', properties: { summary: { type: 'string' } } } },
  };
  const steps = [formStep('profile', { age: { type: 'number' } }), advice, formStep('details', { note: { type: 'string' } }, [], ['advice'])];
  const save = (name: string) => saveDefinitionVersion(orm.em.fork(), { ownerId: a.user.id, definition: t.app.engine.validate(workflow(steps, { name })) });
  const loan = await save('Loan check');
  loanId = loan.workflowId;
  emptyId = (await save('Unused')).workflowId;
  const run = (status: string, ago: number, attempts: Attempt[]) => seedRun(loan.id, a.user.id, status, ago, attempts);
  // Accepted waits: 1, 3, 5 and 2 minutes (the last a cached answer, ready when it started).
  await run('completed', 60, [
    { step: 'profile', status: 'completed', started: 60, completed: 58 },
    { step: 'advice', status: 'cancelled', started: 58, answered: 57, completed: 55, error: 'rejected', feedback: 'Too vague' },
    { step: 'advice', status: 'completed', attempt: 2, started: 55, answered: 54, completed: 53 },
    { step: 'details', status: 'completed', started: 53, completed: 52 },
  ]);
  // A completed answer rejected afterwards: the engine copies the feedback onto the next attempt.
  await run('completed', 50, [
    { step: 'profile', status: 'completed', started: 50, completed: 46 },
    { step: 'advice', status: 'completed', started: 46, answered: 45, completed: 44, feedback: 'Shorter' },
    { step: 'advice', status: 'completed', attempt: 2, started: 44, answered: 43, completed: 40, feedback: 'Shorter' },
    { step: 'details', status: 'completed', started: 40, completed: 38.5 },
  ]);
  await run('completed', 30, [
    { step: 'profile', status: 'completed', started: 30, completed: 27 },
    { step: 'advice', status: 'completed', started: 27, answered: 26, completed: 21 },
  ]);
  await run('completed', 20, [
    { step: 'profile', status: 'completed', started: 20, completed: 15 },
    { step: 'advice', status: 'completed', started: 15, completed: 13 },
  ]);
  await run('failed', 12, [
    { step: 'profile', status: 'completed', started: 12, completed: 11 },
    { step: 'advice', status: 'failed', started: 11, completed: 10, error: 'model_error' },
  ]);
  // Abandoned: cancelled at the form, and left waiting 8 days; waiting one hour is not (yet).
  await run('cancelled', 9, [{ step: 'profile', status: 'cancelled', started: 9, completed: 8 }]);
  await run('waiting_for_input', (8 * DAY) / MIN, [{ step: 'profile', status: 'waiting', started: (8 * DAY) / MIN }]);
  await run('waiting_for_input', 60, [{ step: 'profile', status: 'waiting', started: 60 }]);
  // Outside 30 days, inside 90: another cancelled form.
  await run('cancelled', (40 * DAY) / MIN, [{ step: 'profile', status: 'cancelled', started: (40 * DAY) / MIN, completed: (40 * DAY) / MIN }]);
});
afterAll(async () => t?.stop());

describe('analytics.humanDecisions', () => {
  it('per AI step: reviews, reject rate, time from answer to approval, attempts per run', async () => {
    const h = await alice.analytics.humanDecisions.query({ workflowId: loanId, days: 30 });
    expect(h).toMatchObject({ workflowId: loanId, days: 30, abandonAfterDays: 7 });
    expect(h.review).toEqual([
      {
        stepId: 'advice', name: 'Loan advice', reviews: 6, accepted: 4, rejected: 2, rejectRate: 2 / 6,
        // Waits 1, 2, 3, 5 min: p50 = 2.5 min, p90 = 3 + 0.7 * 2 min.
        approveMs: { p50: 2.5 * MIN, p90: 4.4 * MIN },
        attemptsPerRun: { average: 7 / 5, max: 2 },
      },
    ]);
  });

  it('per form: reached, completed, abandoned (cancelled there or waiting over 7 days), median fill time', async () => {
    const h = await alice.analytics.humanDecisions.query({ workflowId: loanId, days: 30 });
    expect(h.forms).toEqual([
      { stepId: 'profile', name: 'profile', reached: 8, completed: 5, abandoned: 2, abandonmentRate: 0.25, fillMsP50: 3 * MIN },
      { stepId: 'details', name: 'details', reached: 2, completed: 2, abandoned: 0, abandonmentRate: 0, fillMsP50: 1.25 * MIN },
    ]);
    const quarter = await alice.analytics.humanDecisions.query({ workflowId: loanId, days: 90 });
    expect(quarter.forms[0]).toMatchObject({ reached: 9, abandoned: 3, abandonmentRate: 3 / 9 });
  });

  it('a workflow without runs has zero counts and null rates', async () => {
    const h = await alice.analytics.humanDecisions.query({ workflowId: emptyId, days: 7 });
    expect(h.review).toEqual([
      { stepId: 'advice', name: 'Loan advice', reviews: 0, accepted: 0, rejected: 0, rejectRate: null, approveMs: { p50: null, p90: null }, attemptsPerRun: { average: null, max: null } },
    ]);
    expect(h.forms.map((f) => [f.reached, f.abandonmentRate, f.fillMsP50])).toEqual([[0, null, null], [0, null, null]]);
  });

  it('only the owner or an admin sees it; anyone else gets NOT_FOUND', async () => {
    expect(await errorCode(bob.analytics.humanDecisions.query({ workflowId: loanId, days: 30 }))).toBe('NOT_FOUND');
    expect((await admin.analytics.humanDecisions.query({ workflowId: loanId, days: 30 })).review[0]?.reviews).toBe(6);
    expect(await errorCode(t.client().analytics.humanDecisions.query({ workflowId: loanId, days: 30 }))).toBe('UNAUTHORIZED');
  });
});
