import { jsonModel, workflow } from '@stepwise/engine/testing';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../api/auth-helpers';
import { errorCode, saveWorkflow, startTestApp, type TestApp, waitForStatus } from '../api/harness';

const PLAN_PROMPT = 'Write a savings plan for ZZ-PLAN.';
// One mock for everything: AI steps get a plan; the workflow generator always gets an unusable answer.
const mock = jsonModel((prompt) => (prompt.includes('ZZ-PLAN') ? { summary: 'Save 10%' } : { not: 'a workflow' }));
// The mock's AI SDK name, priced at 10 / 20 USD per 1M tokens: 100 in + 20 out = 0.0014 USD.
const MODEL_PRICES = JSON.stringify({ 'mock-provider:mock-model-id': { input: 10, output: 20 } });

let builtin: TestApp;
let mocked: TestApp;
let alice: ReturnType<TestApp['client']>;
let aliceId: string;
let bob: ReturnType<TestApp['client']>;
let workflowId: string;

beforeAll(async () => {
  [builtin, mocked] = await Promise.all([startTestApp(), startTestApp({ MODEL_PRICES }, undefined, { model: mock.model })]);
  const me = await signUp(mocked.url);
  aliceId = me.user.id;
  alice = mocked.client(me.headers);
  bob = mocked.client((await signUp(mocked.url)).headers);
  ({ workflowId } = await saveWorkflow(
    mocked,
    aliceId,
    workflow([
      {
        id: 'plan',
        type: 'ai_generated',
        ai_prompt: PLAN_PROMPT,
        config: { output_schema: { type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'] } },
      },
    ]),
  ));
});
afterAll(async () => Promise.all([builtin?.stop(), mocked?.stop()]));

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 250; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const generations = (t: TestApp, userId: string) =>
  t.db.pool
    .query('select requirements, generated_workflow_id, ai_model, generation_time_ms, success, error_message from ai_workflow_generations where user_id = $1', [userId])
    .then((r) => r.rows);

async function startAndReview() {
  const { id } = await alice.executions.start.mutate({ workflowId });
  await waitForStatus(alice, id, 'waiting_for_review');
  return id;
}

describe('ai.generate', () => {
  it('generates with the built-in model, saves a valid workflow and records the generation', async () => {
    const me = await signUp(builtin.url);
    const client = builtin.client(me.headers);
    const goal = 'ask for my income, expenses and savings goal, then if the surplus is under 500 warn me';
    const result = await client.ai.generate.mutate({ goal });
    expect(result.attempts).toBeGreaterThanOrEqual(1);
    expect(result.workflow.stepCount).toBeGreaterThanOrEqual(3);
    const saved = await client.workflows.get.query({ id: result.workflow.id });
    expect(saved.definition.steps.map((s) => s.type)).toEqual(expect.arrayContaining(['data_collection', 'calculation', 'decision']));
    expect(await generations(builtin, me.user.id)).toEqual([
      {
        requirements: { goal },
        generated_workflow_id: result.workflow.versionId,
        ai_model: result.model,
        generation_time_ms: expect.any(Number),
        success: true,
        error_message: null,
      },
    ]);
  });

  it('answers BAD_REQUEST with the attempts when the model never writes a valid workflow, and records the failure', async () => {
    const before = (await alice.workflows.list.query({})).items.length;
    const error = await alice.ai.generate.mutate({ goal: 'track my spending' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    const data = (error as TRPCClientError<never>).data as unknown as { code: string; details: { attempts: unknown[] } };
    expect(data.code).toBe('BAD_REQUEST');
    expect(data.details.attempts.length).toBeGreaterThanOrEqual(1);
    expect((await alice.workflows.list.query({})).items).toHaveLength(before);
    expect(await generations(mocked, aliceId)).toEqual([
      expect.objectContaining({ requirements: { goal: 'track my spending' }, generated_workflow_id: null, ai_model: 'mock-provider:mock-model-id', success: false, error_message: expect.stringContaining('Could not generate') }),
    ]);
  });
});

describe('AI step calls', () => {
  it('records the call with tokens and cost; the same prompt again is served from the cache', async () => {
    const callsBefore = mock.prompts.filter((p) => p.includes('ZZ-PLAN')).length;
    const first = await startAndReview();
    const [call] = await until(() => alice.ai.calls.query({ executionId: first }), (c) => c.length === 1, 'the recorded call');
    expect(call).toMatchObject({ stepId: 'plan', attempt: 1, model: 'mock-provider:mock-model-id', tokensUsed: 120, costUsd: '0.0014', cached: false });
    expect(call!.prompt).toContain('ZZ-PLAN');
    expect(JSON.parse(call!.response)).toEqual({ summary: 'Save 10%' });

    const second = await startAndReview();
    expect((await alice.executions.get.query({ id: second })).steps[0]).toMatchObject({ output: { summary: 'Save 10%' } });
    const [hit] = await until(() => alice.ai.calls.query({ executionId: second }), (c) => c.length === 1, 'the cached call');
    expect(hit).toMatchObject({ cached: true, tokensUsed: 0, costUsd: '0.0000', latencyMs: 0 });
    expect(mock.prompts.filter((p) => p.includes('ZZ-PLAN')).length).toBe(callsBefore + 1);
  });

  it('ai.executeStep produces the result again with a fresh model call', async () => {
    const id = await startAndReview();
    const modelCalls = mock.prompts.length;
    const rerun = await alice.ai.executeStep.mutate({ id, stepId: 'plan' });
    expect(rerun.id).toBe(id);
    await until(() => alice.executions.get.query({ id }), (r) => r.status === 'waiting_for_review' && r.steps[0]!.attempt === 2, 'the new result');
    const calls = await until(() => alice.ai.calls.query({ executionId: id }), (c) => c.length === 2, 'two calls');
    expect(calls.map((c) => [c.attempt, c.cached])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(mock.prompts.length).toBe(modelCalls + 1);
    const accepted = await alice.executions.accept.mutate({ id, stepId: 'plan' });
    expect(accepted.status).toBe('completed');
    expect(await errorCode(alice.ai.executeStep.mutate({ id, stepId: 'plan' }))).toBe('CONFLICT');
  });

  it("hides another user's execution: NOT_FOUND for ai.executeStep and ai.calls", async () => {
    const id = await startAndReview();
    expect(await errorCode(bob.ai.executeStep.mutate({ id, stepId: 'plan' }))).toBe('NOT_FOUND');
    expect(await errorCode(bob.ai.calls.query({ executionId: id }))).toBe('NOT_FOUND');
    expect(await errorCode(alice.ai.calls.query({ executionId: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
  });
});
