import { beforeEach, describe, expect, it } from 'vitest';
import { createDefaultRegistry } from './default-registry';
import { WorkflowEngine } from './engine';
import { ConflictError, DefinitionError, InvalidInputError, NotFoundError } from './errors';
import type { EngineEvent } from './events';
import { MemoryStore } from './memory-store';
import type { RunRecord } from './run';
import { formStep, jsonModel, testStepExecutor, workflow } from './testing';
import { validateDefinition } from './validate-definition';

const budgetForm = formStep('budget', { income: { type: 'number', minimum: 0 }, expenses: { type: 'number', minimum: 0 } }, ['income', 'expenses']);
const surplus = {
  id: 'surplus',
  type: 'calculation',
  dependencies: ['budget'],
  config: { formula: 'monthly_surplus', inputs: { income: 'budget.income', expenses: 'budget.expenses' } },
};
const advice = {
  id: 'advice',
  type: 'ai_generated',
  dependencies: ['surplus'],
  ai_prompt: 'The surplus is {{surplus.surplus}}. Give one tip.',
  config: { output_schema: { type: 'object', properties: { tip: { type: 'string' } }, required: ['tip'] } },
};

function setup(answer: (prompt: string, call: number) => unknown = (_p, n) => ({ tip: `tip ${n}` })) {
  const store = new MemoryStore();
  const registry = createDefaultRegistry().register(testStepExecutor());
  const { model, prompts } = jsonModel(answer);
  const engine = new WorkflowEngine({ store, registry, model, leaseMs: 1_000 });
  const events: EngineEvent[] = [];
  engine.on((e) => events.push(e));
  const start = (def: object, input: Record<string, unknown> = {}) =>
    engine.start({ workflowId: `v-${Math.random()}`, definition: validateDefinition(def, registry), userId: 'u1', sessionId: 's1', input });
  return { store, registry, engine, events, prompts, start };
}

const statuses = (run: RunRecord) => Object.fromEntries(Object.values(run.steps).map((s) => [s.stepId, s.status]));

describe('running a workflow', () => {
  it('runs automatic steps to completion with outputs under their step ids', async () => {
    const { start, store } = setup();
    const def = workflow([
      { id: 'a', type: 'test_step' },
      { id: 'b', type: 'test_step', dependencies: ['a'] },
      { id: 'c', type: 'test_step', dependencies: ['b'] },
    ]);
    const run = await start(def, { goal: 'x' });
    expect(run.status).toBe('completed');
    const saved = (await store.loadRun(run.id))!;
    expect(saved.status).toBe('completed');
    expect(saved.context.data.input).toEqual({ goal: 'x' });
    expect(saved.context.data).toHaveProperty('a.n', 1);
    expect(saved.context.data).toHaveProperty('c.n', 1);
    expect(saved.results).toEqual({ c: saved.context.data.c });
    expect(saved.context.user_id).toBe('u1');
    expect(saved.context.session_id).toBe('s1');
  });

  it('waits for a form, validates the submission, then continues', async () => {
    const { start, engine, store } = setup();
    const run = await start(workflow([budgetForm, surplus]));
    expect(run.status).toBe('waiting_for_input');
    expect(run.steps.budget!.status).toBe('waiting');

    const bad = await engine.submitInput(run.id, 'budget', { income: -5, expenses: 'lots' }).catch((e) => e);
    expect(bad).toBeInstanceOf(InvalidInputError);
    expect(Object.keys((bad as InvalidInputError).fieldErrors).sort()).toEqual(['expenses', 'income']);
    const unchanged = (await store.loadRun(run.id))!;
    expect(unchanged.version).toBe(run.version);
    expect(unchanged.steps.budget!.status).toBe('waiting');

    const done = await engine.submitInput(run.id, 'budget', { income: 4000, expenses: 3100.5 });
    expect(done.status).toBe('completed');
    expect(done.context.data.surplus).toMatchObject({ surplus: 899.5 });
  });

  it('keeps the definition version a run started with', async () => {
    const { start, store } = setup();
    const def = workflow([budgetForm]);
    const run = await start(def);
    expect((await store.loadRun(run.id))!.definition.steps.map((s) => s.id)).toEqual(['budget']);
  });

  it('refuses an invalid definition with every problem listed', async () => {
    const { start } = setup();
    const err = await Promise.resolve()
      .then(() => start(workflow([{ id: 'a', type: 'nope' }, { id: 'b', type: 'test_step', dependencies: ['zzz'] }])))
      .catch((e) => e);
    expect(err).toBeInstanceOf(DefinitionError);
    expect((err as DefinitionError).issues.map((i) => i.code)).toEqual(expect.arrayContaining(['unknown_step_type', 'dangling_dependency']));
  });
});

