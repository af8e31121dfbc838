import type pg from 'pg';
import type { Logger } from '../../logger';
import { type PeriodDays, successRate, workflowRunsCte } from './period';
import { foldStepStats, STEP_COUNTS_CTE } from './step-stats';

const RUNS_CTE = workflowRunsCte('$2');

// One pass over the runs: the counts and both percentiles (one sort) together.
const SUMMARY_SQL = `with ${RUNS_CTE}
  select runs, completed, failed, cancelled, round(p[1]) as p50, round(p[2]) as p95
    from (
      select count(*)::int as runs,
             count(*) filter (where status = 'completed')::int as completed,
             count(*) filter (where status = 'failed')::int as failed,
             count(*) filter (where status = 'cancelled')::int as cancelled,
             percentile_cont(array[0.5, 0.95]) within group (order by extract(epoch from completed_at - started_at)::float8 * 1000)
               filter (where status = 'completed' and completed_at is not null) as p
        from runs
    ) totals`;

// Counted from the folded step stats plus the runs not folded yet (see step-stats.ts); `unfolded` says
// how many of those a fold would take in or out (runs still going are never folded).
const DROP_OFF_SQL = `with ${STEP_COUNTS_CTE},
  step_order as (
    select x.step ->> 'id' as step_id, x.ord
      from workflow_definitions d
     cross join lateral jsonb_array_elements(d.definition -> 'steps') with ordinality as x(step, ord)
     where d.workflow_id = $1 and d.is_latest
  )
  select coalesce(o.step_id, p.step_id) as step_id, coalesce(p.reached, 0) as reached,
         coalesce(p.completed, 0) as completed, coalesce(p.abandoned, 0) as abandoned,
         (select count(*) from unmatched where id is null or status in ('completed', 'failed', 'cancelled'))::int as unfolded
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

/** Runs counted live past which a read starts a fold, so the next reads are cheap again. */
const FOLD_AFTER_UNFOLDED_RUNS = 200;

/**
 * Every figure of one workflow (all its versions) over a period: four aggregate queries, run at once.
 * When many runs were counted live, folds them in the background: this answer is exact either way.
 */
export async function workflowStats(pool: pg.Pool, workflowId: string, days: PeriodDays, log: Pick<Logger, 'warn'>): Promise<WorkflowStats> {
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
  if (Number(dropOff.rows[0]?.unfolded ?? 0) > FOLD_AFTER_UNFOLDED_RUNS) {
    foldStepStats(pool, workflowId).catch((error: unknown) => log.warn({ err: error, workflowId }, 'folding step stats failed; reads count the runs live meanwhile'));
  }
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
