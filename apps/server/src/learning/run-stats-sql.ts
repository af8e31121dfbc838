/**
 * The SQL behind the learning stats of one workflow VERSION ($1 = workflow_definitions.id) over the
 * runs started in the last $2 days. Learning looks at one version: a recommendation patches the
 * definition those runs executed, and runs of older versions answered other prompts and forms.
 */

const RUNS = `runs as (
    select e.id, e.status from workflow_executions e
     where e.workflow_id = $1 and e.created_at >= now() - make_interval(days => $2::int)
  )`;

/**
 * Whether attempt `a` was rejected: a reject closes the attempt with error code 'rejected'; rejecting a
 * result that had already completed leaves it completed and stores the feedback on it and on the next
 * attempt. Needs `a.next_attempt` and `a.next_feedback` (lead() over the step's attempts in a run).
 */
export const REJECTED_ATTEMPT = `(coalesce(a.error ->> 'code', '') = 'rejected'
                 or (a.status = 'completed' and a.next_attempt is not null and a.feedback is not null
                     and a.next_feedback is not distinct from a.feedback))`;

const ATTEMPTS = `${RUNS},
  attempts as (
    select s.*, r.status as run_status,
           coalesce(s.execution_time_ms, extract(epoch from s.completed_at - s.started_at) * 1000)::float8 as ms,
           lead(s.attempt) over w as next_attempt, lead(s.feedback) over w as next_feedback
      from workflow_step_executions s join runs r on r.id = s.execution_id
    window w as (partition by s.execution_id, s.step_id order by s.attempt)
  ),
  marked as (
    select a.*, ${REJECTED_ATTEMPT} as rejected
      from attempts a
  )`;

export const RUN_TOTALS_SQL = `with ${RUNS}
  select count(*)::int as started,
         count(*) filter (where status = 'completed')::int as completed,
         count(*) filter (where status = 'failed')::int as failed,
         count(*) filter (where status = 'cancelled')::int as cancelled
    from runs`;

// Abandoned at a step: the run was cancelled while that step's last attempt was under way, or the
// run still waits there after $3 days.
export const STEP_STATS_SQL = `with ${ATTEMPTS},
  latest as (
    select distinct on (execution_id, step_id) * from marked order by execution_id, step_id, attempt desc
  ),
  per_run as (
    select m.execution_id, m.step_id,
           bool_or(m.started_at is not null) as reached,
           bool_or(m.status = 'completed' and not m.rejected) as completed,
           bool_or(m.status = 'failed') as failed,
           bool_or(m.status = 'skipped') as skipped
      from marked m group by 1, 2
  ),
  abandoned as (
    select l.step_id, count(*)::int as n from latest l
     where l.started_at is not null
       and ((l.run_status = 'cancelled' and l.status = 'cancelled')
         or (l.status = 'waiting' and l.run_status in ('waiting_for_input', 'waiting_for_review', 'paused')
             and l.started_at < now() - make_interval(days => $3::int)))
     group by 1
  ),
  reviewed as (
    select m.step_id,
           percentile_cont(0.5) within group (order by greatest(0, m.ms - coalesce(
             (select sum(a.execution_time_ms) from ai_step_executions a where a.step_execution_id = m.id), 0))) as approve_p50
      from marked m
     where m.step_type = 'ai_generated' and m.status = 'completed' and not m.rejected and m.ms is not null
     group by 1
  ),
  attempt_counts as (
    select step_id, count(*)::int as attempts,
           count(*) filter (where rejected)::int as rejected,
           count(*) filter (where status = 'completed' and not rejected)::int as accepted,
           percentile_cont(0.5) within group (order by ms) filter (where status = 'completed') as p50,
           percentile_cont(0.95) within group (order by ms) filter (where status = 'completed') as p95
      from marked group by 1
  )
  select c.step_id, c.attempts, c.rejected, c.accepted, round(c.p50)::float8 as p50, round(c.p95)::float8 as p95,
         count(*) filter (where p.reached)::int as reached,
         count(*) filter (where p.reached and p.completed)::int as completed,
         count(*) filter (where p.failed)::int as failed,
         count(*) filter (where p.skipped)::int as skipped,
         coalesce(max(ab.n), 0)::int as abandoned,
         round(max(rv.approve_p50))::float8 as approve_p50
    from attempt_counts c
    join per_run p on p.step_id = c.step_id
    left join abandoned ab on ab.step_id = c.step_id
    left join reviewed rv on rv.step_id = c.step_id
   group by c.step_id, c.attempts, c.rejected, c.accepted, c.p50, c.p95`;

/** Counted values per step: reject feedback, error codes of failures, branches decisions took. */
export const STEP_COUNTS_SQL = `with ${ATTEMPTS}
  select step_id, 'feedback' as kind, trim(feedback) as key, count(*)::int as n
    from marked where rejected and trim(coalesce(feedback, '')) <> '' group by 1, 3
  union all
  select step_id, 'failure', coalesce(error ->> 'code', 'unknown'), count(*)::int
    from marked where status = 'failed' group by 1, 3
  union all
  select step_id, 'branch', output_data ->> 'branch', count(distinct execution_id)::int
    from marked where step_type = 'decision' and status = 'completed' and output_data ->> 'branch' is not null group by 1, 3
  order by n desc, key`;