describe('decisions', () => {
  const def = workflow([
    budgetForm,
    surplus,
    {
      id: 'route',
      type: 'decision',
      dependencies: ['surplus'],
      config: {
        branches: [{ id: 'tight', condition: 'surplus.surplus < 500.0', next: ['warn'] }],
        default: { id: 'ok', next: ['invest'] },
      },
    },
    { id: 'warn', type: 'test_step', dependencies: ['route'] },
    { id: 'warn_followup', type: 'test_step', dependencies: ['warn'] },
    { id: 'invest', type: 'test_step', dependencies: ['route'] },
    { id: 'summary', type: 'test_step', dependencies: ['warn_followup', 'invest'] },
    // A step after the join reads a branch that may have been skipped (its output is null): has() guards it.
    {
      id: 'which',
      type: 'decision',
      dependencies: ['summary', 'invest'],
      config: { branches: [{ id: 'invested', condition: 'has(invest.n) && invest.n >= 1.0', next: [] }], default: { id: 'warned', next: [] } },
    },
  ]);

  it('skips the branch not taken and the steps depending only on it', async () => {
    const { start, engine } = setup();
    const run = await start(def);
    const done = await engine.submitInput(run.id, 'budget', { income: 3000, expenses: 2800 });
    expect(done.status).toBe('completed');
    expect(statuses(done)).toMatchObject({ warn: 'completed', warn_followup: 'completed', invest: 'skipped', summary: 'completed' });
    expect(done.context.data.route).toMatchObject({ branch: 'tight' });
    expect(done.context.data.invest).toBeNull();
    expect(done.context.data.which).toMatchObject({ branch: 'warned' });
  });

  it('takes the default branch when no condition holds', async () => {
    const { start, engine } = setup();
    const run = await start(def);
    const done = await engine.submitInput(run.id, 'budget', { income: 9000, expenses: 2000 });
    expect(statuses(done)).toMatchObject({ warn: 'skipped', warn_followup: 'skipped', invest: 'completed', summary: 'completed' });
    expect(done.context.data.which).toMatchObject({ branch: 'invested' });
  });
});

