/** USD per 1M tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}
export type PriceTable = Record<string, ModelPrice>;

/**
 * OpenAI list prices (standard tier, USD per 1M tokens, as published in 2025). Keys are MODEL-style
 * names. Override or extend with MODEL_PRICES; a model listed nowhere has an unknown (null) cost.
 */
export const DEFAULT_PRICES: PriceTable = {
  'openai:gpt-5': { input: 1.25, output: 10 },
  'openai:gpt-5-mini': { input: 0.25, output: 2 },
  'openai:gpt-5-nano': { input: 0.05, output: 0.4 },
  'openai:gpt-4.1': { input: 2, output: 8 },
  'openai:gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'openai:gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'openai:gpt-4o': { input: 2.5, output: 10 },
  'openai:gpt-4o-mini': { input: 0.15, output: 0.6 },
  'openai:o3': { input: 2, output: 8 },
  'openai:o3-mini': { input: 1.1, output: 4.4 },
  'openai:o4-mini': { input: 1.1, output: 4.4 },
  'openai:gpt-4-turbo': { input: 10, output: 30 },
  'openai:gpt-3.5-turbo': { input: 0.5, output: 1.5 },
};

const FREE: ModelPrice = { input: 0, output: 0 };

/**
 * `provider:modelId` as the AI SDK names a model -> the MODEL-style key: `openai.responses:gpt-4o`
 * -> `openai:gpt-4o`, `openai-compatible.chat:llama3` -> `openai-compatible:llama3`, the built-in
 * model -> `builtin`. Other providers (test mocks) keep their name.
 */
export function priceKey(model: string): string {
  const at = model.indexOf(':');
  const provider = at < 0 ? model : model.slice(0, at);
  const name = at < 0 ? '' : model.slice(at + 1);
  const family = provider.split('.')[0]!;
  if (family === 'stepwise' || family === 'builtin') return 'builtin';
  if (family === 'openai' || family === 'openai-compatible') return `${family}:${name}`;
  return model;
}

export function priceOf(model: string, overrides: PriceTable = {}): ModelPrice | null {
  const key = priceKey(model);
  const listed = overrides[key] ?? DEFAULT_PRICES[key];
  if (listed) return listed;
  // The built-in model and self-hosted (openai-compatible) servers cost nothing per token.
  return key === 'builtin' || key.startsWith('openai-compatible:') ? FREE : null;
}

/**
 * The call's cost in USD as a decimal string (stored in numeric(10,4), which rounds it to 1/100 of a
 * cent), or null when the model's price is unknown. Computed in integer micro-units so no float error
 * builds up.
 */
export function costUsd(model: string, tokens: { inputTokens: number; outputTokens: number }, overrides?: PriceTable): string | null {
  const price = priceOf(model, overrides);
  if (!price) return null;
  // price per 1M tokens in micro-USD per 1M tokens = pico-USD per token; sum in BigInt.
  const pico = BigInt(tokens.inputTokens) * toMicro(price.input) + BigInt(tokens.outputTokens) * toMicro(price.output);
  // pico-USD / 1e12 = USD; keep 8 decimals (numeric rounds to its scale on insert).
  const scaled = pico / 10_000n; // 1e-8 USD units
  const whole = scaled / 100_000_000n;
  const fraction = (scaled % 100_000_000n).toString().padStart(8, '0');
  return `${whole}.${fraction}`;
}

function toMicro(usd: number): bigint {
  return BigInt(Math.round(usd * 1_000_000));
}
