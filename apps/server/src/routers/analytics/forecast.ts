import type pg from 'pg';
import { z } from 'zod';
import { priceOf, type PriceTable } from '../../ai/prices';
import { mapErrors } from '../../errors';
import { authedProcedure } from '../../trpc';
import { latestVisibleWorkflow } from '../visible-workflow';
import { num, workflowRunsCte } from './period';

/** How far back the forecast looks: long enough for a sample, short enough to follow changes. */
const FORECAST_DAYS = 90;
/** Guess for one AI step call without history: a prompt with some context, a structured answer of a few paragraphs. */
export const DEFAULT_TOKEN_ESTIMATE = { input: 1_000, output: 500 } as const;

const RUNS_CTE = workflowRunsCte(String(FORECAST_DAYS));

// execution_time_ms is what the engine records; the timestamps cover rows written without it.
const DURATIONS_SQL = `with ${RUNS_CTE},
  done as (
    select s.step_id, s.execution_id,
           coalesce(s.execution_time_ms, extract(epoch from s.completed_at - s.started_at) * 1000)::float8 as ms
      from workflow_step_executions s join runs r on r.id = s.execution_id
     where s.status = 'completed'
  )
  select step_id, count(*)::int as samples, count(distinct execution_id)::int as runs,
         -- numeric rounds halves up; float8 would round them to even.
         round((percentile_cont(0.5) within group (order by ms))::numeric)::float8 as p50,
         round((percentile_cont(0.9) within group (order by ms))::numeric)::float8 as p90
    from done where ms is not null group by rollup (step_id)`;

const AI_SQL = `with ${RUNS_CTE}
  select s.step_id, count(distinct s.execution_id)::int as runs,
         coalesce(sum(a.tokens_used), 0)::float8 as tokens, sum(a.cost_usd)::float8 as cost_usd
    from ai_step_executions a
    join workflow_step_executions s on s.id = a.step_execution_id
    join runs r on r.id = s.execution_id
   group by s.step_id`;

type Step = { id: string; name: string; type: string; config?: Record<string, unknown> };
type Row = Record<string, unknown>;

export interface StepForecast {
  stepId: string;
  name: string;
  type: string;
  /** 'person': a form to fill in or an AI answer to review; its time is the person's, not the machine's. */
  kind: 'automatic' | 'person';
  samples: number;
  durationMs: { p50: number | null; p90: number | null };
  /** Per run; null for steps that call no model. */
  ai: { source: 'history' | 'price_table' | 'none'; tokens: number | null; costUsd: number | null } | null;
}

const waitsForPerson = (s: Step) => s.type === 'data_collection' || (s.type === 'ai_generated' && s.config?.auto_accept !== true);
/** To 1/100 of a cent: the precision costs are stored with. */
const money = (usd: number) => Math.round(usd * 10_000) / 10_000;

/** Without history: the default call size (output capped by max_output_tokens) at the model's price. */
export function estimate(step: Step, model: string, prices: PriceTable): NonNullable<StepForecast['ai']> {
  const cap = typeof step.config?.max_output_tokens === 'number' ? step.config.max_output_tokens : Infinity;
  const [input, output] = [DEFAULT_TOKEN_ESTIMATE.input, Math.min(DEFAULT_TOKEN_ESTIMATE.output, cap)];
  const price = priceOf(model, prices);
  if (!price) return { source: 'none', tokens: input + output, costUsd: null };
  return { source: 'price_table', tokens: input + output, costUsd: money((input * price.input + output * price.output) / 1e6) };
}

/** Each step of the latest version, from this workflow's past 90 days of runs (any version) or, for AI use, model prices. */
export async function forecastSteps(pool: pg.Pool, workflowId: string, steps: Step[], model: string, prices: PriceTable) {
  const [durations, ai] = await Promise.all([pool.query<Row>(DURATIONS_SQL, [workflowId]), pool.query<Row>(AI_SQL, [workflowId])]);
  const byStep = new Map(durations.rows.filter((r) => r.step_id !== null).map((r) => [String(r.step_id), r]));
  const aiByStep = new Map(ai.rows.map((r) => [String(r.step_id), r]));
  const forecast: StepForecast[] = steps.map((step) => {
    const d = byStep.get(step.id);
    const a = aiByStep.get(step.id);
    const runs = num(a?.runs);
    const history = a && runs > 0
      ? { source: 'history' as const, tokens: Math.round(Number(a.tokens) / runs), costUsd: a.cost_usd === null ? null : money(Number(a.cost_usd) / runs) }
      : null;
    return {
      stepId: step.id,
      name: step.name,
      type: step.type,
      kind: waitsForPerson(step) ? 'person' : 'automatic',
      samples: num(d?.samples),
      durationMs: { p50: d ? Number(d.p50) : null, p90: d ? Number(d.p90) : null },
      ai: step.type !== 'ai_generated' ? null : (history ?? estimate(step, model, prices)),
    };
  });
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const p50s = (kind: StepForecast['kind']) => sum(forecast.filter((s) => s.kind === kind).map((s) => s.durationMs.p50 ?? 0));
  const aiSteps = forecast.flatMap((s) => (s.ai ? [s.ai] : []));
  const rollup = durations.rows.find((r) => r.step_id === null);
  return {
    days: FORECAST_DAYS,
    model,
    /** Runs with at least one completed step in the period. */
    runs: num(rollup?.runs),
    steps: forecast,
    totals: {
      workMs: p50s('automatic'),
      waitingForYouMs: p50s('person'),
      tokens: sum(aiSteps.map((a) => a.tokens ?? 0)),
      costUsd: aiSteps.some((a) => a.costUsd === null) ? null : money(sum(aiSteps.map((a) => a.costUsd ?? 0))),
      // Partly estimated totals say so: 'history' only when every AI step has its own.
      source: aiSteps.length === 0 ? 'none' : aiSteps.every((a) => a.source === 'history') ? 'history' : 'price_table',
    },
  };
}
export type Forecast = Awaited<ReturnType<typeof forecastSteps>>;

/** Dry run before a start: how long each step of the latest version should take and what its AI use should cost. */
export const forecastProcedure = authedProcedure
  .input(z.object({ workflowId: z.uuid({ error: 'must be a workflow id (a UUID)' }) }))
  .query(({ ctx, input }) =>
    mapErrors(async () => {
      const workflow = await latestVisibleWorkflow(ctx.services.pool, input.workflowId, ctx.user);
      const { config } = ctx.services;
      const forecast = await forecastSteps(ctx.services.pool, input.workflowId, workflow.definition.steps, config.MODEL, config.MODEL_PRICES);
      return { workflowId: input.workflowId, name: workflow.name, ...forecast };
    }),
  );
