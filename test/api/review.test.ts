import { jsonModel, workflow } from '@stepwise/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './auth-helpers';
import { errorCode, saveWorkflow, startTestApp, type TestApp, waitForStatus } from './harness';

let t: TestApp;
let alice: ReturnType<TestApp['client']>;
let workflowId: string;
let failedOnce = false;
const model = jsonModel((prompt, n) => {
  if (prompt.includes('Fail once') && !failedOnce) return ((failedOnce = true), 'this is not JSON');
  return { summary: `Plan ${n}${prompt.includes('shorter') ? ' (short)' : ''}` };
});

beforeAll(async () => {
  t = await startTestApp({}, undefined, { model: model.model });
  const me = await signUp(t.url);
  alice = t.client(me.headers);
  ({ workflowId } = await saveWorkflow(
    t,
    me.user.id,
    workflow([
      {
        id: 'plan',
        type: 'ai_generated',
        ai_prompt: 'Write a savings plan.',
        config: { output_schema: { type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'] } },
      },
      { id: 'ok', type: 'data_collection', dependencies: ['plan'], config: { schema: { type: 'object', properties: { agree: { type: 'boolean' } } } } },
    ]),
  ));
});
afterAll(async () => t?.stop());

describe('AI results over HTTP: accept, reject with feedback, retry', () => {
  it('reject re-runs the step with the feedback; accept makes the result the output', async () => {
    const started = await alice.executions.start.mutate({ workflowId });
    const first = await waitForStatus(alice, started.id, 'waiting_for_review');
    expect(first.steps[0]).toMatchObject({ stepId: 'plan', status: 'waiting', waitingFor: 'review', output: { summary: 'Plan 1' } });
    expect(await errorCode(alice.executions.accept.mutate({ id: started.id, stepId: 'ok' }))).toBe('CONFLICT');

    await alice.executions.reject.mutate({ id: started.id, stepId: 'plan', feedback: 'Make it shorter' });
    const second = await waitForStatus(alice, started.id, 'waiting_for_review');
    expect(second.steps[0]).toMatchObject({ attempt: 2, output: { summary: 'Plan 2 (short)' } });

    const accepted = await alice.executions.accept.mutate({ id: started.id, stepId: 'plan' });
    expect(accepted.status).toBe('waiting_for_input');
    expect(accepted.data.plan).toEqual({ summary: 'Plan 2 (short)' });
    expect(await errorCode(alice.executions.accept.mutate({ id: started.id, stepId: 'plan' }))).toBe('CONFLICT');
    const detail = await alice.executions.get.query({ id: started.id });
    expect(detail.attempts.filter((a) => a.stepId === 'plan').map((a) => [a.attempt, a.status, a.feedback])).toEqual([
      [1, 'cancelled', 'Make it shorter'],
      [2, 'completed', 'Make it shorter'],
    ]);
  });

  it('retryStep runs a failed step again; on a step that has not failed it is a CONFLICT', async () => {
    const me = (await alice.auth.me.query())!;
    const { workflowId: flakyId } = await saveWorkflow(
      t,
      me.id,
      workflow([
        {
          id: 'plan',
          type: 'ai_generated',
          ai_prompt: 'Fail once, then write a plan.',
          retry: { max_attempts: 1, initial_backoff_ms: 0, max_backoff_ms: 0 },
          config: { output_schema: { type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'] }, auto_accept: true },
        },
      ]),
    );
    const failing = await alice.executions.start.mutate({ workflowId: flakyId });
    const failed = await waitForStatus(alice, failing.id, 'failed');
    expect(failed.steps[0]).toMatchObject({ status: 'failed', error: { code: 'ai_execution_failed' } });
    await alice.executions.retryStep.mutate({ id: failing.id, stepId: 'plan' });
    const done = await waitForStatus(alice, failing.id, 'completed');
    expect(done.steps[0]).toMatchObject({ attempt: 2, status: 'completed' });

    const started = await alice.executions.start.mutate({ workflowId });
    await waitForStatus(alice, started.id, 'waiting_for_review');
    expect(await errorCode(alice.executions.retryStep.mutate({ id: started.id, stepId: 'plan' }))).toBe('CONFLICT');
    expect(await errorCode(alice.executions.reject.mutate({ id: started.id, stepId: 'ok', feedback: 'x' }))).toBe('CONFLICT');
    expect(await errorCode(alice.executions.accept.mutate({ id: started.id, stepId: 'nope' }))).toBe('NOT_FOUND');
  });
});
