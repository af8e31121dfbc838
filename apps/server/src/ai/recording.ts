import { PgResponseCache, type RunSealer, recordAiStepExecution } from '@stepwise/db';
import type { AiPort, AiResponseCache, ModelCallRecord } from '@stepwise/engine';
import type pg from 'pg';
import { createClient } from 'redis';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { aiRateLimit } from '../security/ai-limit';
import { costUsd } from './prices';

const REDIS_PREFIX = 'stepwise:ai:';

export interface AiRecording {
  /** What the engine gets as `EngineOptions.ai`. */
  port: AiPort;
  /** Resolves when every call recorded so far is written (tests, shutdown). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The response cache (Redis when REDIS_URL is set, else PostgreSQL) and the recorder writing each AI
 * step call to ai_step_executions with its cost. Recording happens as the executor reports the call:
 * AI steps are long steps, so their attempt row is already committed as "running" by then.
 */
export async function startAiRecording(config: Config, log: Logger, pool: pg.Pool, sealer: RunSealer): Promise<AiRecording> {
  const redis = config.REDIS_URL ? await redisCache(config.REDIS_URL, log) : null;
  const cache = redis?.cache ?? new PgResponseCache(pool, config.MODEL);
  const pending = new Set<Promise<unknown>>();

  const record = (call: ModelCallRecord) => {
    const cost = call.cached ? '0' : costUsd(call.model, call, config.MODEL_PRICES);
    // Prompts quote people's answers: stored sealed like the run's own sensitive fields.
    const sealed = { ...call, prompt: sealer.sealCallText(call, 'prompt', call.prompt), response: sealer.sealCallText(call, 'response', call.response) };
    const write = recordAiStepExecution(pool, { ...sealed, costUsd: cost })
      .then((id) => {
        if (!id) log.warn({ runId: call.runId, stepId: call.stepId, attempt: call.attempt }, 'AI call not recorded: its step attempt is gone');
      })
      .catch((error: unknown) => log.warn({ err: String(error), runId: call.runId, stepId: call.stepId }, 'AI call not recorded'))
      .finally(() => pending.delete(write));
    pending.add(write);
  };

  const flush = async () => {
    while (pending.size) await Promise.allSettled([...pending]);
  };
  return {
    port: { cache, record, beforeCall: aiRateLimit(pool, config) },
    flush,
    async close() {
      await flush();
      await redis?.close();
    },
  };
}

async function redisCache(url: string, log: Logger): Promise<{ cache: AiResponseCache; close(): Promise<void> }> {
  let started = false;
  // Like live updates: a Redis that never answers at startup gives up; once up, reconnect forever.
  const reconnectStrategy = (retries: number) => (!started && retries >= 5 ? new Error('Redis is not answering') : Math.min(100 * 2 ** retries, 5_000));
  const client = createClient({ url, socket: { connectTimeout: 5_000, reconnectStrategy } });
  client.on('error', (error: Error) => log.warn({ err: error.message }, 'AI cache: Redis connection error'));
  try {
    await client.connect();
    started = true;
  } catch (error) {
    // The cache only saves tokens: without Redis, AI steps still work (uncached until it is back).
    log.warn({ err: (error as Error).message }, 'AI cache: cannot connect to Redis (REDIS_URL); answers are not cached');
  }
  return {
    cache: {
      get: (key) => client.get(REDIS_PREFIX + key),
      set: async (key, value, ttlMs) => {
        await client.set(REDIS_PREFIX + key, value, { PX: Math.max(1, Math.round(ttlMs)) });
      },
    },
    async close() {
      if (client.isOpen) await client.quit().catch(() => undefined);
    },
  };
}
