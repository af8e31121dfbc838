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
