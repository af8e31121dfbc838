import { randomUUID } from 'node:crypto';
import { saveDefinitionVersion } from '@stepwise/db';
import { formStep, workflow } from '@stepwise/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, signUpAdmin } from './auth-helpers';
import { errorCode, startTestApp, type TestApp } from './harness';

/**
 * A known history, written straight to the tables, so every figure can be asserted exactly.
 * Alice's "Onboarding" (finance): 20 runs today + 1 run 40 days ago. Her "Trip" (travel): runs
 * 2, 5 and 10 days ago. Bob's "Other" (finance): 2 runs today.
 */
let t: TestApp;
type Client = ReturnType<TestApp['client']>;
let alice: Client;
let bob: Client;
let admin: Client;
let anonymous: Client;
let aliceId: string;
let bobId: string;
let onboardingId: string;
let tripId: string;
let otherId: string;
/** Alice's runs of Onboarding by outcome; bob's first run. */
const runs = { completed: [] as string[], waiting: [] as string[], bob: '' };

type StepStatus = 'pending' | 'running' | 'waiting' | 'completed' | 'failed' | 'cancelled';
interface SeedRun {
  versionId: string;
  userId: string;
  status: 'completed' | 'failed' | 'cancelled' | 'waiting_for_input' | 'running';
  /** How long ago the run was created, e.g. '2 days'; default: now. */
  ago?: string;
  durationMs?: number;
  /** [stepId, status, attempt?]; a pending (or never-started cancelled) step has no started_at. */
  steps?: (readonly [string, StepStatus, number?])[];
  started?: boolean;
}

/** Inserts one run and its step rows; returns the run id and the step row ids by `stepId#attempt`. */
async function seedRun(r: SeedRun): Promise<{ id: string; steps: Record<string, string> }> {
  const ago = r.ago ?? '0 days';
  const { rows } = await t.db.pool.query<{ id: string }>(
    `insert into workflow_executions (workflow_id, user_id, session_id, status, context, created_at, started_at, completed_at)
     values ($1, $2, 'seed', $3::text, '{}'::jsonb, now() - $4::interval,
             now() - $4::interval - make_interval(secs => $5::float8 / 1000),
             case when $3::text in ('completed', 'failed', 'cancelled') then now() - $4::interval end)
     returning id`,
    [r.versionId, r.userId, r.status, ago, r.durationMs ?? 0],
  );
  const id = rows[0]!.id;
  const steps: Record<string, string> = {};
  for (const [stepId, status, attempt = 1] of r.steps ?? []) {
    const started = status !== 'pending';
    const step = await t.db.pool.query<{ id: string }>(
      `insert into workflow_step_executions (execution_id, step_id, step_type, attempt, status, started_at)
       values ($1, $2, 'data_collection', $3, $4, case when $5 then now() end) returning id`,
      [id, stepId, attempt, status, started],
    );
    steps[`${stepId}#${attempt}`] = step.rows[0]!.id;
  }
  return { id, steps };
}

async function seedAi(stepExecutionId: string, tokens: number, cost: string) {
  await t.db.pool.query(
    `insert into ai_step_executions (step_execution_id, ai_model, prompt, response, tokens_used, cost_usd) values ($1, 'test-model', 'p', 'r', $2, $3)`,
    [stepExecutionId, tokens, cost],
  );
}

