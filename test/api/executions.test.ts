import { saveDefinitionVersion } from '@stepwise/db';
import { formStep, workflow } from '@stepwise/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './auth-helpers';
import { errorCode, startTestApp, type TestApp } from './harness';

let t: TestApp;
let alice: ReturnType<TestApp['client']>;
let bob: ReturnType<TestApp['client']>;
let aliceId: string;
let budgetWorkflowId: string;

const budget = workflow(
  [
    formStep('budget', { income: { type: 'number', minimum: 0 }, expenses: { type: 'number', minimum: 0 } }, ['income', 'expenses']),
    {
      id: 'surplus',
      type: 'calculation',
      dependencies: ['budget'],
      config: { formula: 'monthly_surplus', inputs: { income: 'budget.income', expenses: 'budget.expenses' } },
    },
  ],
  { name: 'Monthly budget' },
);

beforeAll(async () => {
  t = await startTestApp();
  alice = t.client((await signUp(t.url, 'alice@example.com', 'correct horse battery')).headers);
  bob = t.client((await signUp(t.url, 'bob@example.com', 'correct horse battery')).headers);
  aliceId = (await alice.auth.me.query())!.id;
  const orm = await t.db.orm();
  const saved = await saveDefinitionVersion(orm.em.fork(), { ownerId: aliceId, definition: t.app.engine.validate(budget) });
  budgetWorkflowId = saved.workflowId;
});
afterAll(async () => t?.stop());

describe('executions over HTTP', () => {
  it('start -> waiting form -> bad input is refused with field messages and saves nothing -> good input completes', async () => {
    const run = await alice.executions.start.mutate({ workflowId: budgetWorkflowId, input: { month: '2026-11' } });
    expect(run.status).toBe('waiting_for_input');
    expect(run.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['budget', 'waiting'],
      ['surplus', 'pending'],
    ]);
    const bad = await alice.executions.submitInput.mutate({ id: run.id, stepId: 'budget', data: { income: -1 } }).catch((e) => e);
    expect(bad.data.code).toBe('BAD_REQUEST');
    expect(Object.keys(bad.data.fieldErrors).sort()).toEqual(['expenses', 'income']);
    expect((await alice.executions.get.query({ id: run.id })).version).toBe(run.version);

    const done = await alice.executions.submitInput.mutate({ id: run.id, stepId: 'budget', data: { income: 5000, expenses: 3200 } });
    expect(done.status).toBe('completed');
    expect(done.data.surplus).toMatchObject({ surplus: 1800 });
    const detail = await alice.executions.get.query({ id: run.id });
    expect(detail.attempts.map((a) => [a.stepId, a.status])).toEqual([
      ['budget', 'completed'],
      ['surplus', 'completed'],
    ]);
  });

  it('50 simultaneous submits on one waiting step: exactly one applies, 49 get CONFLICT', async () => {
    const run = await alice.executions.start.mutate({ workflowId: budgetWorkflowId });
    const codes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        errorCode(alice.executions.submitInput.mutate({ id: run.id, stepId: 'budget', data: { income: 1000 + i, expenses: 10 } })),
      ),
    );
    expect(codes.filter((c) => c === null)).toHaveLength(1);
    expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(49);
    const { rows } = await t.db.pool.query(
      `select count(*)::int as n from workflow_step_executions where execution_id = $1 and step_id = 'budget' and status = 'completed'`,
      [run.id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('pause, resume and cancel; a cancelled run refuses input with CONFLICT', async () => {
    const run = await alice.executions.start.mutate({ workflowId: budgetWorkflowId });
    expect((await alice.executions.pause.mutate({ id: run.id })).status).toBe('paused');
    expect(await errorCode(alice.executions.submitInput.mutate({ id: run.id, stepId: 'budget', data: { income: 1, expenses: 1 } }))).toBe('CONFLICT');
    expect((await alice.executions.resume.mutate({ id: run.id })).status).toBe('waiting_for_input');
    expect((await alice.executions.cancel.mutate({ id: run.id })).status).toBe('cancelled');
    expect(await errorCode(alice.executions.submitInput.mutate({ id: run.id, stepId: 'budget', data: { income: 1, expenses: 1 } }))).toBe('CONFLICT');
    expect(await errorCode(alice.executions.retryStep.mutate({ id: run.id, stepId: 'budget' }))).toBe('CONFLICT');
  });

  it('lists own executions by status with cursor paging', async () => {
    for (let i = 0; i < 5; i++) await alice.executions.start.mutate({ workflowId: budgetWorkflowId });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await alice.executions.list.query({ status: 'waiting_for_input', limit: 2, cursor });
      for (const item of page.items) expect(item.status).toBe('waiting_for_input');
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(await errorCode(alice.executions.list.query({ cursor: 'garbage' }))).toBe('BAD_REQUEST');
  });

  it("another user gets NOT_FOUND for each of alice's executions, and sees none in lists", async () => {
    const run = await alice.executions.start.mutate({ workflowId: budgetWorkflowId });
    // Thunks: each call starts only when awaited (a promise rejected before anyone awaits it is an unhandled rejection).
    const calls = [
      () => bob.executions.get.query({ id: run.id }),
      () => bob.executions.submitInput.mutate({ id: run.id, stepId: 'budget', data: { income: 1, expenses: 1 } }),
      () => bob.executions.accept.mutate({ id: run.id, stepId: 'budget' }),
      () => bob.executions.reject.mutate({ id: run.id, stepId: 'budget', feedback: 'no' }),
      () => bob.executions.retryStep.mutate({ id: run.id, stepId: 'budget' }),
      () => bob.executions.pause.mutate({ id: run.id }),
      () => bob.executions.resume.mutate({ id: run.id }),
      () => bob.executions.cancel.mutate({ id: run.id }),
      () => bob.executions.start.mutate({ workflowId: budgetWorkflowId }),
    ];
    for (const call of calls) expect(await errorCode(call())).toBe('NOT_FOUND');
    expect((await bob.executions.list.query({})).items).toEqual([]);
    expect((await alice.executions.get.query({ id: run.id })).status).toBe('waiting_for_input');
  });

  it('answers UNAUTHORIZED without credentials and BAD_REQUEST for malformed ids', async () => {
    const anon = t.client();
    expect(await errorCode(anon.executions.list.query({}))).toBe('UNAUTHORIZED');
    expect(await errorCode(anon.executions.start.mutate({ workflowId: budgetWorkflowId }))).toBe('UNAUTHORIZED');
    expect(await errorCode(alice.executions.get.query({ id: 'not-a-uuid' }))).toBe('BAD_REQUEST');
    expect(await errorCode(alice.executions.start.mutate({ workflowId: budgetWorkflowId, input: { big: 'x'.repeat(70_000) } }))).toBe('BAD_REQUEST');
  });
});
