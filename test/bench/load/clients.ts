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

type RunState = { id: string; status: string; completedAt: string | null };

/**
 * Reads the run until it stops moving (an answer returns unsettled when its job outlasts the
 * server's 10 s wait). Gently, backing off to every 5 s: a thousand callers polling each second
 * would be most of the server's work, and the completion time comes from the run itself.
 */
async function settled(api: Api, run: RunState): Promise<RunState> {
  for (let delay = 100; MOVING.has(run.status); delay = Math.min(delay * 2, 5000)) {
    await new Promise((r) => setTimeout(r, delay));
    run = await api.executions.get.query({ id: run.id });
  }
  return run;
}

/**
 * Start, answer the form, and wait until the run is completed; throws if it ends any other way.
 * `totalMs` runs from sending the start to the run's completedAt (one machine, one clock);
 * `unsettled` counts the answers (of 2) that came back while the run was still moving.
 */
export async function runToCompletion(api: Api, workflowId: string, amount: number) {
  const sentAt = Date.now();
  const t0 = performance.now();
  const started = await api.executions.start.mutate({ workflowId });
  const startMs = performance.now() - t0;
  const atForm = await settled(api, started);
  if (atForm.status !== 'waiting_for_input') throw new Error(`run ${started.id} started ${atForm.status}, not waiting for its form`);
  const answered = await api.executions.submitInput.mutate({ id: started.id, stepId: 'ask', data: { amount } });
  const run = await settled(api, answered);
  if (run.status !== 'completed' || !run.completedAt) throw new Error(`run ${started.id} ended ${run.status}`);
  const unsettled = Number(MOVING.has(started.status)) + Number(MOVING.has(answered.status));
  return { id: started.id, startMs, totalMs: Date.parse(run.completedAt) - sentAt, unsettled };
}

// A run still being advanced; any other status is where it settled.
const MOVING = new Set(['pending', 'running']);
