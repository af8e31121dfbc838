import { MockLanguageModelV3 } from 'ai/test';
import { z } from 'zod';
import { createContext } from '../context';
import type { WorkflowDefinition, WorkflowDefinitionInput, WorkflowStep } from '../definition';
import type { WorkflowEngine } from '../engine';
import { StepExecutionError } from '../errors';
import type { RunRecord } from '../run';
import type { ExecuteContext, StepExecutor } from '../executors/types';

type StepInput = Partial<WorkflowStep> & Pick<WorkflowStep, 'id' | 'type'>;

/** A definition from a few steps: entry points are the steps without dependencies, exits those nothing depends on. */
export function workflow(steps: StepInput[], extra: Partial<WorkflowDefinitionInput> = {}): WorkflowDefinitionInput {
  const full = steps.map((s) => ({ name: s.id.replaceAll('_', ' '), dependencies: [], config: {}, ...s }));
  const used = new Set(full.flatMap((s) => s.dependencies ?? []));
  return {
    id: 'wf-test',
    name: 'Test workflow',
    category: 'test',
    steps: full,
    entry_points: full.filter((s) => (s.dependencies ?? []).length === 0).map((s) => s.id),
    exit_points: full.filter((s) => !used.has(s.id)).map((s) => s.id),
    ...extra,
  };
}

export function formStep(id: string, properties: Record<string, object>, required: string[] = [], deps: string[] = []): StepInput {
  return { id, type: 'data_collection', dependencies: deps, config: { schema: { type: 'object', properties, required } } };
}

/** What an executor sees when a unit test calls it directly: a fresh run context whose data is `data`. */
export function executeContext(definition: WorkflowDefinition, data: Record<string, unknown>): ExecuteContext {
  const context = { ...createContext({ userId: 'u', sessionId: 's', now: new Date(0) }), data };
  return { context, definition, runId: 'r', attempt: 1, feedback: null, previousOutput: null, signal: new AbortController().signal, model: undefined, reportProgress: () => {} };
}

/** A test-only step type that declares `outputs` (so later steps may name them) and completes with none. */
export function outputsStep(type: string, outputs: string[]): StepExecutor<Record<string, never>> {
  return {
    type,
    description: 'test',
    configSchema: z.strictObject({}),
    long: false,
    validate: () => [],
    requiredInputs: () => [],
    outputs: () => outputs,
    execute: async () => ({ status: 'completed', output: {} }),
  };
}

/**
 * A model that answers every call with `answer(promptText, callNumber)` serialized as JSON, and
 * records the prompts it saw.
 */
export function jsonModel(answer: (prompt: string, call: number) => unknown) {
  const prompts: string[] = [];
  const model = new MockLanguageModelV3({
    doGenerate: async (options) => {
      const prompt = JSON.stringify(options.prompt);
      prompts.push(prompt);
      const value = answer(prompt, prompts.length);
      return {
        content: [{ type: 'text', text: typeof value === 'string' ? value : JSON.stringify(value) }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: {
          inputTokens: { total: 100, noCache: 100, cacheRead: 0, cacheWrite: 0 },
          outputTokens: { total: 20, text: 20, reasoning: 0 },
        },
        warnings: [],
      };
    },
  });
  return { model, prompts };
}

/** A test-only step type: waits `config.ms`, fails retryably `config.fail_times` times per run. */
export function testStepExecutor(type = 'test_step'): StepExecutor<{ ms: number; fail_times: number; hang: boolean }> & {
  calls: Map<string, number>;
} {
  const calls = new Map<string, number>();
  return {
    type,
    description: 'Test step: sleeps, then outputs { n }',
    configSchema: z.object({ ms: z.number().default(0), fail_times: z.number().default(0), hang: z.boolean().default(false) }),
    long: false,
    calls,
    validate: () => [],
    requiredInputs: () => [],
    outputs: () => ['n', 'at'],
    async execute(step, config, ctx) {
      const key = `${ctx.runId}:${step.id}`;
      const n = (calls.get(key) ?? 0) + 1;
      calls.set(key, n);
      if (config.hang) await new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));
      if (config.ms) await new Promise((r) => setTimeout(r, config.ms));
      if (n <= config.fail_times) throw new StepExecutionError(`flaky failure ${n}`, { retryable: true });
      return { status: 'completed', output: { n, at: Date.now() } };
    },
  };
}

/**
 * Drives a run to its end like a person would: fills each waiting form with `answer(stepId)` and
 * accepts each AI result, until nothing waits. Returns the final run.
 */
export async function driveToEnd(
  engine: WorkflowEngine,
  runId: string,
  answer: (stepId: string) => Record<string, unknown>,
  maxTurns = 30,
): Promise<RunRecord> {
  let run = await engine.getRun(runId);
  for (let turn = 0; turn < maxTurns; turn++) {
    await engine.idle();
    run = await engine.getRun(runId);
    const waiting = Object.values(run.steps).find((s) => s.status === 'waiting');
    if (!waiting) break;
    if (waiting.waitingFor === 'input') await engine.submitInput(runId, waiting.stepId, answer(waiting.stepId));
    else await engine.accept(runId, waiting.stepId);
  }
  return run;
}

/** A budget plan with a branch, forms and AI steps: what the learning tests plant patterns in. */
export { budgetPlan } from '../learning/learning.fixture';
