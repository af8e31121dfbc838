import { describe, expect, it } from 'vitest';
import type { BudgetCaps, BudgetPort, Spend } from './budget';
import { createDefaultRegistry } from './default-registry';
import { WorkflowEngine } from './engine';
import { ConflictError, InvalidInputError } from './errors';
import { MemoryStore } from './memory-store';
import { jsonModel, workflow } from './testing';
import { validateDefinition } from './validate-definition';

// jsonModel reports 100 input + 20 output tokens per call.
const CALL_TOKENS = 120;
/** $1 per 1M input tokens, $10 per 1M output tokens: one call costs $0.0003. */
const CALL_USD = 0.0003;

function aiStep(id: string, deps: string[] = []) {
  return {
    id,
    type: 'ai_generated',
    ai_prompt: `Tip for ${id}?`,
    dependencies: deps,
    config: { auto_accept: true, cache_ttl_ms: 0, output_schema: { type: 'object', properties: { tip: { type: 'string' } }, required: ['tip'] } },
    retry: { max_attempts: 1, initial_backoff_ms: 0, max_backoff_ms: 0 },
  };
}

function setup(caps: { run?: BudgetCaps; daily?: BudgetCaps; spentToday?: Spend }, answer: () => unknown = () => ({ tip: 'save more' })) {
  const store = new MemoryStore();
  const { model, prompts } = jsonModel(answer);
  const asked: string[] = [];
  const port: BudgetPort = {
    limits: async () => ({ run: caps.run ?? {}, daily: caps.daily ?? {} }),
    spentToday: async () => caps.spentToday ?? { tokens: 0, usd: 0 },
    estimate: async (_run, stepId) => {
      asked.push(stepId);
      return { tokens: CALL_TOKENS, usd: CALL_USD };
    },
    cost: (_model, usage) => (usage.inputTokens * 1 + usage.outputTokens * 10) / 1e6,
  };
  const registry = createDefaultRegistry();
  const engine = new WorkflowEngine({ store, registry, model, budget: port });
  const definition = validateDefinition(workflow([aiStep('a'), aiStep('b', ['a']), aiStep('c', ['b'])]), registry);
  const start = async (budget?: BudgetCaps) => {
    const run = await engine.start({ workflowId: 'w', definition, userId: 'u', sessionId: 's', budget });
    await engine.idle();
    return store.loadRun(run.id).then((r) => r!);
  };
  return { engine, store, prompts, asked, start };
}

describe('budgets enforced by the engine', () => {
  it('pauses before the step that would go over the run cap, saving why, without calling the model', async () => {
    const { prompts, start } = setup({ run: { tokens: 300 } });
    const run = await start();
    expect(run.status).toBe('paused');
    expect(run.steps.a!.status).toBe('completed');
    expect(run.steps.b!.status).toBe('completed');
    expect(run.steps.c!.status).toBe('pending');
    expect(prompts).toHaveLength(2);
    expect(run.context.budget).toMatchObject({
      spent: { tokens: 2 * CALL_TOKENS, usd: 2 * CALL_USD },
      approved: { tokens: 0, usd: 0 },
      hold: { scope: 'run', unit: 'tokens', cap: 300, spent: 240, estimate: 120, stepIds: ['c'], suggested: 300 },
    });
  });

  it('approving more lets the run go on to the end; resuming without approving is refused', async () => {
    const { engine, store, prompts, start } = setup({ run: { tokens: 300 } });
    const paused = await start();
    await expect(engine.resume(paused.id)).rejects.toThrow(ConflictError);
    await expect(engine.approveBudget(paused.id, 10)).rejects.toThrow(InvalidInputError); // 60 tokens short
    expect((await store.loadRun(paused.id))!.status).toBe('paused');
    await engine.approveBudget(paused.id);
    await engine.idle();
    const done = (await store.loadRun(paused.id))!;
    expect(done.status).toBe('completed');
    expect(prompts).toHaveLength(3);
    expect(done.context.budget).toMatchObject({ spent: { tokens: 3 * CALL_TOKENS }, approved: { tokens: 300 }, hold: null });
    await expect(engine.approveBudget(paused.id)).rejects.toThrow(/not waiting for a budget decision/);
  });

  it("pauses at the person's daily cap, counting what they spent today on other runs", async () => {
    const { start } = setup({ daily: { usd: 0.001 }, spentToday: { tokens: 5_000, usd: 0.0008 } });
    const run = await start();
    expect(run.status).toBe('paused');
    expect(run.steps.a!.status).toBe('pending');
    expect(run.context.budget!.hold).toMatchObject({ scope: 'daily', unit: 'usd', cap: 0.001, spent: 0.0008, estimate: 0.0003, stepIds: ['a'] });
  });

  it("a run's own caps, given at start, apply over the defaults", async () => {
    const { start, prompts } = setup({ run: { tokens: 1_000_000 } });
    const run = await start({ tokens: 100 });
    expect(run.status).toBe('paused');
    expect(prompts).toHaveLength(0);
    expect(run.context.budget!.hold).toMatchObject({ scope: 'run', cap: 100, estimate: 120 });
  });

  it('an answer that fails its schema still counts the tokens it spent', async () => {
    const { start } = setup({ run: { tokens: 1_000 } }, () => ({ tip: 5 }));
    const run = await start();
    expect(run.status).toBe('failed');
    expect(run.context.budget!.spent.tokens).toBe(CALL_TOKENS);
  });

  it('without a budget port nothing is counted or held', async () => {
    const store = new MemoryStore();
    const registry = createDefaultRegistry();
    const engine = new WorkflowEngine({ store, registry, model: jsonModel(() => ({ tip: 'x' })).model });
    const definition = validateDefinition(workflow([aiStep('a')]), registry);
    const started = await engine.start({ workflowId: 'w', definition, userId: 'u', sessionId: 's' });
    await engine.idle();
    const run = (await store.loadRun(started.id))!;
    expect(run.status).toBe('completed');
    expect(run.context.budget).toBeUndefined();
  });
});