const utcDay = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await startTestApp();
  const a = await signUp(t.url);
  const b = await signUp(t.url);
  aliceId = a.user.id;
  bobId = b.user.id;
  alice = t.client(a.headers);
  bob = t.client(b.headers);
  admin = t.client((await signUpAdmin(t)).headers);
  anonymous = t.client();

  const orm = await t.db.orm();
  const save = async (ownerId: string, name: string, category: string) =>
    saveDefinitionVersion(orm.em.fork(), {
      ownerId,
      definition: t.app.engine.validate(
        workflow(
          [formStep('details', { a: { type: 'string' } }), formStep('review', { b: { type: 'string' } }, [], ['details']), formStep('summary', { c: { type: 'string' } }, [], ['review'])],
          { name, category },
        ),
      ),
    });
  const onboarding = await save(aliceId, 'Onboarding', 'finance');
  const trip = await save(aliceId, 'Trip', 'travel');
  const other = await save(bobId, 'Other', 'finance');
  [onboardingId, tripId, otherId] = [onboarding.workflowId, trip.workflowId, other.workflowId];

  const v = onboarding.id;
  // 12 completed runs lasting 1..12 s; the 12th had its review rejected once (attempt 1 cancelled).
  for (let i = 1; i <= 12; i++) {
    const retried = i === 12;
    const run = await seedRun({
      versionId: v,
      userId: aliceId,
      status: 'completed',
      durationMs: i * 1000,
      steps: [['details', 'completed'], ...(retried ? ([['review', 'cancelled', 1]] as const) : []), ['review', 'completed', retried ? 2 : 1], ['summary', 'completed']],
    });
    runs.completed.push(run.id);
    if (i === 1) await seedAi(run.steps['details#1']!, 100, '0.0123');
    if (i === 2) await seedAi(run.steps['review#1']!, 250, '0.0456');
    if (i === 12) await seedAi(run.steps['review#2']!, 650, '0.1000');
  }
  // 3 failed: one at details, two at review.
  await seedRun({ versionId: v, userId: aliceId, status: 'failed', steps: [['details', 'failed'], ['review', 'pending'], ['summary', 'pending']] });
  for (let i = 0; i < 2; i++) {
    await seedRun({ versionId: v, userId: aliceId, status: 'failed', steps: [['details', 'completed'], ['review', 'failed'], ['summary', 'pending']] });
  }
  // 2 cancelled while reviewing: summary never started.
  for (let i = 0; i < 2; i++) {
    const run = await seedRun({ versionId: v, userId: aliceId, status: 'cancelled', steps: [['details', 'completed'], ['review', 'cancelled'], ['summary', 'cancelled']] });
    // A cancelled step with no start was never reached.
    await t.db.pool.query(`update workflow_step_executions set started_at = null where execution_id = $1 and step_id = 'summary'`, [run.id]);
  }
  // 3 still waiting at review.
  for (let i = 0; i < 3; i++) {
    const run = await seedRun({ versionId: v, userId: aliceId, status: 'waiting_for_input', steps: [['details', 'completed'], ['review', 'waiting'], ['summary', 'pending']] });
    runs.waiting.push(run.id);
  }
  // Outside the 30-day window, inside the 90-day one.
  const old = await seedRun({ versionId: v, userId: aliceId, status: 'completed', ago: '40 days', durationMs: 99_000, steps: [['details', 'completed']] });
  await seedAi(old.steps['details#1']!, 5000, '1.0000');

  // Trip (travel): 2 days ago one completed and one failed, 5 days ago one completed, 10 days ago one cancelled.
  await seedRun({ versionId: trip.id, userId: aliceId, status: 'completed', ago: '2 days', durationMs: 500 });
  await seedRun({ versionId: trip.id, userId: aliceId, status: 'failed', ago: '2 days' });
  await seedRun({ versionId: trip.id, userId: aliceId, status: 'completed', ago: '5 days', durationMs: 500 });
  await seedRun({ versionId: trip.id, userId: aliceId, status: 'cancelled', ago: '10 days' });

  // Bob's own workflow: its AI usage must not leak into alice's figures.
  const bobRun = await seedRun({ versionId: other.id, userId: bobId, status: 'completed', durationMs: 700, steps: [['details', 'completed']] });
  await seedAi(bobRun.steps['details#1']!, 777, '7.0000');
  await seedRun({ versionId: other.id, userId: bobId, status: 'running', steps: [['details', 'running']] });
  runs.bob = bobRun.id;
});
afterAll(async () => t?.stop());

