import type { BudgetPort } from '@stepwise/engine';
import type pg from 'pg';
import type { Config } from '../config';
import { costUsd, type PriceTable } from '../ai/prices';
import { estimate } from '../routers/analytics/forecast';
/** How far back a step's past calls say what its next one will cost. */
const ESTIMATE_DAYS = 90;

// Every call of the person's runs today: a run that spent today was updated today.
const SPENT_TODAY_SQL = `
  select coalesce(sum(a.tokens_used), 0)::float8 as tokens, coalesce(sum(a.cost_usd), 0)::float8 as usd
    from workflow_executions e
    join workflow_step_executions s on s.execution_id = e.id
    join ai_step_executions a on a.step_execution_id = s.id
   where e.user_id = $1 and e.updated_at >= $2 and a.created_at >= $2`;

// The average paid call of this step in this workflow version (cached answers cost nothing and say nothing).
const STEP_HISTORY_SQL = `
  select count(*)::int as calls, avg(a.tokens_used)::float8 as tokens, avg(a.cost_usd)::float8 as usd
    from workflow_executions e
    join workflow_step_executions s on s.execution_id = e.id and s.step_id = $2
    join ai_step_executions a on a.step_execution_id = s.id
   where e.workflow_id = $1 and a.created_at > now() - make_interval(days => ${ESTIMATE_DAYS}) and not a.cached`;

export interface BudgetPortDeps {
  pool: pg.Pool;
  config: Pick<Config, 'MODEL' | 'MODEL_PRICES' | 'BUDGET_RUN_TOKENS' | 'BUDGET_RUN_USD' | 'BUDGET_DAILY_TOKENS' | 'BUDGET_DAILY_USD'>;
  /** Waits until every AI call recorded so far is written, so today's spend includes the last answers. */
  flushCalls?: () => Promise<void>;
}

/** Caps from the configuration, spend from ai_step_executions, estimates from a step's history or the price table. */
export function createBudgetPort({ pool, config, flushCalls }: BudgetPortDeps): BudgetPort {
  const prices: PriceTable = config.MODEL_PRICES;
  return {
    limits: async () => ({
      run: { tokens: config.BUDGET_RUN_TOKENS, usd: config.BUDGET_RUN_USD },
      daily: { tokens: config.BUDGET_DAILY_TOKENS, usd: config.BUDGET_DAILY_USD },
    }),

    async spentToday(userId, now) {
      await flushCalls?.();
      const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
      const { rows } = await pool.query<{ tokens: number; usd: number }>(SPENT_TODAY_SQL, [userId, dayStart]);
      return { tokens: rows[0]?.tokens ?? 0, usd: rows[0]?.usd ?? 0 };
    },

    async estimate(run, stepId) {
      const { rows } = await pool.query<{ calls: number; tokens: number | null; usd: number | null }>(STEP_HISTORY_SQL, [run.workflowId, stepId]);
      const past = rows[0];
      if (past && past.calls > 0) return { tokens: Math.round(past.tokens ?? 0), usd: past.usd ?? 0 };
      const step = run.definition.steps.find((s) => s.id === stepId);
      const guess = step ? estimate(step, config.MODEL, prices) : null;
      return { tokens: guess?.tokens ?? 0, usd: guess?.costUsd ?? 0 };
    },

    cost(model, usage) {
      const usd = costUsd(model, usage, prices);
      return usd === null ? null : Number(usd);
    },
  };
}
