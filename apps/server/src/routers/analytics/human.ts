import type pg from 'pg';
import { z } from 'zod';
import { mapErrors } from '../../errors';
import { ABANDON_AFTER_DAYS } from '../../learning/run-stats';
import { REJECTED_ATTEMPT } from '../../learning/run-stats-sql';
import { authedProcedure } from '../../trpc';
import { latestVisibleWorkflow, type Viewer } from '../visible-workflow';
import { num, numOrNull, periodDays, rate, workflowRunsCte } from './period';

// Rejects are counted as learning counts them (REJECTED_ATTEMPT). An answer is ready for review when
// its last model call was recorded (the step rows have no such timestamp); an attempt without a
// recorded call (a cached answer) was ready when it started.
const DECISIONS_SQL = `with ${workflowRunsCte('$2')},
  attempts as (
    select s.*, r.status as run_status,
           lead(s.attempt) over w as next_attempt, lead(s.feedback) over w as next_feedback,
           row_number() over (partition by s.execution_id, s.step_id order by s.attempt desc) as from_last
      from workflow_step_executions s join runs r on r.id = s.execution_id
     where s.step_type in ('ai_generated', 'data_collection')
    window w as (partition by s.execution_id, s.step_id order by s.attempt)
  ),
  marked as (
    select a.*, ${REJECTED_ATTEMPT} as rejected,
           extract(epoch from a.completed_at - coalesce(
             (select max(c.created_at) from ai_step_executions c where c.step_execution_id = a.id), a.started_at))::float8 * 1000 as wait_ms
      from attempts a
  ),
  per_run as (
    select execution_id, step_id, count(*)::int as attempts,
           bool_or(started_at is not null) as reached,
           bool_or(status = 'completed' and not rejected) as completed,
           bool_or(from_last = 1 and started_at is not null and (
             (run_status = 'cancelled' and status = 'cancelled')
             or (status = 'waiting' and run_status in ('waiting_for_input', 'waiting_for_review', 'paused')
                 and started_at < now() - make_interval(days => $3::int)))) as abandoned
      from marked group by 1, 2
  ),
  per_attempt as (
    select step_id,
           count(*) filter (where rejected)::int as rejected,
           count(*) filter (where status = 'completed' and not rejected)::int as accepted,
           percentile_cont(0.5) within group (order by wait_ms) filter (where status = 'completed' and not rejected) as approve_p50,
           percentile_cont(0.9) within group (order by wait_ms) filter (where status = 'completed' and not rejected) as approve_p90
      from marked group by 1
  )
  select p.step_id, a.rejected, a.accepted, round(a.approve_p50)::float8 as approve_p50, round(a.approve_p90)::float8 as approve_p90,
         count(*) filter (where p.reached)::int as reached,
         count(*) filter (where p.reached and p.completed)::int as completed,
         count(*) filter (where p.abandoned)::int as abandoned,
         avg(p.attempts) filter (where p.reached)::float8 as attempts_avg,
         max(p.attempts) filter (where p.reached)::int as attempts_max
    from per_run p join per_attempt a on a.step_id = p.step_id
   group by p.step_id, a.rejected, a.accepted, a.approve_p50, a.approve_p90`;

const input = z.object({ workflowId: z.uuid({ error: 'must be a workflow id (a UUID)' }), days: periodDays.default(30) });

type Row = Record<string, unknown>;

/** What people did at each AI review and form step of one workflow (all its versions) over a period. */
async function humanDecisions(pool: pg.Pool, workflowId: string, days: number, viewer: Viewer) {
  const { steps } = (await latestVisibleWorkflow(pool, workflowId, viewer)).definition;
  const { rows } = await pool.query<Row>(DECISIONS_SQL, [workflowId, days, ABANDON_AFTER_DAYS]);
  const byStep = new Map(rows.map((r) => [String(r.step_id), r]));
  const review = steps
    .filter((s) => s.type === 'ai_generated')
    .map((s) => {
      const r = byStep.get(s.id) ?? {};
      const [rejected, accepted] = [num(r.rejected), num(r.accepted)];
      return {
        stepId: s.id,
        name: s.name,
        reviews: rejected + accepted,
        accepted,
        rejected,
        /** rejected / (rejected + accepted); null while nothing was decided. */
        rejectRate: rate(rejected, rejected + accepted),
        approveMs: { p50: numOrNull(r.approve_p50), p90: numOrNull(r.approve_p90) },
        attemptsPerRun: { average: numOrNull(r.attempts_avg), max: numOrNull(r.attempts_max) },
      };
    });
  const forms = steps
    .filter((s) => s.type === 'data_collection')
    .map((s) => {
      const r = byStep.get(s.id) ?? {};
      const reached = num(r.reached);
      const abandoned = num(r.abandoned);
      // A form's "approve" time is its fill time: from showing the form to the answers being saved.
      return { stepId: s.id, name: s.name, reached, completed: num(r.completed), abandoned, abandonmentRate: rate(abandoned, reached), fillMsP50: numOrNull(r.approve_p50) };
    });
  return { workflowId, days, abandonAfterDays: ABANDON_AFTER_DAYS, review, forms };
}

export type HumanDecisions = Awaited<ReturnType<typeof humanDecisions>>;

/** Owners see their workflows, admins any; anyone else gets NOT_FOUND so existence does not leak. */
export const humanDecisionsProcedure = authedProcedure.input(input).query(({ ctx, input }) =>
  mapErrors(() => humanDecisions(ctx.services.pool, input.workflowId, input.days, ctx.user)),
);
