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

/** One row a UTC day (`day`, a date) of the period of `$n` days, today included: empty days get a row too. */
export const periodDaysCte = (param: string) => `days as (
    select g::date as day
      from generate_series(${windowStartSql(param)} at time zone 'UTC', (now() at time zone 'UTC')::date::timestamp, interval '1 day') g
  )`;

/** The runs (id, status, started_at, completed_at) of every version of workflow $1 created in the period of `days` days. */
export const workflowRunsCte = (days: string) => `runs as (
    select e.id, e.status, e.started_at, e.completed_at
      from workflow_executions e
     where e.workflow_id in (select id from workflow_definitions where workflow_id = $1)
       and e.created_at >= ${windowStartSql(days)}
  )`;

/** A numeric column (pg returns bigint and numeric as strings); 0 for null. */
export const num = (v: unknown) => Number(v ?? 0);
export const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
/** part / whole; null while whole is 0. */
export const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** completed / (completed + failed + cancelled); null while nothing has finished. */
export const successRate = (completed: number, failed: number, cancelled: number): number | null =>
  rate(completed, completed + failed + cancelled);