describe('analytics.workflow', () => {
  it('counts, success rate, duration percentiles, drop-off per step and AI usage of the last 30 days', async () => {
    const stats = await alice.analytics.workflow.query({ workflowId: onboardingId });
    expect(stats).toMatchObject({
      workflowId: onboardingId,
      name: 'Onboarding',
      category: 'finance',
      days: 30,
      runs: 20,
      completed: 12,
      failed: 3,
      cancelled: 2,
      inProgress: 3,
      successRate: 12 / 17,
      // percentile_cont over 1000..12000 ms: p50 = 6500, p95 = 11000 + 0.45 * 1000.
      durationMs: { p50: 6500, p95: 11450 },
      ai: { calls: 3, tokens: 1000, costUsd: 0.1579 },
    });
    expect(stats.dropOff).toEqual([
      { stepId: 'details', reached: 20, completed: 19, abandoned: 1 },
      { stepId: 'review', reached: 19, completed: 12, abandoned: 7 },
      { stepId: 'summary', reached: 12, completed: 12, abandoned: 0 },
    ]);
  });

  it('a 90-day period includes the older run; a 7-day one only recent runs', async () => {
    const ninety = await alice.analytics.workflow.query({ workflowId: onboardingId, days: 90 });
    expect(ninety).toMatchObject({ runs: 21, completed: 13, successRate: 13 / 18, ai: { calls: 4, tokens: 6000, costUsd: 1.1579 } });
    expect(ninety.dropOff[0]).toEqual({ stepId: 'details', reached: 21, completed: 20, abandoned: 1 });
    const trip = await alice.analytics.workflow.query({ workflowId: tripId, days: 7 });
    expect(trip).toMatchObject({ runs: 3, completed: 2, failed: 1, cancelled: 0, successRate: 2 / 3, durationMs: { p50: 500, p95: 500 } });
    // Steps of the definition nobody reached are listed with zeros; no AI use is zeros, not nulls.
    expect(trip.dropOff).toEqual([
      { stepId: 'details', reached: 0, completed: 0, abandoned: 0 },
      { stepId: 'review', reached: 0, completed: 0, abandoned: 0 },
      { stepId: 'summary', reached: 0, completed: 0, abandoned: 0 },
    ]);
    expect(trip.ai).toEqual({ calls: 0, tokens: 0, costUsd: 0 });
  });

  it('with no finished runs the success rate and durations are null', async () => {
    const stats = await bob.analytics.workflow.query({ workflowId: otherId, days: 7 });
    expect(stats).toMatchObject({ runs: 2, completed: 1, inProgress: 1, successRate: 1, durationMs: { p50: 700, p95: 700 } });
    const orm = await t.db.orm();
    const empty = await saveDefinitionVersion(orm.em.fork(), {
      ownerId: bobId,
      definition: t.app.engine.validate(workflow([formStep('only', { a: { type: 'string' } })], { name: 'Empty' })),
    });
    const none = await bob.analytics.workflow.query({ workflowId: empty.workflowId });
    expect(none).toMatchObject({ runs: 0, successRate: null, durationMs: { p50: null, p95: null }, feedback: { count: 0, averageRating: null } });
  });

  it("another user's workflow is NOT_FOUND; an admin sees any; bad input is BAD_REQUEST", async () => {
    expect(await errorCode(bob.analytics.workflow.query({ workflowId: onboardingId }))).toBe('NOT_FOUND');
    expect(await errorCode(alice.analytics.workflow.query({ workflowId: randomUUID() }))).toBe('NOT_FOUND');
    const seenByAdmin = await admin.analytics.workflow.query({ workflowId: onboardingId });
    expect(seenByAdmin).toMatchObject({ runs: 20, completed: 12, ai: { tokens: 1000 } });
    expect(await errorCode(alice.analytics.workflow.query({ workflowId: onboardingId, days: 14 as 7 }))).toBe('BAD_REQUEST');
    expect(await errorCode(alice.analytics.workflow.query({ workflowId: 'not-a-uuid' }))).toBe('BAD_REQUEST');
  });
});

