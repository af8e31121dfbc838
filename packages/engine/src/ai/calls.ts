import { createHash } from 'node:crypto';
import type { LanguageModel } from 'ai';

/** One model call made by an AI step (or served from the cache), for usage and cost accounting. */
export interface ModelCallRecord {
  runId: string;
  stepId: string;
  attempt: number;
  /** `provider:modelId`. */
  model: string;
  prompt: string;
  /** The answer as JSON text. */
  response: string;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  latencyMs: number;
  /** Served from the response cache: no model call was made and no tokens were spent. */
  cached: boolean;
}

/** Remembers model answers for identical prompts (Redis or PostgreSQL behind it). */
export interface AiResponseCache {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
}

/** What the engine reports AI calls to and caches their answers in; both optional. */
export interface AiPort {
  cache?: AiResponseCache;
  /** Called once per answer; must not throw (a failed bookkeeping write must not fail the step). */
  record?(call: ModelCallRecord): void;
  /** Awaited before each model call (not for cached answers), e.g. for a per-user rate limit; what it throws fails the attempt. */
  beforeCall?(call: { runId: string; stepId: string; userId: string; model: string }): Promise<void>;
}

/** sha256 hex of everything that decides the answer: the model, the system prompt, the prompt, the output schema. */
export function promptCacheKey(model: string, system: string, prompt: string, schema: unknown): string {
  return createHash('sha256').update(JSON.stringify([model, system, prompt, schema])).digest('hex');
}

/** How calls name their model: `provider:modelId` (or the id itself for a model given as a string). */
export function modelName(model: LanguageModel): string {
  return typeof model === 'string' ? model : `${model.provider}:${model.modelId}`;
}
