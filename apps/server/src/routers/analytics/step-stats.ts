import type pg from 'pg';
import { inTransaction } from '../../in-transaction';
import { windowStartSql } from './period';

/**
 * Drop-off counts are kept folded per (workflow version, UTC day of the run, step) in
 * workflow_step_stats, so a read adds up a few hundred rows instead of grouping every step attempt.
 * Each folded run leaves a row in workflow_step_stats_runs with its version and what it added:
 * the store bumps a run's version with every write of the run or its steps, so a run whose version
 * moved on (or that was deleted) is known to be out of date, and its counts can be taken out again.
 * Reads never trust the fold blindly: they count unfolded and out-of-date runs live (see DROP_OFF_SQL).
 */

/** The definition rows (every version) of workflow $1. */
const DEFINITIONS = `select id from workflow_definitions where workflow_id = $1`;

/** The longest period the analytics screens offer: older runs are never asked for, so never folded. */
const FOLD_DAYS = '90';

/** The UTC day a run belongs to: the same day windowStartSql cuts periods at. */
export const runDaySql = (createdAt: string) => `(${createdAt} at time zone 'UTC')::date`;

// A step is "reached" once an attempt started (pending steps cancelled with their run never did).
// It is abandoned when the run did not complete after reaching it without completing it: the run
// failed or was cancelled there, or is still waiting (or running) on it.
/** Per run and step of the CTE `runsCte` (id, status): reached, completed, and whether the run completed. */
export const stepFlagsCte = (runsCte: string) => `flags as (
    select s.execution_id, s.step_id, bool_and(r.status = 'completed') as run_completed,
           bool_or(s.started_at is not null or s.status in ('running', 'waiting', 'completed', 'failed')) as reached,
           bool_or(s.status = 'completed') as completed
      from workflow_step_executions s join ${runsCte} r on r.id = s.execution_id
     group by s.execution_id, s.step_id
  )`;

/** Takes out the counts of folded runs that changed or were deleted since. */
const UNFOLD_SQL = `with gone as (
    delete from workflow_step_stats_runs m
     where m.definition_id in (${DEFINITIONS})
       and not exists (select 1 from workflow_executions e where e.id = m.execution_id and e.version = m.version)
    returning m.definition_id, m.day, m.reached, m.completed, m.abandoned
  ),
  counts as (
    select g.definition_id, g.day, x.step_id, sum(x.reached)::int as reached, sum(x.completed)::int as completed, sum(x.abandoned)::int as abandoned
      from gone g cross join lateral (
        select step_id, 1 as reached, 0 as completed, 0 as abandoned from unnest(g.reached) step_id
        union all select step_id, 0, 1, 0 from unnest(g.completed) step_id
        union all select step_id, 0, 0, 1 from unnest(g.abandoned) step_id
      ) x
     group by 1, 2, 3
  )
  update workflow_step_stats t
     set reached = t.reached - c.reached, completed = t.completed - c.completed, abandoned = t.abandoned - c.abandoned
    from counts c
   where t.definition_id = c.definition_id and t.day = c.day and t.step_id = c.step_id`;

// Only finished runs are folded (running ones change with every step). `folded` runs although
// nothing reads it: PostgreSQL always completes a data-modifying CTE.
const FOLD_SQL = `with runs as (
    select e.id, e.status, e.version, e.workflow_id as definition_id, ${runDaySql('e.created_at')} as day
      from workflow_executions e
     where e.workflow_id in (${DEFINITIONS})
       and e.created_at >= ${windowStartSql(FOLD_DAYS)}
       and e.status in ('completed', 'failed', 'cancelled')
       and not exists (select 1 from workflow_step_stats_runs m where m.execution_id = e.id)
     limit $2
  ),
  ${stepFlagsCte('runs')},
  folded as (
    insert into workflow_step_stats_runs (execution_id, version, definition_id, day, reached, completed, abandoned)
    select r.id, r.version, r.definition_id, r.day,
           coalesce(array_agg(f.step_id) filter (where f.reached), '{}'),
           coalesce(array_agg(f.step_id) filter (where f.reached and f.completed), '{}'),
           coalesce(array_agg(f.step_id) filter (where f.reached and not f.completed and not f.run_completed), '{}')
      from runs r left join flags f on f.execution_id = r.id
     group by r.id, r.version, r.definition_id, r.day
  )
  insert into workflow_step_stats as t (definition_id, day, step_id, reached, completed, abandoned)
  select r.definition_id, r.day, f.step_id,
         count(*) filter (where f.reached), count(*) filter (where f.reached and f.completed),
         count(*) filter (where f.reached and not f.completed and not f.run_completed)
    from flags f join runs r on r.id = f.execution_id
   where f.reached
   group by 1, 2, 3
  on conflict (definition_id, day, step_id) do update
     set reached = t.reached + excluded.reached, completed = t.completed + excluded.completed, abandoned = t.abandoned + excluded.abandoned`;

