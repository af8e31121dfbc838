import type { RunRecord, SerializedError, StepRecord } from '@stepwise/engine';
import type { RunSealer } from '@stepwise/db';
import type pg from 'pg';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function stepView(record: StepRecord, run: RunRecord) {
  const step = run.definition.steps.find((s) => s.id === record.stepId);
  return {
    stepId: record.stepId,
    name: step?.name ?? record.stepId,
    description: step?.description ?? '',
    type: record.stepType,
    dependencies: step?.dependencies ?? [],
    status: record.status,
    attempt: record.attempt,
    waitingFor: record.waitingFor,
    /** A waiting form's spec, an AI proposal under review, or a completed step's output. */
    output: record.output as unknown,
    error: record.error,
    feedback: record.feedback,
    startedAt: iso(record.startedAt),
    completedAt: iso(record.completedAt),
    durationMs: record.durationMs,
  };
}

/** What the API returns for an execution: plain JSON, steps in definition order. */
export function executionView(run: RunRecord) {
  return {
    id: run.id,
    workflowVersionId: run.workflowId,
    workflowName: run.definition.name,
    status: run.status,
    version: run.version,
    input: (run.context.data.input ?? {}) as Record<string, unknown>,
    data: run.context.data,
    results: run.results,
    error: run.error,
    /** Model spend so far, what was approved beyond the caps, and why the run is paused at one (if it is). */
    budget: run.context.budget ?? null,
    startedAt: iso(run.startedAt),
    completedAt: iso(run.completedAt),
    updatedAt: iso(run.updatedAt),
    steps: run.definition.steps.map((s) => stepView(run.steps[s.id]!, run)),
  };
}

export type ExecutionView = ReturnType<typeof executionView>;

/** Every stored attempt of every step (the execution timeline), oldest first, sensitive fields opened. */
export async function stepAttempts(pool: pg.Pool, sealer: RunSealer, runId: string) {
  const { rows } = await pool.query(
    `select step_id, step_type, attempt, status, waiting_for, input_data, output_data, error, feedback,
            execution_time_ms, started_at, completed_at
       from workflow_step_executions where execution_id = $1
      order by coalesce(started_at, created_at), step_id, attempt`,
    [runId],
  );
  return rows.map((r) => sealer.openStep(runId, {
    stepId: r.step_id as string,
    type: r.step_type as string,
    attempt: r.attempt as number,
    status: r.status as StepRecord['status'],
    waitingFor: r.waiting_for as StepRecord['waitingFor'],
    input: r.input_data as unknown,
    output: r.output_data as unknown,
    error: r.error as SerializedError | null,
    feedback: r.feedback as string | null,
    durationMs: r.execution_time_ms as number | null,
    startedAt: iso(r.started_at as Date | null),
    completedAt: iso(r.completed_at as Date | null),
  }));
}
