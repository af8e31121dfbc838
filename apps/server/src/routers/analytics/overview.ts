import type pg from 'pg';
import { num, numOrNull, type PeriodDays, periodDaysCte, rate, successRate, windowStartSql } from './period';
import type { WorkflowStats } from './workflow-stats';

/** The caller's ($1) runs created in the last $2 UTC days, with the workflow they ran. */
const RUNS_CTE = `runs as (
    select e.id, e.status, e.created_at, d.workflow_id, d.name,
           case when e.status = 'completed' and e.completed_at is not null
                then extract(epoch from e.completed_at - e.started_at)::float8 * 1000 end as ms
      from workflow_executions e join workflow_definitions d on d.id = e.workflow_id
     where e.user_id = $1 and e.created_at >= ${windowStartSql('$2')}
  )`;

const AI_CALLS_CTE = `ai as (
    select a.created_at, a.tokens_used, a.cost_usd, s.step_id, r.workflow_id
      from ai_step_executions a
      join workflow_step_executions s on s.id = a.step_execution_id
      join runs r on r.id = s.execution_id
  )`;

const TOTALS_SQL = `with ${RUNS_CTE}, ${AI_CALLS_CTE}
  select (select count(*) from runs)::int as runs,
         (select count(*) from runs where status = 'completed')::int as completed,
         (select count(*) from runs where status = 'failed')::int as failed,
         (select count(*) from runs where status = 'cancelled')::int as cancelled,
         (select round(percentile_cont(0.5) within group (order by ms)) from runs where ms is not null) as p50,
         (select round(percentile_cont(0.95) within group (order by ms)) from runs where ms is not null) as p95,
         (select count(*) from ai)::int as ai_calls,
         (select coalesce(sum(tokens_used), 0) from ai)::float8 as tokens,
         (select coalesce(sum(cost_usd), 0) from ai)::float8 as cost_usd`;

// Every day of the period gets a row: AI use by the day of the call, durations by the run's day.
const DAILY_SQL = `with ${RUNS_CTE}, ${AI_CALLS_CTE},
  ${periodDaysCte('$2')},
  ai_daily as (
    select (created_at at time zone 'UTC')::date as day, count(*)::int as calls,
           coalesce(sum(tokens_used), 0)::float8 as tokens, coalesce(sum(cost_usd), 0)::float8 as cost_usd
      from ai group by 1
  ),
  run_daily as (
    select (created_at at time zone 'UTC')::date as day,
           round(percentile_cont(0.5) within group (order by ms)) as p50
      from runs where ms is not null group by 1
  )
  select to_char(days.day, 'YYYY-MM-DD') as day, coalesce(a.calls, 0) as ai_calls,
         coalesce(a.tokens, 0) as tokens, coalesce(a.cost_usd, 0) as cost_usd, r.p50
    from days left join ai_daily a on a.day = days.day left join run_daily r on r.day = days.day
   order by days.day`;

const WORKFLOWS_SQL = `with ${RUNS_CTE}
  select workflow_id, (array_agg(name order by created_at desc))[1] as name, count(*)::int as runs,
         count(*) filter (where status = 'completed')::int as completed,
         count(*) filter (where status = 'failed')::int as failed,
         count(*) filter (where status = 'cancelled')::int as cancelled,
         round(percentile_cont(0.5) within group (order by ms)) as p50
    from runs group by workflow_id order by runs desc, name`;

// A rejected AI result is an attempt the engine closed with error code 'rejected'; an accepted one completed.
const AI_STEPS_SQL = `with ${RUNS_CTE}, ${AI_CALLS_CTE},
  attempts as (
    select r.workflow_id, s.step_id,
           count(*) filter (where s.error ->> 'code' = 'rejected')::int as rejected,
           count(*) filter (where s.status = 'completed')::int as accepted
      from workflow_step_executions s join runs r on r.id = s.execution_id
     where s.step_type = 'ai_generated'
     group by r.workflow_id, s.step_id
  ),
  usage as (
    select workflow_id, step_id, coalesce(sum(tokens_used), 0)::float8 as tokens, coalesce(sum(cost_usd), 0)::float8 as cost_usd
      from ai group by workflow_id, step_id
  )
  select t.workflow_id, t.step_id, t.rejected, t.accepted, coalesce(u.tokens, 0) as tokens, coalesce(u.cost_usd, 0) as cost_usd,
         d.name as workflow_name,
         coalesce((select x ->> 'name' from jsonb_array_elements(d.definition -> 'steps') x where x ->> 'id' = t.step_id limit 1), t.step_id) as step_name
    from attempts t
    left join usage u on u.workflow_id = t.workflow_id and u.step_id = t.step_id
    join workflow_definitions d on d.workflow_id = t.workflow_id and d.is_latest
   order by d.name, t.step_id`;

/** The same totals as one workflow's figures, over all the caller's workflows, plus breakdowns. */
export interface Overview extends Omit<WorkflowStats, 'dropOff' | 'feedback'> {
  daily: { day: string; aiCalls: number; tokens: number; costUsd: number; p50DurationMs: number | null }[];
  workflows: { workflowId: string; name: string; runs: number; completed: number; successRate: number | null; p50DurationMs: number | null }[];
  aiSteps: {
    workflowId: string;
    workflowName: string;
    stepId: string;
    stepName: string;
    accepted: number;
    rejected: number;
    /** rejected / (rejected + accepted); null while nothing was reviewed. */
    rejectRate: number | null;
    tokens: number;
    costUsd: number;
  }[];
}

type Row = Record<string, unknown>;

/** One user's figures over a period, across all their workflows: four aggregate queries, run at once. */
export async function userOverview(pool: pg.Pool, userId: string, days: PeriodDays): Promise<Overview> {
  const params = [userId, days];
  const [totals, daily, workflows, aiSteps] = await Promise.all(
    [TOTALS_SQL, DAILY_SQL, WORKFLOWS_SQL, AI_STEPS_SQL].map((sql) => pool.query<Row>(sql, params)),
  );
  const t = totals!.rows[0]!;
  const [completed, failed, cancelled] = [num(t.completed), num(t.failed), num(t.cancelled)];
  return {
    runs: num(t.runs),
    completed,
    failed,
    cancelled,
    inProgress: num(t.runs) - completed - failed - cancelled,
    successRate: successRate(completed, failed, cancelled),
    durationMs: { p50: numOrNull(t.p50), p95: numOrNull(t.p95) },
    ai: { calls: num(t.ai_calls), tokens: num(t.tokens), costUsd: num(t.cost_usd) },
    daily: daily!.rows.map((r) => ({
      day: String(r.day),
      aiCalls: num(r.ai_calls),
      tokens: num(r.tokens),
      costUsd: num(r.cost_usd),
      p50DurationMs: numOrNull(r.p50),
    })),
    workflows: workflows!.rows.map((r) => ({
      workflowId: String(r.workflow_id),
      name: String(r.name),
      runs: num(r.runs),
      completed: num(r.completed),
      successRate: successRate(num(r.completed), num(r.failed), num(r.cancelled)),
      p50DurationMs: numOrNull(r.p50),
    })),
    aiSteps: aiSteps!.rows.map((r) => {
      const [rejected, accepted] = [num(r.rejected), num(r.accepted)];
      return {
        workflowId: String(r.workflow_id),
        workflowName: String(r.workflow_name),
        stepId: String(r.step_id),
        stepName: String(r.step_name),
        accepted,
        rejected,
        rejectRate: rate(rejected, rejected + accepted),
        tokens: num(r.tokens),
        costUsd: num(r.cost_usd),
      };
    }),
  };
}
