import type pg from 'pg';
import { type PeriodDays, periodDaysCte, successRate, windowStartSql } from './period';

/** $1 user id (null: everyone's), $2 days, $3 category (null: all). */
const RUNS_CTE = `runs as (
    select (e.created_at at time zone 'UTC')::date as day, e.status, d.category
      from workflow_executions e join workflow_definitions d on d.id = e.workflow_id
     where e.created_at >= ${windowStartSql('$2')}
       and ($1::uuid is null or e.user_id = $1)
       and ($3::text is null or d.category = $3)
  )`;

const COUNTS = `count(r.status)::int as runs,
         count(*) filter (where r.status = 'completed')::int as completed,
         count(*) filter (where r.status = 'failed')::int as failed,
         count(*) filter (where r.status = 'cancelled')::int as cancelled`;

// Every day of the period gets a row, empty days included.
const DAILY_SQL = `with ${RUNS_CTE},
  ${periodDaysCte('$2')}
  select to_char(days.day, 'YYYY-MM-DD') as day, ${COUNTS}
    from days left join runs r on r.day = days.day
   group by days.day order by days.day`;

const BY_CATEGORY_SQL = `with ${RUNS_CTE}
  select r.category, ${COUNTS}
    from runs r group by r.category order by runs desc, r.category`;

interface Counts {
  runs: number;
  completed: number;
  failed: number;
  cancelled: number;
}

export interface Trends {
  daily: { day: string; runs: number; completed: number; failed: number; cancelled: number; successRate: number | null }[];
  byCategory: { category: string; runs: number; completed: number; successRate: number | null }[];
}

/** Daily run counts over a period (UTC days) and a per-category breakdown, for one user or everyone. */
export async function runTrends(pool: pg.Pool, filter: { userId: string | null; days: PeriodDays; category: string | null }): Promise<Trends> {
  const params = [filter.userId, filter.days, filter.category];
  const [daily, byCategory] = await Promise.all([pool.query(DAILY_SQL, params), pool.query(BY_CATEGORY_SQL, params)]);
  return {
    daily: (daily.rows as (Counts & { day: string })[]).map((r) => ({
      day: r.day,
      runs: r.runs,
      completed: r.completed,
      failed: r.failed,
      cancelled: r.cancelled,
      successRate: successRate(r.completed, r.failed, r.cancelled),
    })),
    byCategory: (byCategory.rows as (Counts & { category: string })[]).map((r) => ({
      category: r.category,
      runs: r.runs,
      completed: r.completed,
      successRate: successRate(r.completed, r.failed, r.cancelled),
    })),
  };
}
