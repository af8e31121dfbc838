import type { AppRouter } from '@stepwise/server/router';
import { createTRPCClient, httpLink } from '@trpc/client';
import { signUp } from '../api/auth-helpers';
import { saveWorkflow } from '../api/harness';
import { startBenchApp } from './bench-app';
import { percentile, print, tenCalculationSteps } from './workloads';

const RUNS = 10_000;
const SAMPLES = 200;

/**
 * The same figures analytics.workflow serves, over the same period (30 UTC days), in one plain
 * aggregate statement from the raw rows: what the database alone needs without any kept summary.
 * Drop-off counts runs, not attempts: reached (an attempt started), completed, and abandoned (reached,
 * not completed, and the run did not complete).
 */
const BASELINE_SQL = `with runs as (
    select e.id, e.status, e.started_at, e.completed_at from workflow_executions e
     where e.workflow_id in (select id from workflow_definitions where workflow_id = $1)
       and e.created_at >= ((((now() at time zone 'UTC')::date - 29)::timestamp) at time zone 'UTC')
  ),
  per_run as (
    select s.step_id, bool_and(r.status = 'completed') as run_completed,
           bool_or(s.started_at is not null or s.status in ('running', 'waiting', 'completed', 'failed')) as reached,
           bool_or(s.status = 'completed') as completed
      from workflow_step_executions s join runs r on r.id = s.execution_id group by s.execution_id, s.step_id
  ),
  steps as (
    select step_id as "stepId", count(*) filter (where reached)::int as reached, count(*) filter (where reached and completed)::int as completed,
           count(*) filter (where reached and not completed and not run_completed)::int as abandoned
      from per_run group by step_id
  )
  select (select json_build_object('runs', count(*), 'completed', count(*) filter (where status = 'completed'),
                                   'failed', count(*) filter (where status = 'failed'), 'cancelled', count(*) filter (where status = 'cancelled'))
            from runs) as counts,
         (select percentile_cont(array[0.5, 0.95]) within group (order by extract(epoch from completed_at - started_at))
            from runs where status = 'completed' and completed_at is not null) as durations,
         (select json_agg(steps order by "stepId") from steps) as drop_off,
         (select json_build_object('calls', count(*), 'tokens', sum(a.tokens_used), 'cost', sum(a.cost_usd))
            from ai_step_executions a join workflow_step_executions s on s.id = a.step_execution_id join runs r on r.id = s.execution_id) as ai,
         (select json_build_object('count', count(*), 'average', avg((l.user_feedback ->> 'rating')::int))
            from workflow_learning_data l join runs r on r.id = l.execution_id where l.user_feedback ->> 'rating' is not null) as rating`;

/**
 * analytics.workflow_p50_ms: one workflow's figures over HTTP with 100,000 step executions stored
 * (10,000 runs x 10 steps, one AI call per run), against the same figures by one raw SQL statement.
 */
type DropOff = { stepId: string; reached: number; completed: number; abandoned: number }[];

/** A fast answer is worth nothing if it is wrong: the procedure's drop-off must equal the raw one. */
function sameDropOff(actual: DropOff, expected: DropOff, when: string) {
  const key = (rows: DropOff) => JSON.stringify([...rows].sort((a, b) => a.stepId.localeCompare(b.stepId)).map((r) => [r.stepId, r.reached, r.completed, r.abandoned]));
  if (key(actual) !== key(expected)) throw new Error(`drop-off ${when} differs from the raw figures: ${key(actual)} vs ${key(expected)}`);
}

export async function benchAnalytics(): Promise<void> {
  const bench = await startBenchApp();
  const { db, app, raw } = bench;
  try {
    const me = await signUp(app.url);
    const saved = await saveWorkflow(bench, me.user.id, tenCalculationSteps());
    // Runs spread over the last 30 days: mostly completed, some failed or cancelled, each 1-60 s long.
    await db.pool.query(
      `insert into workflow_executions (workflow_id, user_id, session_id, status, context, created_at, started_at, completed_at)
       select $1, $2, 'bench', case when g % 20 = 0 then 'failed' when g % 20 = 1 then 'cancelled' else 'completed' end, '{}'::jsonb,
              t, t, t + (1 + g % 60) * interval '1 second'
         from generate_series(1, $3::int) g, lateral (select now() - (g % 29) * interval '1 day' - (g % 997) * interval '1 minute' as t) x`,
      [saved.id, me.user.id, RUNS],
    );
    await db.pool.query(
      `insert into workflow_step_executions (execution_id, step_id, step_type, attempt, status, execution_time_ms, started_at, completed_at)
       select e.id, 'grow_' || n, 'calculation', 1, case when e.status = 'completed' or n < 10 then 'completed' else e.status end,
              100 + n, e.started_at, e.started_at + (100 + n) * interval '1 millisecond'
         from workflow_executions e cross join generate_series(1, 10) n where e.workflow_id = $1`,
      [saved.id],
    );
    await db.pool.query(
      `insert into ai_step_executions (step_execution_id, ai_model, prompt, response, tokens_used, cost_usd)
       select s.id, 'openai:gpt-4o-mini', 'p', 'r', 1000 + (hashtext(s.id::text) & 511), 0.0004
         from workflow_step_executions s where s.step_id = 'grow_5'`,
    );
    await db.pool.query('analyze');

    const client = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${app.url}/trpc`, headers: me.headers })] });
    const time = async (fn: () => Promise<unknown>) => {
      for (let i = 0; i < 20; i++) await fn(); // warm-up
      const samples: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const t0 = performance.now();
        await fn();
        samples.push(performance.now() - t0);
      }
      return percentile(samples, 50);
    };
    const t0 = performance.now();
    const stats = await client.analytics.workflow.query({ workflowId: saved.workflowId, days: 30 });
    const firstMs = performance.now() - t0;
    if (stats.runs !== RUNS) throw new Error(`expected ${RUNS} runs in the figures, got ${stats.runs}`);
    sameDropOff(stats.dropOff, (await raw.query(BASELINE_SQL, [saved.workflowId])).rows[0].drop_off, 'first read');
    const sqlP50 = await time(() => raw.query(BASELINE_SQL, [saved.workflowId]));
    const apiP50 = await time(() => client.analytics.workflow.query({ workflowId: saved.workflowId, days: 30 }));
    // Most likely folded by now (the first reads started it); folded or not, the figures must not move.
    const again = await client.analytics.workflow.query({ workflowId: saved.workflowId, days: 30 });
    sameDropOff(again.dropOff, stats.dropOff, 'after folding');
    print({ name: 'analytics.workflow_first_read_ms', value: firstMs, unit: 'ms', note: 'nothing folded yet: every run counted live' });
    const base = { name: 'pg.workflow_figures_sql_p50_ms', value: sqlP50, unit: 'ms' };
    print({ name: 'analytics.workflow_p50_ms', value: apiP50, unit: 'ms', baseline: base, ratio: apiP50 / sqlP50, goal: '<= 100' });
  } finally {
    await bench.close();
  }
}
