import type { StepRunStats, WorkflowRunStats } from '@stepwise/engine';
import type pg from 'pg';
import { RUN_TOTALS_SQL, STEP_COUNTS_SQL, STEP_STATS_SQL } from './run-stats-sql';

/** A run still waiting at a step after this many days has been left there. */
export const ABANDON_AFTER_DAYS = 7;

interface StepRow {
  step_id: string;
  attempts: number;
  rejected: number;
  accepted: number;
  p50: number | null;
  p95: number | null;
  reached: number;
  completed: number;
  failed: number;
  skipped: number;
  abandoned: number;
  approve_p50: number | null;
}

interface CountRow {
  step_id: string;
  kind: 'feedback' | 'failure' | 'branch';
  key: string;
  n: number;
}

/** What the runs of one workflow version did over the last `days`: three aggregate queries, run at once. */
export async function gatherRunStats(pool: pg.Pool, versionId: string, days: number, abandonAfterDays = ABANDON_AFTER_DAYS): Promise<WorkflowRunStats> {
  const [totals, steps, counts] = await Promise.all([
    pool.query<{ started: number; completed: number; failed: number; cancelled: number }>(RUN_TOTALS_SQL, [versionId, days]),
    pool.query<StepRow>(STEP_STATS_SQL, [versionId, days, abandonAfterDays]),
    pool.query<CountRow>(STEP_COUNTS_SQL, [versionId, days]),
  ]);
  const t = totals.rows[0]!;
  const countsOf = (stepId: string, kind: CountRow['kind']) => counts.rows.filter((c) => c.step_id === stepId && c.kind === kind);
  return {
    days,
    abandonAfterDays,
    runs: { ...t, inProgress: t.started - t.completed - t.failed - t.cancelled },
    steps: steps.rows.map(
      (r): StepRunStats => ({
        stepId: r.step_id,
        reached: r.reached,
        completed: r.completed,
        failed: r.failed,
        skipped: r.skipped,
        attempts: r.attempts,
        rejected: r.rejected,
        accepted: r.accepted,
        feedback: countsOf(r.step_id, 'feedback').map((c) => ({ text: c.key, count: c.n })),
        approveMsP50: r.approve_p50,
        durationMs: { p50: r.p50, p95: r.p95 },
        abandoned: r.abandoned,
        failureCodes: countsOf(r.step_id, 'failure').map((c) => ({ code: c.key, count: c.n })),
        branches: Object.fromEntries(countsOf(r.step_id, 'branch').map((c) => [c.key, c.n])),
      }),
    ),
  };
}