/** Counts of days no period reaches any more: the summary stays as small as the periods asked for. */
const PRUNE_SQL = `with gone as (
    delete from workflow_step_stats_runs
     where definition_id in (${DEFINITIONS}) and day < ${runDaySql(windowStartSql(FOLD_DAYS))}
  )
  delete from workflow_step_stats where definition_id in (${DEFINITIONS}) and day < ${runDaySql(windowStartSql(FOLD_DAYS))}`;

/** Runs folded per call at most, so one call never holds its transaction for long. */
const FOLD_BATCH = 20_000;

/**
 * Brings workflow $1's folded counts up to date: days past every period dropped, out-of-date runs
 * out, newly finished runs in, in one transaction (all or nothing after a crash). One process at a
 * time per workflow: another one already folding makes this return at once, which is fine because
 * reads count unfolded runs live.
 * Returns false when it skipped.
 */
export async function foldStepStats(pool: pg.Pool, workflowId: string): Promise<boolean> {
  return inTransaction(pool, async (db) => {
    const lock = await db.query<{ ok: boolean }>(
      `select pg_try_advisory_xact_lock(hashtextextended('workflow_step_stats:' || $1::text, 0)) as ok`,
      [workflowId],
    );
    if (!lock.rows[0]?.ok) return false;
    await db.query(PRUNE_SQL, [workflowId]);
    await db.query(UNFOLD_SQL, [workflowId]);
    await db.query(FOLD_SQL, [workflowId, FOLD_BATCH]);
    return true;
  });
}

/**
 * $1 workflow id, $2 days: reached / completed / abandoned per step of the runs in the period, as
 * the folded counts plus the runs counted live: those not folded, or folded at another version
 * (whose folded counts are taken out again). One statement, so one snapshot: a fold committing
 * meanwhile is either wholly seen or not at all.
 */
export const STEP_COUNTS_CTE = `runs as (
    select e.id, e.status, e.version
      from workflow_executions e
     where e.workflow_id in (${DEFINITIONS}) and e.created_at >= ${windowStartSql('$2')}
  ),
  unmatched as (
    select r.id, r.status, m.execution_id as folded_id
      from runs r
      full join (
        select m.execution_id, m.version from workflow_step_stats_runs m
         where m.definition_id in (${DEFINITIONS}) and m.day >= ${runDaySql(windowStartSql('$2'))}
      ) m on m.execution_id = r.id and m.version = r.version
     where r.id is null or m.execution_id is null
  ),
  live as (select id, status from unmatched where folded_id is null),
  ${stepFlagsCte('live')},
  stale as (
    select m.reached, m.completed, m.abandoned
      from workflow_step_stats_runs m join unmatched u on u.folded_id = m.execution_id
     where u.id is null
  ),
  counts as (
    select step_id, reached, completed, abandoned
      from workflow_step_stats
     where definition_id in (${DEFINITIONS}) and day >= ${runDaySql(windowStartSql('$2'))}
    union all
    select step_id, count(*) filter (where reached), count(*) filter (where reached and completed),
           count(*) filter (where reached and not completed and not run_completed)
      from flags group by step_id
    union all select step_id, -1, 0, 0 from stale, unnest(stale.reached) step_id
    union all select step_id, 0, -1, 0 from stale, unnest(stale.completed) step_id
    union all select step_id, 0, 0, -1 from stale, unnest(stale.abandoned) step_id
  ),
  per_step as (
    select step_id, sum(reached)::int as reached, sum(completed)::int as completed, sum(abandoned)::int as abandoned
      from counts group by step_id
  )`;