describe('AI steps and review', () => {
  it('waits for review; accept makes the proposal the output', async () => {
    const { start, engine } = setup();
    const run = await start(workflow([budgetForm, surplus, advice]));
    await engine.submitInput(run.id, 'budget', { income: 3000, expenses: 1000 });
    await engine.idle();
    const waiting = await engine.getRun(run.id);
    expect(waiting.status).toBe('waiting_for_review');
    expect(waiting.steps.advice!.output).toEqual({ tip: 'tip 1' });
    const done = await engine.accept(run.id, 'advice');
    expect(done.status).toBe('completed');
    expect(done.context.data.advice).toEqual({ tip: 'tip 1' });
  });

  it('reject re-runs the step with the feedback and invalidates only downstream steps', async () => {
    const { start, engine, prompts, store } = setup();
    const def = workflow([
      budgetForm,
      surplus,
      advice,
      formStep('confirm', { ok: { type: 'boolean' } }, ['ok'], ['advice']),
      { id: 'side', type: 'test_step', dependencies: ['budget'] },
    ]);
    const run = await start(def);
    await engine.submitInput(run.id, 'budget', { income: 3000, expenses: 1000 });
    await engine.idle();
    await engine.accept(run.id, 'advice');
    const before = await engine.getRun(run.id);
    expect(before.steps.confirm!.status).toBe('waiting');
    const sideBefore = before.steps.side!;

    await engine.reject(run.id, 'advice', 'Make it about index funds');
    await engine.idle();
    const after = await engine.getRun(run.id);
    expect(after.steps.advice!.attempt).toBe(2);
    expect(after.steps.advice!.status).toBe('waiting');
    expect(after.steps.advice!.output).toEqual({ tip: 'tip 2' });
    expect(prompts[1]).toContain('Make it about index funds');
    expect(after.steps.confirm!.status).toBe('pending');
    expect(after.steps.confirm!.attempt).toBe(2);
    expect(after.context.data.confirm).toBeUndefined();
    // Upstream and independent steps are untouched.
    expect(after.steps.side).toEqual(sideBefore);
    expect(after.steps.surplus!.attempt).toBe(1);
    const attempts = store.attemptsOf(run.id).filter((a) => a.stepId === 'advice');
    expect(attempts.map((a) => [a.attempt, a.status])).toEqual([
      [1, 'completed'],
      [2, 'waiting'],
    ]);
    await engine.accept(run.id, 'advice');
    const done = await engine.submitInput(run.id, 'confirm', { ok: true });
    expect(done.status).toBe('completed');
  });

  it('auto-accepts when the step says so', async () => {
    const { start, engine } = setup();
    const auto = { ...advice, config: { ...advice.config, auto_accept: true } };
    const run = await start(workflow([budgetForm, surplus, auto]));
    await engine.submitInput(run.id, 'budget', { income: 3000, expenses: 1000 });
    await engine.idle();
    expect((await engine.getRun(run.id)).status).toBe('completed');
  });
});

