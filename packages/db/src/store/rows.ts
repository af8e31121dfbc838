import type { RunCommit, RunRecord, RunStatus, SerializedError, StepRecord, StepStatus, WaitingFor, WorkflowContext } from '@stepwise/engine';

/** workflow_executions as LOAD_RUN_SQL returns it (pg already parsed jsonb and timestamptz). */
export interface ExecutionRow {
  id: string;
  workflow_id: string;
  user_id: string;
  session_id: string;
  status: RunStatus;
  context: WorkflowContext;
  results: Record<string, unknown> | null;
  error: SerializedError | null;
  version: number;
  lease_owner: string | null;
  lease_expires_at: Date | null;
  started_at: Date;
  completed_at: Date | null;
  created_at: Date;
  updated_at: Date;
  steps: StepJson[];
}

/** A step attempt inside jsonb: timestamps are ISO strings here. */
export interface StepJson {
  step_id: string;
  step_type: string;
  attempt: number;
  status: StepStatus;
  waiting_for: WaitingFor | null;
  input_data: unknown;
  output_data: unknown;
  error: SerializedError | null;
  feedback: string | null;
  execution_time_ms: number | null;
  started_at: string | null;
  completed_at: string | null;
}

const date = (value: string | null): Date | null => (value === null ? null : new Date(value));

function stepFromJson(s: StepJson): StepRecord {
  return {
    stepId: s.step_id,
    stepType: s.step_type,
    status: s.status,
    attempt: s.attempt,
    waitingFor: s.waiting_for,
    input: s.input_data ?? null,
    output: s.output_data ?? null,
    error: s.error,
    feedback: s.feedback,
    startedAt: date(s.started_at),
    completedAt: date(s.completed_at),
    durationMs: s.execution_time_ms,
  };
}

function stepToJson(s: StepRecord): StepJson {
  return {
    step_id: s.stepId,
    step_type: s.stepType,
    attempt: s.attempt,
    status: s.status,
    waiting_for: s.waitingFor,
    input_data: s.input ?? null,
    output_data: s.output ?? null,
    error: s.error,
    feedback: s.feedback,
    execution_time_ms: s.durationMs,
    started_at: s.startedAt?.toISOString() ?? null,
    completed_at: s.completedAt?.toISOString() ?? null,
  };
}

/**
 * The attempts with a row to write (attempt 0 = never touched = no row), one per (stepId,
 * attempt), the last one winning (ON CONFLICT cannot touch a row twice).
 */
export function attemptsToWrite(steps: readonly StepRecord[]): StepRecord[] {
  const byKey = new Map<string, StepRecord>();
  for (const step of steps) if (step.attempt > 0) byKey.set(`${step.stepId}\u0000${step.attempt}`, step);
  return [...byKey.values()];
}

/** The `$steps` parameter: the result of `attemptsToWrite` as one jsonb array. */
export function stepsParam(attempts: readonly StepRecord[]): string {
  return JSON.stringify(attempts.map(stepToJson));
}

/** One attempt as the twelve typed step parameters of COMMIT_ONE_STEP_SQL and CREATE_RUN_ONE_STEP_SQL. */
export function stepParams(s: StepRecord): unknown[] {
  return [
    s.stepId,
    s.stepType,
    s.attempt,
    s.status,
    s.waitingFor,
    jsonParam(s.input),
    jsonParam(s.output),
    jsonParam(s.error),
    s.feedback,
    s.durationMs,
    s.startedAt,
    s.completedAt,
  ];
}

/** The typed run parameters $1..$10 of COMMIT_SQL and COMMIT_ONE_STEP_SQL. */
export function commitParams(change: RunCommit): unknown[] {
  const { run } = change;
  return [
    change.runId,
    change.expectedVersion,
    run.status,
    jsonParam(run.context),
    jsonParam(run.results),
    jsonParam(run.error),
    run.leaseOwner,
    run.leaseExpiresAt,
    run.completedAt,
    run.updatedAt,
  ];
}

/**
 * The 23 array parameters of COMMIT_BATCH_SQL: each run column as one array (one element per
 * commit), then each step column as one array led by the 1-based position of the attempt's commit.
 */
export function batchParams(changes: readonly RunCommit[]): unknown[][] {
  const runs: unknown[][] = Array.from({ length: 10 }, () => []);
  const steps: unknown[][] = Array.from({ length: 13 }, () => []);
  for (const [n, change] of changes.entries()) {
    commitParams(change).forEach((value, i) => runs[i]!.push(value));
    for (const attempt of attemptsToWrite(change.steps)) {
      [n + 1, ...stepParams(attempt)].forEach((value, i) => steps[i]!.push(value));
    }
  }
  return [...runs, ...steps];
}

/** A jsonb parameter: JSON text, or SQL NULL for null/undefined (pg would turn arrays into PG arrays). */
export function jsonParam(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

export function runFromRow(row: ExecutionRow, definition: RunRecord['definition']): RunRecord {
  const steps: Record<string, StepRecord> = {};
  for (const s of row.steps) steps[s.step_id] = stepFromJson(s);
  return {
    id: row.id,
    workflowId: row.workflow_id,
    definition,
    userId: row.user_id,
    sessionId: row.session_id,
    status: row.status,
    context: row.context,
    results: row.results,
    error: row.error,
    steps,
    version: row.version,
    leaseOwner: row.lease_owner,
    leaseExpiresAt: row.lease_expires_at,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
