import type pg from 'pg';

/** Run statuses after which a run's figures are final (a failed run may still be retried: see forget). */
export const FINISHED_STATUSES = ['completed', 'failed', 'cancelled'] as const;

/** metric_name is varchar(100): the step id part is cut to fit. */
export const STEP_DURATION_PREFIX = 'step_duration_ms:';

/**
 * Every figure of the finished runs $1 as (execution_id, name, value, unit) rows, inserted once: the
 * unique (execution_id, metric_name) index makes a second write (another process, a restart) a no-op.
 * Human wait is the time steps of the types in $2 (forms, reviews) spent open, less their AI calls' time.
 */
const WRITE_SQL = `
with runs as (
  select e.id, e.status, e.started_at, coalesce(e.completed_at, e.updated_at) as ended_at
    from workflow_executions e
   where e.id = any($1::uuid[]) and e.status in ('completed', 'failed', 'cancelled')
),
attempts as (
  select s.id, s.execution_id, s.step_id, s.step_type,
         greatest(0, extract(epoch from coalesce(s.completed_at, r.ended_at) - s.started_at) * 1000) as ms
    from workflow_step_executions s join runs r on r.id = s.execution_id
   where s.started_at is not null
),
calls as (
  select a.step_execution_id, count(*) as calls, coalesce(sum(a.tokens_used), 0) as tokens,
         coalesce(sum(a.cost_usd), 0) as cost_usd, coalesce(sum(a.execution_time_ms), 0) as ai_ms
    from ai_step_executions a join attempts t on t.id = a.step_execution_id
   group by a.step_execution_id
),
per_run as (
  select r.id, r.status,
         greatest(0, extract(epoch from r.ended_at - r.started_at) * 1000) as duration_ms,
         (select count(distinct t.step_id) from attempts t where t.execution_id = r.id) as step_count,
         coalesce(sum(c.calls), 0) as ai_calls, coalesce(sum(c.tokens), 0) as tokens, coalesce(sum(c.cost_usd), 0) as cost_usd,
         coalesce(sum(greatest(0, t.ms - coalesce(c.ai_ms, 0))) filter (where t.step_type = any($2::text[])), 0) as human_wait_ms
    from runs r
    left join attempts t on t.execution_id = r.id
    left join calls c on c.step_execution_id = t.id
   group by r.id, r.status, r.started_at, r.ended_at
),
rows as (
  select p.id, m.name, m.value, m.unit
    from per_run p
   cross join lateral (values
     ('duration_ms', p.duration_ms, 'ms'),
     ('step_count', p.step_count, 'steps'),
     ('success', case when p.status = 'completed' then 1 else 0 end, 'bool'),
     ('ai_calls', p.ai_calls, 'calls'),
     ('tokens', p.tokens, 'tokens'),
     ('cost_usd', p.cost_usd, 'usd'),
     ('human_wait_ms', p.human_wait_ms, 'ms')
   ) as m(name, value, unit)
  union all
  select t.execution_id, left('${STEP_DURATION_PREFIX}' || t.step_id, 100), sum(t.ms), 'ms'
    from attempts t group by t.execution_id, t.step_id
)
insert into workflow_execution_metrics (execution_id, metric_name, metric_value, metric_unit)
select id, name, round(value::numeric, 4), unit from rows
on conflict (execution_id, metric_name) do nothing`;

// Finished runs with no figures yet: the listener missed them (a crash, another process gone).
const MISSING_SQL = `
select e.id from workflow_executions e
 where e.status in ('completed', 'failed', 'cancelled')
   and not exists (select 1 from workflow_execution_metrics m where m.execution_id = e.id)
 limit $1`;

// Figures of runs that are running again (a failed run retried) are stale: they are written anew when it ends.
const STALE_SQL = `
delete from workflow_execution_metrics m using workflow_executions e
 where m.execution_id = e.id and e.id = any($1::uuid[]) and e.status not in ('completed', 'failed', 'cancelled')`;

export interface ExecutionMetricsWriter {
  /** Writes the figures of these runs if they are finished and not written yet; returns rows inserted. */
  write(runIds: string[]): Promise<number>;
  /** Drops the figures of these runs if they are running again. */
  forget(runIds: string[]): Promise<number>;
  /** Fills in finished runs that have no figures, a batch at a time; returns how many runs. */
  sweep(batch?: number): Promise<number>;
}

/** `humanStepTypes`: step types that wait for people (a form's answers, a review), counted as human wait. */
export function executionMetricsWriter(pool: pg.Pool, humanStepTypes: string[]): ExecutionMetricsWriter {
  const write = async (runIds: string[]) =>
    runIds.length ? ((await pool.query(WRITE_SQL, [runIds, humanStepTypes])).rowCount ?? 0) : 0;
  return {
    write,
    forget: async (runIds) => (runIds.length ? ((await pool.query(STALE_SQL, [runIds])).rowCount ?? 0) : 0),
    async sweep(batch = 500) {
      let filled = 0;
      for (;;) {
        const ids = (await pool.query<{ id: string }>(MISSING_SQL, [batch])).rows.map((r) => r.id);
        const inserted = ids.length ? await write(ids) : 0;
        filled += ids.length;
        // A short batch is the last; one that wrote nothing would only repeat itself.
        if (ids.length < batch || inserted === 0) return filled;
      }
    },
  };
}