describe('pause, resume and cancel', () => {
  let ctx: ReturnType<typeof setup>;
  beforeEach(() => (ctx = setup()));

  it('pauses a waiting run; a paused run refuses input until resumed', async () => {
    const run = await ctx.start(workflow([budgetForm, surplus]));
    const paused = await ctx.engine.pause(run.id);
    expect(paused.status).toBe('paused');
    await expect(ctx.engine.submitInput(run.id, 'budget', { income: 1, expenses: 1 })).rejects.toBeInstanceOf(ConflictError);
    expect((await ctx.engine.pause(run.id)).version).toBe(paused.version); // pausing twice changes nothing
    const resumed = await ctx.engine.resume(run.id);
    expect(resumed.status).toBe('waiting_for_input');
    expect((await ctx.engine.submitInput(run.id, 'budget', { income: 10, expenses: 1 })).status).toBe('completed');
  });

  it('pauses at the next step boundary while steps are running', async () => {
    const def = workflow([
      { id: 'a', type: 'test_step', config: { ms: 40 } },
      { id: 'b', type: 'test_step', dependencies: ['a'], config: { ms: 40 } },
      { id: 'c', type: 'test_step', dependencies: ['b'] },
    ]);
    const runId = 'run-pause-boundary';
    const starting = ctx.engine.start({ runId, workflowId: 'w', definition: validateDefinition(def, ctx.registry), userId: 'u1', sessionId: 's1' });
    // A new run is stored with its first step: wait until step a is committed and b is running.
    while (!(await ctx.store.loadRun(runId))) await new Promise((r) => setTimeout(r, 5));
    await ctx.engine.pause(runId);
    const run = await starting;
    expect(run.status).toBe('paused');
    const paused = await ctx.engine.getRun(runId);
    expect(paused.steps.c!.status).toBe('pending');
    const done = await ctx.engine.resume(runId);
    expect(done.status).toBe('completed');
    // No completed step ran twice.
    for (const id of ['a', 'b', 'c']) expect(ctx.store.attemptsOf(runId).filter((s) => s.stepId === id && s.status === 'completed')).toHaveLength(1);
  });

  it('pauses a run waiting for review and resumes it there', async () => {
    const run = await ctx.start(workflow([budgetForm, surplus, advice]));
    await ctx.engine.submitInput(run.id, 'budget', { income: 3000, expenses: 1000 });
    await ctx.engine.idle();
    expect((await ctx.engine.pause(run.id)).status).toBe('paused');
    await expect(ctx.engine.accept(run.id, 'advice')).rejects.toBeInstanceOf(ConflictError);
    expect((await ctx.engine.resume(run.id)).status).toBe('waiting_for_review');
  });

  it('cancel is final from every open state', async () => {
    for (const prepare of [
      async (id: string) => id, // waiting for input
      async (id: string) => (await ctx.engine.pause(id), id),
    ]) {
      const run = await ctx.start(workflow([budgetForm, surplus]));
      await prepare(run.id);
      const cancelled = await ctx.engine.cancel(run.id);
      expect(cancelled.status).toBe('cancelled');
      expect(statuses(cancelled)).toEqual({ budget: 'cancelled', surplus: 'cancelled' });
      await expect(ctx.engine.resume(run.id)).rejects.toBeInstanceOf(ConflictError);
      await expect(ctx.engine.submitInput(run.id, 'budget', { income: 1, expenses: 1 })).rejects.toBeInstanceOf(ConflictError);
      expect((await ctx.engine.cancel(run.id)).status).toBe('cancelled');
    }
  });

  it('a completed run can be neither paused nor cancelled', async () => {
    const run = await ctx.start(workflow([{ id: 'a', type: 'test_step' }]));
    await expect(ctx.engine.pause(run.id)).rejects.toBeInstanceOf(ConflictError);
    await expect(ctx.engine.cancel(run.id)).rejects.toBeInstanceOf(ConflictError);
  });

  it("acting for another user answers NotFound and changes nothing", async () => {
    const run = await ctx.start(workflow([budgetForm, surplus]));
    await expect(ctx.engine.getRun(run.id, { userId: 'someone-else' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(ctx.engine.cancel(run.id, { userId: 'someone-else' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(ctx.engine.submitInput(run.id, 'budget', { income: 1, expenses: 1 }, { userId: 'someone-else' })).rejects.toBeInstanceOf(NotFoundError);
    expect((await ctx.engine.getRun(run.id)).version).toBe(run.version);
    expect((await ctx.engine.pause(run.id, { userId: 'u1' })).status).toBe('paused');
  });

  it('answers NotFound for unknown runs and steps', async () => {
    await expect(ctx.engine.pause('missing')).rejects.toBeInstanceOf(NotFoundError);
    const run = await ctx.start(workflow([budgetForm]));
    await expect(ctx.engine.submitInput(run.id, 'nope', {})).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('retries and timeouts', () => {
  it('retries a retryable failure with backoff and succeeds', async () => {
    const { start, events } = setup();
    const run = await start(workflow([{ id: 'a', type: 'test_step', config: { fail_times: 2 }, retry: { max_attempts: 3, initial_backoff_ms: 5, max_backoff_ms: 20 } }]));
    expect(run.status).toBe('completed');
    expect(run.context.data.a).toMatchObject({ n: 3 });
    expect(events.filter((e) => e.type === 'step.progress')).toHaveLength(2);
  });

  it('fails the run after the last attempt; retryStep runs the step again', async () => {
    const { start, engine } = setup();
    const run = await start(workflow([{ id: 'a', type: 'test_step', config: { fail_times: 3 }, retry: { max_attempts: 2, initial_backoff_ms: 1, max_backoff_ms: 1 } }]));
    expect(run.status).toBe('failed');
    expect(run.steps.a!.status).toBe('failed');
    expect(run.error).toMatchObject({ code: 'step_failed', details: { stepId: 'a' } });
    const retried = await engine.retryStep(run.id, 'a');
    expect(retried.status).toBe('completed');
    expect(retried.steps.a!.attempt).toBe(2);
  });

  it('times out a step that hangs', async () => {
    const { start } = setup();
    const run = await start(workflow([{ id: 'a', type: 'test_step', config: { hang: true }, timeout_ms: 20, retry: { max_attempts: 2, initial_backoff_ms: 1, max_backoff_ms: 1 } }]));
    expect(run.status).toBe('failed');
    expect(run.steps.a!.error).toMatchObject({ code: 'step_timeout' });
  });
});

describe('concurrency and recovery', () => {
  it('20 concurrent submits on one waiting step: exactly one applies', async () => {
    const { start, engine, store } = setup();
    const run = await start(workflow([budgetForm, surplus]));
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => engine.submitInput(run.id, 'budget', { income: 1000 + i, expenses: 1 })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(19);
    for (const r of rejected) expect(r.reason).toBeInstanceOf(ConflictError);
    expect(store.attemptsOf(run.id).filter((a) => a.stepId === 'budget' && a.status === 'completed')).toHaveLength(1);
  });

  it('recovers a run whose process died mid-step: the running step gets a new attempt', async () => {
    const { start, engine, store, registry } = setup();
    const run = await start(workflow([budgetForm, surplus, advice]));
    // Simulate a dead process: the AI step is running under a lease that has expired.
    const saved = (await store.loadRun(run.id))!;
    await store.commit({
      runId: run.id,
      expectedVersion: saved.version,
      run: {
        ...saved,
        context: { ...saved.context, data: { ...saved.context.data, budget: { income: 3000, expenses: 1000 }, surplus: { surplus: 2000 } } },
        status: 'running',
        leaseOwner: 'dead',
        leaseExpiresAt: new Date(Date.now() - 1),
        updatedAt: new Date(),
      },
      steps: [
        { ...saved.steps.budget!, status: 'completed', output: { income: 3000, expenses: 1000 }, attempt: 1 },
        { ...saved.steps.surplus!, status: 'completed', output: { surplus: 2000 }, attempt: 1 },
        { ...saved.steps.advice!, status: 'running', attempt: 1, startedAt: new Date() },
      ],
    });
    expect((await store.loadRun(run.id))!.steps.advice!.status).toBe('running');
    const other = new WorkflowEngine({ store, registry, model: (engine as unknown as { model: never }).model, leaseMs: 1_000 });
    expect(await other.recover()).toBe(1);
    await other.idle();
    const after = await other.getRun(run.id);
    expect(after.steps.advice!.attempt).toBe(2);
    expect(after.steps.advice!.status).toBe('waiting');
    expect(store.attemptsOf(run.id).find((a) => a.stepId === 'advice' && a.attempt === 1)!.status).toBe('cancelled');
    expect(await other.recover()).toBe(0);
  });

  it('does not take a run whose lease is still held', async () => {
    const { start, store, registry } = setup();
    const run = await start(workflow([budgetForm]));
    const saved = (await store.loadRun(run.id))!;
    await store.commit({ runId: run.id, expectedVersion: saved.version, run: { ...saved, status: 'running', leaseOwner: 'alive', leaseExpiresAt: new Date(Date.now() + 60_000) }, steps: [] });
    const other = new WorkflowEngine({ store, registry });
    expect(await other.recover()).toBe(0);
  });
});

describe('events', () => {
  it('emits every transition in order', async () => {
    const { start, engine, events } = setup();
    const run = await start(workflow([budgetForm, surplus]));
    await engine.submitInput(run.id, 'budget', { income: 10, expenses: 1 });
    const seen = events.filter((e) => e.type !== 'step.progress').map((e) => ('stepId' in e ? `${e.type}:${e.stepId}` : `${e.type}:${e.status}`));
    expect(seen).toEqual([
      'run.status:pending',
      'step.waiting:budget',
      'run.status:waiting_for_input',
      'step.completed:budget',
      'run.status:running',
      'step.completed:surplus',
      'run.status:completed',
    ]);
    const seqs = events.filter((e) => e.type !== 'step.progress').map((e) => ('seq' in e ? e.seq * 100 + e.index : 0));
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });
});
