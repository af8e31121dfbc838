import { TRPCError } from '@trpc/server';
import { RateLimitedError } from './rate-limits';

/** Runs `fn`; a rate limit it hits becomes TOO_MANY_REQUESTS (the response gets its Retry-After). */
export async function limited<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof RateLimitedError) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: error.message, cause: error });
    throw error;
  }
}

/** Retry-After for a tRPC answer whose errors include a rate limit: the longest wait among them. */
export function retryAfterHeaders(errors: readonly TRPCError[]): Record<string, string> {
  const waits = errors.flatMap((e) => (e.cause instanceof RateLimitedError ? [e.cause.retryAfterSeconds] : []));
  return waits.length ? { 'retry-after': String(Math.max(...waits)) } : {};
}
