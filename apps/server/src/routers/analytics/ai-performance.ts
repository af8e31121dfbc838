import type pg from 'pg';
import { numOrNull, type PeriodDays, rate, windowStartSql } from './period';

/**
 * Per model over a period, for one user ($1) or everyone (null): AI step calls and workflow
 * generations together. A step call succeeded when its attempt was accepted (completed), failed when
 * the attempt failed or was rejected; attempts still open count in neither. Cached answers cost nothing.
 */
const SQL = `
with calls as (
  select a.ai_model as model, 'step' as source, a.tokens_used as tokens, a.cost_usd, a.execution_time_ms as ms, a.cached,
         case when s.status = 'completed' then true
              when s.status = 'failed' or s.error ->> 'code' = 'rejected' then false end as ok
    from ai_step_executions a
    left join workflow_step_executions s on s.id = a.step_execution_id
    left join workflow_executions e on e.id = s.execution_id
   where a.created_at >= ${windowStartSql('$2')} and ($1::uuid is null or e.user_id = $1)
  union all
  select g.ai_model, 'generation', null, null, g.generation_time_ms, false, g.success
    from ai_workflow_generations g
   where g.created_at >= ${windowStartSql('$2')} and ($1::uuid is null or g.user_id = $1)
)
select model,
       count(*) filter (where source = 'step')::int as step_calls,
       count(*) filter (where source = 'generation')::int as generations,
       count(*) filter (where cached)::int as cached,
       coalesce(sum(tokens), 0)::float8 as tokens,
       coalesce(sum(cost_usd), 0)::float8 as cost_usd,
       round(avg(ms) filter (where not cached))::float8 as avg_latency_ms,
       count(*) filter (where ok)::int as succeeded,
       count(*) filter (where ok is not null)::int as decided
  from calls group by model order by cost_usd desc, model`;

export interface ModelPerformance {
  model: string;
  stepCalls: number;
  generations: number;
  cachedCalls: number;
  tokens: number;
  costUsd: number;
  /** Mean time of calls that reached the model (cached answers excluded); null without any. */
  avgLatencyMs: number | null;
  /** Accepted step results and successful generations over all decided ones; null while none is decided. */
  successRate: number | null;
}

export async function aiPerformance(pool: pg.Pool, userId: string | null, days: PeriodDays) {
  const { rows } = await pool.query<Record<string, number | string | null>>(SQL, [userId, days]);
  const models: ModelPerformance[] = rows.map((r) => ({
    model: String(r.model),
    stepCalls: Number(r.step_calls),
    generations: Number(r.generations),
    cachedCalls: Number(r.cached),
    tokens: Number(r.tokens),
    costUsd: Number(r.cost_usd),
    avgLatencyMs: numOrNull(r.avg_latency_ms),
    successRate: rate(Number(r.succeeded), Number(r.decided)),
  }));
  const totals = {
    costUsd: models.reduce((sum, m) => sum + m.costUsd, 0),
    tokens: models.reduce((sum, m) => sum + m.tokens, 0),
    calls: models.reduce((sum, m) => sum + m.stepCalls + m.generations, 0),
  };
  return { models, totals };
}
