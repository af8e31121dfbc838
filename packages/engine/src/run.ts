import type { WorkflowContext } from './context';
import type { WorkflowDefinition } from './definition';
import type { SerializedError } from './errors';
import type { RunStatus, StepStatus, WaitingFor } from './status';

/** One attempt of one step. A step that runs again (reject, retry, invalidation) gets a new attempt. */
export interface StepRecord {
  stepId: string;
  stepType: string;
  status: StepStatus;
  /** 1-based; 0 means the step has never been touched and has no stored row. */
  attempt: number;
  waitingFor: WaitingFor | null;
  input: unknown;
  /** For a step waiting for review: the proposal. For a completed step: its output. */
  output: unknown;
  error: SerializedError | null;
  /** Reviewer feedback this attempt was produced with (AI steps) or that rejected it. */
  feedback: string | null;
  startedAt: Date | null;
  completedAt: Date | null;
  durationMs: number | null;
}

export interface RunRecord {
  id: string;
  /** The stored definition version this run executes (never changes after start). */
  workflowId: string;
  definition: WorkflowDefinition;
  userId: string;
  sessionId: string;
  status: RunStatus;
  context: WorkflowContext;
  results: Record<string, unknown> | null;
  error: SerializedError | null;
  /** Latest attempt of every step of the definition. */
  steps: Record<string, StepRecord>;
  /** Optimistic-concurrency counter: every commit increments it by one. */
  version: number;
  leaseOwner: string | null;
  leaseExpiresAt: Date | null;
  startedAt: Date;
  completedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export function pendingStep(stepId: string, stepType: string): StepRecord {
  return {
    stepId,
    stepType,
    status: 'pending',
    attempt: 0,
    waitingFor: null,
    input: null,
    output: null,
    error: null,
    feedback: null,
    startedAt: null,
    completedAt: null,
    durationMs: null,
  };
}

/** The run-level fields a commit writes. */
export type RunPatch = Pick<
  RunRecord,
  'status' | 'context' | 'results' | 'error' | 'leaseOwner' | 'leaseExpiresAt' | 'completedAt' | 'updatedAt'
>;

/** One atomic change of a run: the run row plus the step attempts that changed, or nothing. */
export interface RunCommit {
  runId: string;
  expectedVersion: number;
  run: RunPatch;
  /** Step attempts to insert or update, keyed by (stepId, attempt). */
  steps: StepRecord[];
  /** The run's definition (never written: a store that needs it, e.g. to know which fields to encrypt, need not load the run). */
  definition?: WorkflowDefinition;
}