describe('analytics.trends', () => {
  it('puts runs in their UTC day, fills empty days with zeros and breaks runs down by category', async () => {
    const week = await alice.analytics.trends.query({ days: 7 });
    expect(week.daily.map((d) => d.day)).toEqual([6, 5, 4, 3, 2, 1, 0].map(utcDay));
    const byDay = Object.fromEntries(week.daily.map((d) => [d.day, d]));
    expect(byDay[utcDay(0)]).toEqual({ day: utcDay(0), runs: 20, completed: 12, failed: 3, cancelled: 2, successRate: 12 / 17 });
    expect(byDay[utcDay(2)]).toEqual({ day: utcDay(2), runs: 2, completed: 1, failed: 1, cancelled: 0, successRate: 0.5 });
    expect(byDay[utcDay(5)]).toEqual({ day: utcDay(5), runs: 1, completed: 1, failed: 0, cancelled: 0, successRate: 1 });
    for (const empty of [1, 3, 4, 6]) {
      expect(byDay[utcDay(empty)]).toEqual({ day: utcDay(empty), runs: 0, completed: 0, failed: 0, cancelled: 0, successRate: null });
    }
    expect(week.byCategory).toEqual([
      { category: 'finance', runs: 20, completed: 12, successRate: 12 / 17 },
      { category: 'travel', runs: 3, completed: 2, successRate: 2 / 3 },
    ]);
  });

  it('30 and 90 days reach older runs; a category filter keeps only that category', async () => {
    const month = await alice.analytics.trends.query({ days: 30 });
    expect(month.daily).toHaveLength(30);
    expect(month.daily.reduce((n, d) => n + d.runs, 0)).toBe(24);
    expect(month.daily.find((d) => d.day === utcDay(10))).toMatchObject({ runs: 1, cancelled: 1, successRate: 0 });
    const quarter = await alice.analytics.trends.query({ days: 90 });
    expect(quarter.daily).toHaveLength(90);
    expect(quarter.daily.find((d) => d.day === utcDay(40))).toMatchObject({ runs: 1, completed: 1 });
    const travel = await alice.analytics.trends.query({ days: 30, category: 'travel' });
    expect(travel.daily.reduce((n, d) => n + d.runs, 0)).toBe(4);
    expect(travel.byCategory).toEqual([{ category: 'travel', runs: 4, completed: 2, successRate: 0.5 }]);
  });

  it("only the caller's runs; an admin may ask for everyone's, a user gets FORBIDDEN", async () => {
    const bobs = await bob.analytics.trends.query({ days: 7 });
    expect(bobs.daily.reduce((n, d) => n + d.runs, 0)).toBe(2);
    expect(bobs.byCategory).toEqual([{ category: 'finance', runs: 2, completed: 1, successRate: 1 }]);
    expect(await errorCode(bob.analytics.trends.query({ days: 7, scope: 'all' }))).toBe('FORBIDDEN');
    const all = await admin.analytics.trends.query({ days: 7, scope: 'all' });
    expect(all.byCategory).toEqual([
      { category: 'finance', runs: 22, completed: 13, successRate: 13 / 18 },
      { category: 'travel', runs: 3, completed: 2, successRate: 2 / 3 },
    ]);
    const adminsOwn = await admin.analytics.trends.query({ days: 7 });
    expect(adminsOwn.daily.every((d) => d.runs === 0)).toBe(true);
    expect(adminsOwn.byCategory).toEqual([]);
    expect(await errorCode(alice.analytics.trends.query({ days: 1 as 7 }))).toBe('BAD_REQUEST');
  });
});

