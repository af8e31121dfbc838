import type pg from 'pg';
import { type PeriodDays, successRate, workflowRunsCte } from './period';

const RUNS_CTE = workflowRunsCte('$2');

const SUMMARY_SQL = `with ${RUNS_CTE},
  durations as (
    select extract(epoch from completed_at - started_at)::float8 * 1000 as ms
      from runs where status = 'completed' and completed_at is not null
  )
  select (select count(*) from runs)::int as runs,
         (select count(*) from runs where status = 'completed')::int as completed,
         (select count(*) from runs where status = 'failed')::int as failed,
         (select count(*) from runs where status = 'cancelled')::int as cancelled,
         (select round(percentile_cont(0.5) within group (order by ms)) from durations) as p50,
         (select round(percentile_cont(0.95) within group (order by ms)) from durations) as p95`;

// A step is "reached" once an attempt started (pending steps cancelled with their run never did).
// It is abandoned when the run did not complete after reaching it without completing it: the run
// failed or was cancelled there, or is still waiting (or running) on it.
const DROP_OFF_SQL = `with ${RUNS_CTE},
  per_run as (
    select s.execution_id, s.step_id,
           bool_or(s.started_at is not null or s.status in ('running', 'waiting', 'completed', 'failed')) as reached,
           bool_or(s.status = 'completed') as completed
      from workflow_step_executions s join runs r on r.id = s.execution_id
     group by s.execution_id, s.step_id
  ),
  per_step as (
    select p.step_id,
           count(*) filter (where p.reached)::int as reached,
           count(*) filter (where p.reached and p.completed)::int as completed,
           count(*) filter (where p.reached and not p.completed and r.status <> 'completed')::int as abandoned
      from per_run p join runs r on r.id = p.execution_id
     group by p.step_id
  ),
  step_order as (
    select x.step ->> 'id' as step_id, x.ord
      from workflow_definitions d
     cross join lateral jsonb_array_elements(d.definition -> 'steps') with ordinality as x(step, ord)
     where d.workflow_id = $1 and d.is_latest
  )
  select coalesce(o.step_id, p.step_id) as step_id, coalesce(p.reached, 0) as reached,
         coalesce(p.completed, 0) as completed, coalesce(p.abandoned, 0) as abandoned
    from step_order o full join per_step p on p.step_id = o.step_id
   where o.step_id is not null or p.reached > 0
   order by o.ord nulls last, 1`;

const AI_SQL = `with ${RUNS_CTE}
  select count(a.id)::int as calls,
         coalesce(sum(a.tokens_used), 0)::float8 as tokens,
         coalesce(sum(a.cost_usd), 0)::float8 as cost_usd
    from ai_step_executions a
    join workflow_step_executions s on s.id = a.step_execution_id
    join runs r on r.id = s.execution_id`;

const FEEDBACK_SQL = `with ${RUNS_CTE}
  select count(*)::int as count, round(avg((l.user_feedback ->> 'rating')::int), 2)::float8 as average
    from workflow_learning_data l join runs r on r.id = l.execution_id
   where l.user_feedback ->> 'rating' is not null`;

export interface StepDropOff {
  stepId: string;
  reached: number;
  completed: number;
  abandoned: number;
}

export interface WorkflowStats {
  runs: number;
  completed: number;
  failed: number;
  cancelled: number;
  inProgress: number;
  successRate: number | null;
  durationMs: { p50: number | null; p95: number | null };
  dropOff: StepDropOff[];
  ai: { calls: number; tokens: number; costUsd: number };
  feedback: { count: number; averageRating: number | null };
}

/** Every figure of one workflow (all its versions) over a period: four aggregate queries, run at once. */
export async function workflowStats(pool: pg.Pool, workflowId: string, days: PeriodDays): Promise<WorkflowStats> {
  const params = [workflowId, days];
  const [summary, dropOff, ai, feedback] = await Promise.all([
    pool.query(SUMMARY_SQL, params),
    pool.query(DROP_OFF_SQL, params),
    pool.query(AI_SQL, params),
    pool.query(FEEDBACK_SQL, params),
  ]);
  const s = summary.rows[0] as { runs: number; completed: number; failed: number; cancelled: number; p50: number | null; p95: number | null };
  const a = ai.rows[0] as { calls: number; tokens: number; cost_usd: number };
  const f = feedback.rows[0] as { count: number; average: number | null };
  return {
    runs: s.runs,
    completed: s.completed,
    failed: s.failed,
    cancelled: s.cancelled,
    inProgress: s.runs - s.completed - s.failed - s.cancelled,
    successRate: successRate(s.completed, s.failed, s.cancelled),
    durationMs: { p50: s.p50, p95: s.p95 },
    dropOff: dropOff.rows.map((r) => ({
      stepId: r.step_id as string,
      reached: r.reached as number,
      completed: r.completed as number,
      abandoned: r.abandoned as number,
    })),
    ai: { calls: a.calls, tokens: a.tokens, costUsd: a.cost_usd },
    feedback: { count: f.count, averageRating: f.average },
  };
}
