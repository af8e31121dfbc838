import { z } from 'zod';

/** The periods the analytics screens offer; anything else is a typo, not a request. */
export const PERIOD_DAYS = [7, 30, 90] as const;
export type PeriodDays = (typeof PERIOD_DAYS)[number];

export const periodDays = z.literal(PERIOD_DAYS, { error: 'must be 7, 30 or 90 (days)' });

/**
 * SQL for the first instant of a period of `$n` whole UTC days ending today: the workflow
 * figures and the daily trend buckets cover exactly the same runs.
 */
export const windowStartSql = (param: string) =>
  `((((now() at time zone 'UTC')::date - (${param}::int - 1))::timestamp) at time zone 'UTC')`;

/** completed / (completed + failed + cancelled); null while nothing has finished. */
export function successRate(completed: number, failed: number, cancelled: number): number | null {
  const finished = completed + failed + cancelled;
  return finished === 0 ? null : completed / finished;
}