describe('analytics.feedback', () => {
  it('submit stores a rating; submitting again replaces it; list and the workflow figures show it', async () => {
    const runId = runs.completed[0]!;
    const first = await alice.analytics.feedback.submit.mutate({ executionId: runId, rating: 4, comment: 'Clear steps' });
    expect(first).toMatchObject({ executionId: runId, rating: 4, comment: 'Clear steps', userId: aliceId, replaced: false });
    const second = await alice.analytics.feedback.submit.mutate({ executionId: runId, rating: 2 });
    expect(second).toMatchObject({ rating: 2, comment: null, replaced: true });

    const { rows } = await t.db.pool.query(`select user_feedback from workflow_learning_data where execution_id = $1`, [runId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].user_feedback).toMatchObject({ rating: 2, comment: null, userId: aliceId });
    expect(Date.parse(rows[0].user_feedback.at)).not.toBeNaN();

    const listed = await alice.analytics.feedback.list.query({ executionId: runId });
    expect(listed.items).toEqual([
      { executionId: runId, workflowId: onboardingId, workflowName: 'Onboarding', userId: aliceId, rating: 2, comment: null, at: second.at },
    ]);
    await alice.analytics.feedback.submit.mutate({ executionId: runs.waiting[0]!, rating: 5, comment: 'Great' });
    const byWorkflow = await alice.analytics.feedback.list.query({ workflowId: onboardingId });
    expect(byWorkflow.items.map((i) => [i.executionId, i.rating])).toEqual([
      [runs.waiting[0], 5],
      [runId, 2],
    ]);
    expect((await alice.analytics.feedback.list.query({ workflowId: onboardingId, limit: 1 })).items).toHaveLength(1);
    expect((await alice.analytics.workflow.query({ workflowId: onboardingId })).feedback).toEqual({ count: 2, averageRating: 3.5 });
  });

  it('ratings outside 1..5, fractions and overlong comments are BAD_REQUEST and store nothing', async () => {
    const executionId = runs.completed[1]!;
    for (const rating of [0, 6, 3.5]) {
      expect(await errorCode(alice.analytics.feedback.submit.mutate({ executionId, rating }))).toBe('BAD_REQUEST');
    }
    expect(await errorCode(alice.analytics.feedback.submit.mutate({ executionId, rating: 3, comment: 'x'.repeat(2001) }))).toBe('BAD_REQUEST');
    expect(await errorCode(alice.analytics.feedback.list.query({ limit: 0 }))).toBe('BAD_REQUEST');
    const { rows } = await t.db.pool.query(`select 1 from workflow_learning_data where execution_id = $1`, [executionId]);
    expect(rows).toHaveLength(0);
  });

  it("another user's execution is NOT_FOUND and their feedback never listed; an admin lists everyone's", async () => {
    expect(await errorCode(bob.analytics.feedback.submit.mutate({ executionId: runs.completed[0]!, rating: 1 }))).toBe('NOT_FOUND');
    expect(await errorCode(admin.analytics.feedback.submit.mutate({ executionId: runs.completed[0]!, rating: 1 }))).toBe('NOT_FOUND');
    expect(await errorCode(alice.analytics.feedback.submit.mutate({ executionId: randomUUID(), rating: 3 }))).toBe('NOT_FOUND');
    await bob.analytics.feedback.submit.mutate({ executionId: runs.bob, rating: 3 });

    expect((await bob.analytics.feedback.list.query({})).items.map((i) => i.executionId)).toEqual([runs.bob]);
    expect((await bob.analytics.feedback.list.query({ executionId: runs.completed[0]! })).items).toEqual([]);
    expect((await alice.analytics.feedback.list.query({})).items.map((i) => i.userId)).not.toContain(bobId);
    const all = await admin.analytics.feedback.list.query({});
    expect(all.items.map((i) => [i.userId, i.rating]).sort()).toEqual([
      [aliceId, 2],
      [aliceId, 5],
      [bobId, 3],
    ].sort());
    // The rejected submits stored nothing: alice's rating is still 2.
    expect((await alice.analytics.feedback.list.query({ executionId: runs.completed[0]! })).items[0]?.rating).toBe(2);
  });

  it('concurrent submits for one run leave exactly one feedback row', async () => {
    const executionId = runs.completed[2]!;
    await Promise.all([1, 2, 3, 4, 5].map((rating) => alice.analytics.feedback.submit.mutate({ executionId, rating })));
    const { rows } = await t.db.pool.query(`select 1 from workflow_learning_data where execution_id = $1`, [executionId]);
    expect(rows).toHaveLength(1);
  });
});

describe('analytics without signing in', () => {
  it('every procedure is UNAUTHORIZED', async () => {
    expect(await errorCode(anonymous.analytics.workflow.query({ workflowId: onboardingId }))).toBe('UNAUTHORIZED');
    expect(await errorCode(anonymous.analytics.trends.query({ days: 7 }))).toBe('UNAUTHORIZED');
    expect(await errorCode(anonymous.analytics.feedback.submit.mutate({ executionId: runs.completed[0]!, rating: 5 }))).toBe('UNAUTHORIZED');
    expect(await errorCode(anonymous.analytics.feedback.list.query({}))).toBe('UNAUTHORIZED');
  });
});
