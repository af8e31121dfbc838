import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { createDefaultRegistry } from './default-registry';
import { WorkflowEngine } from './engine';
import { ConflictError } from './errors';
import { MemoryStore } from './memory-store';
import type { RunStatus } from './status';
import { formStep, jsonModel, testStepExecutor, workflow } from './testing';
import { validateDefinition } from './validate-definition';

/** Every run state a person can act on, each prepared for real through the engine. */
const STATES = ['running', 'waiting_for_input', 'waiting_for_review', 'paused', 'failed', 'completed', 'cancelled'] as const;
type Op = 'pause' | 'resume' | 'cancel';

// What each control does from each state: the state it leads to, 'same' (no change), or 'conflict'.
const EXPECTED: Record<(typeof STATES)[number], Record<Op, RunStatus | 'same' | 'conflict'>> = {
  running: { pause: 'paused', resume: 'same', cancel: 'cancelled' },
  waiting_for_input: { pause: 'paused', resume: 'same', cancel: 'cancelled' },
  waiting_for_review: { pause: 'paused', resume: 'same', cancel: 'cancelled' },
  paused: { pause: 'same', resume: 'waiting_for_input', cancel: 'cancelled' },
  failed: { pause: 'conflict', resume: 'conflict', cancel: 'cancelled' },
  completed: { pause: 'conflict', resume: 'conflict', cancel: 'conflict' },
  cancelled: { pause: 'conflict', resume: 'conflict', cancel: 'same' },
};

async function runIn(state: (typeof STATES)[number]) {
  const store = new MemoryStore();
  // The model never answers for "running": the AI step stays in flight.
  const { model } = jsonModel(() => ({ tip: 'ok' }));
  const hanging = new MockLanguageModelV3({ doGenerate: () => new Promise(() => undefined) });
  const registry = createDefaultRegistry().register(testStepExecutor());
  const engine = new WorkflowEngine({ store, registry, model: state === 'running' ? hanging : model });
  const form = formStep('form', { n: { type: 'number' } }, ['n']);
  const ai = { id: 'ai', type: 'ai_generated', ai_prompt: 'Tip?', config: { output_schema: { type: 'object', properties: { tip: { type: 'string' } } } } };
  const flaky = { id: 'flaky', type: 'test_step', config: { fail_times: 9 }, retry: { max_attempts: 1, initial_backoff_ms: 0, max_backoff_ms: 0 } };
  const steps = {
    running: [ai],
    waiting_for_input: [form],
    waiting_for_review: [ai],
    paused: [form],
    failed: [flaky],
    completed: [{ id: 'a', type: 'test_step' }],
    cancelled: [form],
  }[state];
  let run = await engine.start({ workflowId: state, definition: validateDefinition(workflow(steps), registry), userId: 'u', sessionId: 's' });
  if (state === 'waiting_for_review') {
    await engine.idle();
    run = await engine.getRun(run.id);
  }
  if (state === 'paused') run = await engine.pause(run.id);
  if (state === 'cancelled') run = await engine.cancel(run.id);
  expect(run.status).toBe(state);
  return { engine, run };
}

describe('pause, resume and cancel from every state', () => {
  for (const state of STATES) {
    for (const op of ['pause', 'resume', 'cancel'] as const) {
      const expected = EXPECTED[state][op];
      it(`${op} from ${state}: ${expected}`, async () => {
        const { engine, run } = await runIn(state);
        if (expected === 'conflict') {
          await expect(engine[op](run.id)).rejects.toBeInstanceOf(ConflictError);
          expect((await engine.getRun(run.id)).version).toBe(run.version);
          return;
        }
        const after = await engine[op](run.id);
        if (expected === 'same') {
          expect(after.status).toBe(state);
          expect(after.version).toBe(run.version);
        } else {
          expect(after.status).toBe(expected);
          expect((await engine.getRun(run.id)).status).toBe(expected);
        }
        if (expected === 'cancelled') {
          const open = Object.values(after.steps).filter((s) => ['pending', 'running', 'waiting'].includes(s.status));
          expect(open).toEqual([]);
        }
      });
    }
  }
});
