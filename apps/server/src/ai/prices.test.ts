import { describe, expect, it } from 'vitest';
import { costUsd, priceKey, priceOf } from './prices';

describe('model prices', () => {
  it('names AI SDK models the way MODEL does', () => {
    expect(priceKey('openai.responses:gpt-4o-mini')).toBe('openai:gpt-4o-mini');
    expect(priceKey('openai-compatible.chat:llama3.1')).toBe('openai-compatible:llama3.1');
    expect(priceKey('stepwise:builtin')).toBe('builtin');
    expect(priceKey('mock-provider:mock-model-id')).toBe('mock-provider:mock-model-id');
  });

  it('prices OpenAI models per 1M tokens, self-hosted and built-in models at 0, unknown ones as null', () => {
    expect(costUsd('openai.responses:gpt-4o-mini', { inputTokens: 1_000_000, outputTokens: 1_000_000 })).toBe('0.75000000');
    expect(costUsd('openai.responses:gpt-4o', { inputTokens: 1234, outputTokens: 567 })).toBe('0.00875500');
    expect(costUsd('stepwise:builtin', { inputTokens: 500, outputTokens: 50 })).toBe('0.00000000');
    expect(costUsd('openai-compatible.chat:llama3', { inputTokens: 500, outputTokens: 50 })).toBe('0.00000000');
    expect(costUsd('mock-provider:m', { inputTokens: 1, outputTokens: 1 })).toBeNull();
  });

  it('lets MODEL_PRICES override and extend the table', () => {
    const overrides = { 'openai:gpt-4o': { input: 1, output: 1 }, 'mock-provider:m': { input: 10, output: 20 } };
    expect(priceOf('openai.chat:gpt-4o', overrides)).toEqual({ input: 1, output: 1 });
    expect(costUsd('mock-provider:m', { inputTokens: 100, outputTokens: 20 }, overrides)).toBe('0.00140000');
  });
});
