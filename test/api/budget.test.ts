import { jsonModel, workflow } from '@stepwise/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './auth-helpers';
import { errorCode, saveWorkflow, startTestApp, type TestApp, waitForStatus } from './harness';

// Every call of the mock model: 100 input + 20 output tokens; at $1 / $10 per 1M tokens, $0.0003.
const model = jsonModel(() => ({ tip: 'Keep three months of expenses in cash.' }));
const PRICES = JSON.stringify({ 'mock-provider:mock-model-id': { input: 1, output: 10 } });

let t: TestApp;
let alice: ReturnType<TestApp['client']>;
let bob: ReturnType<TestApp['client']>;
let workflowId: string;
let bobsWorkflowId: string;
const tips = workflow([
  {
    id: 'tip',
    type: 'ai_generated',
    ai_prompt: 'One tip for an emergency fund.',
    config: { auto_accept: true, cache_ttl_ms: 0, output_schema: { type: 'object', properties: { tip: { type: 'string' } }, required: ['tip'] } },
  },
]);

beforeAll(async () => {
  // No history yet: the first estimate is the default call size (1,500 tokens), over the 1,000-token run cap.
  t = await startTestApp({ BUDGET_RUN_TOKENS: '1000', BUDGET_DAILY_USD: '0.0005', MODEL_PRICES: PRICES }, undefined, { model: model.model });
  const me = await signUp(t.url);
  alice = t.client(me.headers);
  const them = await signUp(t.url);
  bob = t.client(them.headers);
  ({ workflowId } = await saveWorkflow(t, me.user.id, tips));
  ({ workflowId: bobsWorkflowId } = await saveWorkflow(t, them.user.id, tips));
});
afterAll(async () => t?.stop());

const aiCalls = async (runId: string) =>
  (
    await t.db.pool.query<{ n: number }>(
      `select count(*)::int as n from ai_step_executions a join workflow_step_executions s on s.id = a.step_execution_id where s.execution_id = $1`,
      [runId],
    )
  ).rows[0]!.n;

describe('model budgets over HTTP', () => {
  it('a run that would go over its cap pauses before calling the model; approving more lets it finish', async () => {
    const started = await alice.executions.start.mutate({ workflowId });
    const paused = await waitForStatus(alice, started.id, 'paused');
    expect(paused.steps[0]).toMatchObject({ stepId: 'tip', status: 'pending' });
    expect(paused.budget?.hold).toMatchObject({ scope: 'run', unit: 'tokens', cap: 1000, spent: 0, estimate: 1500, stepIds: ['tip'], suggested: 1000 });
    expect(await aiCalls(started.id)).toBe(0);

    expect(await errorCode(alice.executions.resume.mutate({ id: started.id }))).toBe('CONFLICT');
    expect(await errorCode(alice.executions.approveBudget.mutate({ id: started.id, extra: 100 }))).toBe('BAD_REQUEST');
    expect(await errorCode(bob.executions.approveBudget.mutate({ id: started.id }))).toBe('NOT_FOUND');
    expect((await alice.executions.get.query({ id: started.id })).status).toBe('paused');

    await alice.executions.approveBudget.mutate({ id: started.id });
    const done = await waitForStatus(alice, started.id, 'completed');
    expect(done.budget).toMatchObject({ spent: { tokens: 120, usd: 0.0003 }, approved: { tokens: 1000, usd: 0 }, hold: null });
    expect(await aiCalls(started.id)).toBe(1);
  });

  it("the person's daily cap counts their other runs: the next run pauses at it", async () => {
    // Today: $0.0003 spent; this step's history says $0.0003 more, over the $0.0005 daily cap.
    const started = await alice.executions.start.mutate({ workflowId });
    const paused = await waitForStatus(alice, started.id, 'paused');
    expect(paused.budget?.hold).toMatchObject({ scope: 'daily', unit: 'usd', cap: 0.0005, spent: 0.0003, estimate: 0.0003 });
    expect(await aiCalls(started.id)).toBe(0);

    const cancelled = await alice.executions.cancel.mutate({ id: started.id });
    expect(cancelled.status).toBe('cancelled');
    expect(await aiCalls(started.id)).toBe(0);
  });

  it("a start may bring the run's own caps; bad caps are refused with what was wrong", async () => {
    const roomy = await bob.executions.start.mutate({ workflowId: bobsWorkflowId, budget: { tokens: 5_000 } });
    const done = await waitForStatus(bob, roomy.id, 'completed');
    expect(done.budget).toMatchObject({ limits: { tokens: 5_000 }, spent: { tokens: 120 } });
    expect(await errorCode(bob.executions.start.mutate({ workflowId, budget: { tokens: -1 } }))).toBe('BAD_REQUEST');
  });
});
