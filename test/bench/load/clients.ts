import type { WorkflowDefinitionInput } from '@stepwise/engine';
import { formStep, workflow } from '@stepwise/engine/testing';
import type { AppRouter } from '@stepwise/server/router';
import { createTRPCClient, httpLink } from '@trpc/client';
import { type SignedIn, signUp } from '../../api/auth-helpers';
import { askThenGrow } from '../../api/harness';

export type Api = ReturnType<typeof createTRPCClient<AppRouter>>;

export interface LoadUser {
  me: SignedIn;
  api: Api;
}

/** Runs `fn` over `items` with at most `limit` calls in flight. */
export async function inBatches<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!, i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

/** `count` people signed up over HTTP, a few at a time (password hashing is deliberately slow). */
export function signUpMany(url: string, count: number): Promise<LoadUser[]> {
  return inBatches(Array.from({ length: count }), 8, async () => {
    const me = await signUp(url);
    return { me, api: createTRPCClient<AppRouter>({ links: [httpLink({ url: `${url}/trpc`, headers: me.headers })] }) };
  });
}

/** A typed client for another process of the same deployment (the session is valid on every one). */
export const clientOn = (url: string, user: LoadUser): Api =>
  createTRPCClient<AppRouter>({ links: [httpLink({ url: `${url}/trpc`, headers: user.me.headers })] });

/** A form asking for `amount`, then an AI step the model answers from it, accepted without review. */
export const askThenTip = (): WorkflowDefinitionInput =>
  workflow([
    formStep('ask', { amount: { type: 'number' } }, ['amount']),
    {
      id: 'tip',
      type: 'ai_generated',
      dependencies: ['ask'],
      ai_prompt: 'One savings tip for a monthly surplus of {{ask.amount}}.',
      config: { output_schema: { type: 'object', properties: { tip: { type: 'string' } }, required: ['tip'] }, auto_accept: true },
    },
  ]);

export const WORKFLOWS = { calculation: () => askThenGrow(1), ai: askThenTip };

/** Saves the workflow through the API as this user; returns the id runs start from. */
export async function createWorkflow(api: Api, input: WorkflowDefinitionInput): Promise<string> {
  return (await api.workflows.create.mutate({ definition: input })).id;
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

/** Start, answer the form, and wait until the run is completed; throws if it ends any other way. */
export async function runToCompletion(api: Api, workflowId: string, amount: number) {
  const t0 = performance.now();
  const started = await api.executions.start.mutate({ workflowId });
  const startMs = performance.now() - t0;
  if (started.status !== 'waiting_for_input') throw new Error(`run ${started.id} started ${started.status}, not waiting for its form`);
  let run = await api.executions.submitInput.mutate({ id: started.id, stepId: 'ask', data: { amount } });
  // The answer waits up to 10 s for the queue; past that, the run goes on and we look again.
  for (let delay = 20; MOVING.has(run.status); delay = Math.min(delay * 2, 200)) {
    await new Promise((r) => setTimeout(r, delay));
    run = await api.executions.get.query({ id: started.id });
  }
  if (run.status !== 'completed') throw new Error(`run ${started.id} ended ${run.status}`);
  return { id: started.id, startMs, totalMs: performance.now() - t0 };
}

// A run still being advanced; any other status is where it settled.
const MOVING = new Set(['pending', 'running']);
