import { type AiPort, AIExecutionError } from '@stepwise/engine';
import type pg from 'pg';
import type { Config } from '../config';
import { RateLimitedError, rateLimits } from './rate-limits';

/**
 * The AI port's beforeCall: each model call of a user's AI steps takes a slot of
 * RATE_LIMIT_AI_STEPS_PER_MINUTE, waiting up to RATE_LIMIT_AI_MAX_WAIT_MS for one; past that
 * the attempt fails retryably, so the step's retry policy tries again later.
 */
export function aiRateLimit(pool: pg.Pool, config: Config): NonNullable<AiPort['beforeCall']> {
  const limits = rateLimits(pool, config);
  return async ({ userId }) => {
    try {
      await limits.aiCall(userId);
    } catch (error) {
      if (error instanceof RateLimitedError) throw new AIExecutionError(error.message, { retryable: true, details: { retryAfterMs: error.retryAfterMs } });
      throw error;
    }
  };
}
