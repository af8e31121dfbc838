import type { RetryPolicy, WorkflowStep } from './definition';
import { EngineError, StepTimeoutError } from './errors';

export const DEFAULT_RETRY: RetryPolicy = { max_attempts: 3, initial_backoff_ms: 200, max_backoff_ms: 5_000 };
export const DEFAULT_TIMEOUT_MS = { short: 30_000, long: 180_000 };

export function backoffMs(policy: RetryPolicy, failedTries: number): number {
  return Math.min(policy.max_backoff_ms, policy.initial_backoff_ms * 2 ** (failedTries - 1));
}

export function isRetryable(error: unknown): boolean {
  return error instanceof EngineError && error.retryable;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/**
 * Runs one attempt of a step with its time limit, retrying retryable failures with exponential
 * backoff. Only the final outcome is committed: retries inside one attempt leave no rows.
 */
export async function runWithPolicy<T>(
  step: WorkflowStep,
  long: boolean,
  fn: (signal: AbortSignal, tryNumber: number) => Promise<T>,
  onRetry?: (error: unknown, tryNumber: number, waitMs: number) => void,
  stop?: AbortSignal,
): Promise<T> {
  const policy = step.retry ?? DEFAULT_RETRY;
  const timeoutMs = step.timeout_ms ?? (long ? DEFAULT_TIMEOUT_MS.long : DEFAULT_TIMEOUT_MS.short);
  for (let tryNumber = 1; ; tryNumber++) {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new StepTimeoutError(step.id, timeoutMs);
        controller.abort(error);
        reject(error);
      }, timeoutMs);
    });
    try {
      return await Promise.race([fn(controller.signal, tryNumber), timeout]);
    } catch (error) {
      if (!isRetryable(error) || tryNumber >= policy.max_attempts || stop?.aborted) throw error;
      const waitMs = backoffMs(policy, tryNumber);
      onRetry?.(error, tryNumber, waitMs);
      await sleep(waitMs, stop);
    } finally {
      clearTimeout(timer);
    }
  }
}
