import { randomUUID } from 'node:crypto';
import type pg from 'pg';

/** One step attempt of a seeded run; `ms` is its execution time, `started` false for steps never begun. */
export interface SeedAttempt {
  step: string;
  type: string;
  status: string;
  attempt?: number;
  waitingFor?: 'input' | 'review';
  error?: { code: string; message: string };
  feedback?: string;
  output?: unknown;
  ms?: number;
  started?: boolean;
}

export interface SeedRun {
  status: string;
  /** Days before now the run (and its attempts) started. */
  ago: number;
  attempts: SeedAttempt[];
}

/** Inserts runs and their attempts directly (two statements), like the engine would have left them. */
export async function seedRuns(pool: pg.Pool, versionId: string, userId: string, runs: SeedRun[]): Promise<string[]> {
  const withIds = runs.map((r) => ({ ...r, id: randomUUID() }));
  await pool.query(
    `insert into workflow_executions (id, workflow_id, user_id, session_id, status, context, created_at, started_at, completed_at)
     select r.id, $1, $2, 'seed', r.status, '{}'::jsonb, now() - r.ago * interval '1 day', now() - r.ago * interval '1 day',
            case when r.status in ('completed', 'failed', 'cancelled') then now() - r.ago * interval '1 day' end
       from jsonb_to_recordset($3::jsonb) as r(id uuid, status text, ago float8)`,
    [versionId, userId, JSON.stringify(withIds.map(({ id, status, ago }) => ({ id, status, ago })))],
  );
  const attempts = withIds.flatMap((r) =>
    r.attempts.map((a) => ({
      run: r.id,
      step: a.step,
      type: a.type,
      attempt: a.attempt ?? 1,
      status: a.status,
      waiting_for: a.waitingFor ?? null,
      error: a.error ?? null,
      feedback: a.feedback ?? null,
      output: a.output ?? null,
      ms: a.ms ?? null,
      started: a.started ?? a.status !== 'skipped',
      ago: r.ago,
    })),
  );
  await pool.query(
    `insert into workflow_step_executions
       (execution_id, step_id, step_type, attempt, status, waiting_for, error, feedback, output_data, execution_time_ms, started_at, completed_at)
     select s.run, s.step, s.type, s.attempt, s.status, s.waiting_for, s.error, s.feedback, s.output, s.ms,
            case when s.started then now() - s.ago * interval '1 day' end,
            case when s.status in ('completed', 'failed', 'skipped', 'cancelled') then now() - s.ago * interval '1 day' end
       from jsonb_to_recordset($1::jsonb)
         as s(run uuid, step text, type text, attempt int, status text, waiting_for text, error jsonb, feedback text, output jsonb, ms int, started boolean, ago float8)`,
    [JSON.stringify(attempts)],
  );
  return withIds.map((r) => r.id);
}

/** PostgreSQL's percentile_cont: linear between the two nearest ranks. */
export function percentileCont(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
