import type { RunRecord, StepRecord } from './run';
import type { SerializedError } from './errors';
import type { RunStatus, WaitingFor } from './status';

interface EventBase {
  runId: string;
  userId: string;
  /** The run version the event was committed in; events of one run are ordered by (seq, index). */
  seq: number;
  index: number;
  at: string;
}

export interface RunStatusEvent extends EventBase {
  type: 'run.status';
  status: RunStatus;
  previous: RunStatus | null;
  error?: SerializedError | null;
}

export type StepEventType =
  | 'step.started'
  | 'step.waiting'
  | 'step.completed'
  | 'step.failed'
  | 'step.skipped'
  | 'step.cancelled'
  | 'step.reset';

export interface StepEvent extends EventBase {
  type: StepEventType;
  stepId: string;
  stepType: string;
  attempt: number;
  waitingFor?: WaitingFor | null;
  error?: SerializedError | null;
  /** How long a finished attempt took (its own record, so right whichever process started it). */
  durationMs?: number | null;
}

/** Progress text of a long step (not stored; live only). */
export interface StepProgressEvent extends Omit<EventBase, 'seq' | 'index'> {
  type: 'step.progress';
  stepId: string;
  text: string;
}

export type EngineEvent = RunStatusEvent | StepEvent | StepProgressEvent;
export type EngineEventType = EngineEvent['type'];
export type EventListener = (event: EngineEvent) => void;

const STEP_EVENT: Record<StepRecord['status'], StepEventType> = {
  pending: 'step.reset',
  running: 'step.started',
  waiting: 'step.waiting',
  completed: 'step.completed',
  failed: 'step.failed',
  skipped: 'step.skipped',
  cancelled: 'step.cancelled',
};

/** The events one commit produced: each changed step (latest attempt), then the run's status. */
export function stepEventsOf(before: RunRecord, after: RunRecord, changed: StepRecord[]): EngineEvent[] {
  const base = { runId: after.id, userId: after.userId, seq: after.version, at: after.updatedAt.toISOString() };
  const events: EngineEvent[] = [];
  for (const record of changed) {
    if (after.steps[record.stepId] !== record) continue; // an older attempt being closed
    const prev = before.steps[record.stepId];
    if (prev && prev.attempt === record.attempt && prev.status === record.status) continue;
    events.push({
      ...base,
      index: events.length,
      type: STEP_EVENT[record.status],
      stepId: record.stepId,
      stepType: record.stepType,
      attempt: record.attempt,
      waitingFor: record.waitingFor,
      error: record.error,
      durationMs: record.durationMs,
    });
  }
  if (before.status !== after.status) {
    events.push({ ...base, index: events.length, type: 'run.status', status: after.status, previous: before.status, error: after.error });
  }
  return events;
}
