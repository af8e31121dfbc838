import type pg from 'pg';

export const ALERT_KINDS = ['workflow_success_rate', 'ai_daily_cost'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** A condition that holds now: what it is about, the value seen and the limit it crossed. */
export interface Breach {
  kind: AlertKind;
  subject: string;
  value: number;
  threshold: number;
}

export interface AlertThresholds {
  successRate: number;
  windowHours: number;
  minRuns: number;
  dailyCostUsd: number;
}

// Per workflow (all versions): runs that finished inside the window, and the share that completed.
const SUCCESS_RATES_SQL = `
select d.workflow_id::text as subject, count(*)::int as finished,
       (count(*) filter (where e.status = 'completed'))::float8 / count(*) as rate
  from workflow_executions e join workflow_definitions d on d.id = e.workflow_id
 where e.status in ('completed', 'failed', 'cancelled')
   and coalesce(e.completed_at, e.updated_at) >= now() - make_interval(secs => $1::float8 * 3600)
 group by d.workflow_id
having count(*) >= $2`;

// Today is the UTC day, like the analytics screens.
const DAILY_COST_SQL = `
select coalesce(sum(cost_usd), 0)::float8 as cost
  from ai_step_executions
 where created_at >= (((now() at time zone 'UTC')::date)::timestamp at time zone 'UTC')`;

/** Every alert condition that holds now: two aggregate queries. */
export async function currentBreaches(pool: Pick<pg.Pool, 'query'>, t: AlertThresholds): Promise<Breach[]> {
  const [rates, cost] = await Promise.all([
    pool.query<{ subject: string; finished: number; rate: number }>(SUCCESS_RATES_SQL, [t.windowHours, t.minRuns]),
    pool.query<{ cost: number }>(DAILY_COST_SQL),
  ]);
  const breaches: Breach[] = rates.rows
    .filter((r) => r.rate < t.successRate)
    .map((r) => ({ kind: 'workflow_success_rate', subject: r.subject, value: r.rate, threshold: t.successRate }));
  const today = cost.rows[0]?.cost ?? 0;
  if (today > t.dailyCostUsd) breaches.push({ kind: 'ai_daily_cost', subject: 'all', value: today, threshold: t.dailyCostUsd });
  return breaches;
}
