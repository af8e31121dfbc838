import { describe, expect, it } from 'vitest';
import type { AiResponseCache, ModelCallRecord } from '../ai/calls';
import { createContext } from '../context';
import { workflowDefinitionSchema } from '../definition';
import { jsonModel, workflow } from '../testing';
import { aiGeneratedExecutor } from './ai-generated';
import type { ExecuteContext } from './types';

const outputSchema = {
  type: 'object',
  properties: { summary: { type: 'string', minLength: 1 } },
  required: ['summary'],
  additionalProperties: false,
};

/** An in-memory cache that remembers the TTLs it was given. */
function memoryCache(): AiResponseCache & { entries: Map<string, { value: string; ttlMs: number }> } {
  const entries = new Map<string, { value: string; ttlMs: number }>();
  return {
    entries,
    get: async (key) => entries.get(key)?.value ?? null,
    set: async (key, value, ttlMs) => void entries.set(key, { value, ttlMs }),
  };
}

function setup(config: Record<string, unknown> = {}) {
  const definition = workflowDefinitionSchema.parse(
    workflow([{ id: 'advice', type: 'ai_generated', ai_prompt: 'Advise {{input.client}}', config: { output_schema: outputSchema, ...config } }]),
  );
  const step = definition.steps[0]!;
  const parsed = aiGeneratedExecutor.configSchema.parse(step.config);
  const { model, prompts } = jsonModel(() => ({ summary: 'Save more' }));
  const cache = memoryCache();
  const calls: ModelCallRecord[] = [];
  const execute = (options: { feedback?: string; attempt?: number } = {}) => {
    const ctx: ExecuteContext = {
      context: createContext({ userId: 'u', sessionId: 's', now: new Date(0), input: { client: 'Dana' } }),
      definition,
      runId: 'r1',
      attempt: options.attempt ?? 1,
      feedback: options.feedback ?? null,
      previousOutput: null,
      signal: new AbortController().signal,
      model,
      ai: { cache, record: (call) => calls.push(call) },
      reportProgress: () => undefined,
    };
    return aiGeneratedExecutor.execute(step, parsed, ctx);
  };
  return { execute, prompts, cache, calls };
}

describe('ai_generated response cache and call recording', () => {
  it('records a model call with its usage, latency and answer', async () => {
    const { execute, calls } = setup();
    await execute();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      runId: 'r1',
      stepId: 'advice',
      attempt: 1,
      model: 'mock-provider:mock-model-id',
      response: JSON.stringify({ summary: 'Save more' }),
      inputTokens: 100,
      outputTokens: 20,
      totalTokens: 120,
      cached: false,
    });
    expect(calls[0]!.prompt).toContain('Advise <untrusted source="input.client">Dana</untrusted>');
    expect(calls[0]!.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('answers an identical prompt from the cache without calling the model, spending no tokens', async () => {
    const { execute, prompts, calls, cache } = setup();
    await execute();
    const second = await execute({ attempt: 2 });
    expect(prompts).toHaveLength(1);
    expect(second).toMatchObject({ status: 'waiting', output: { summary: 'Save more' }, input: { cached: true, usage: { totalTokens: 0 } } });
    expect(calls.map((c) => [c.cached, c.totalTokens, c.attempt])).toEqual([
      [false, 120, 1],
      [true, 0, 2],
    ]);
    expect([...cache.entries.values()][0]!.ttlMs).toBe(24 * 60 * 60 * 1000);
  });

  it('uses the step cache_ttl_ms, and 0 turns the cache off', async () => {
    const short = setup({ cache_ttl_ms: 5000 });
    await short.execute();
    expect([...short.cache.entries.values()][0]!.ttlMs).toBe(5000);

    const off = setup({ cache_ttl_ms: 0 });
    await off.execute();
    await off.execute();
    expect(off.prompts).toHaveLength(2);
    expect(off.cache.entries.size).toBe(0);
  });

  it('bypasses the cache when a reviewer rejected, with or without feedback', async () => {
    const { execute, prompts, calls, cache } = setup();
    await execute();
    await execute({ feedback: 'Be more specific' });
    await execute({ feedback: '' });
    expect(prompts).toHaveLength(3);
    expect(calls.map((c) => c.cached)).toEqual([false, false, false]);
    expect(cache.entries.size).toBe(1);
  });

  it('treats a cached answer that no longer fits the schema as a miss', async () => {
    const { execute, prompts, cache } = setup();
    await execute();
    const [key] = [...cache.entries.keys()];
    cache.entries.set(key!, { value: '{"other":1}', ttlMs: 1 });
    const outcome = await execute();
    expect(prompts).toHaveLength(2);
    expect(outcome).toMatchObject({ output: { summary: 'Save more' } });
  });

  it('keeps the step going when the cache fails', async () => {
    const broken = setup();
    broken.cache.get = () => Promise.reject(new Error('down'));
    broken.cache.set = () => Promise.reject(new Error('down'));
    await expect(broken.execute()).resolves.toMatchObject({ status: 'waiting' });
  });
});
