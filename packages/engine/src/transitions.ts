import { ConflictError } from './errors';
import type { RunStatus, StepStatus } from './status';

/** Every allowed run transition. Anything not listed here is refused. */
export const RUN_TRANSITIONS: Record<RunStatus, readonly RunStatus[]> = {
  pending: ['running', 'paused', 'cancelled'],
  running: ['waiting_for_input', 'waiting_for_review', 'paused', 'completed', 'failed', 'cancelled'],
  waiting_for_input: ['running', 'waiting_for_review', 'paused', 'cancelled', 'completed', 'failed'],
  waiting_for_review: ['running', 'waiting_for_input', 'paused', 'cancelled', 'completed', 'failed'],
  paused: ['running', 'cancelled'],
  // A failed run can be retried (retryStep) or given up on (cancel).
  failed: ['running', 'cancelled'],
  completed: [],
  cancelled: [],
};

/**
 * Every allowed step transition. pending -> completed/failed/waiting is allowed directly because
 * automatic steps are executed and committed in one transaction (no separate "running" write).
 */
export const STEP_TRANSITIONS: Record<StepStatus, readonly StepStatus[]> = {
  pending: ['running', 'waiting', 'completed', 'failed', 'skipped', 'cancelled'],
  // running -> pending: the lease of a dead process expired and the step is handed to another.
  running: ['waiting', 'completed', 'failed', 'pending', 'cancelled'],
  // waiting -> running: a rejected AI result is produced again.
  waiting: ['completed', 'running', 'pending', 'cancelled'],
  // completed/skipped -> pending: invalidated by a reject upstream.
  completed: ['pending'],
  skipped: ['pending'],
  failed: ['pending', 'cancelled'],
  cancelled: [],
};

export function canTransitionRun(from: RunStatus, to: RunStatus): boolean {
  return from === to || RUN_TRANSITIONS[from].includes(to);
}

export function canTransitionStep(from: StepStatus, to: StepStatus): boolean {
  return from === to || STEP_TRANSITIONS[from].includes(to);
}

export function assertRunTransition(from: RunStatus, to: RunStatus, what = 'run'): void {
  if (!canTransitionRun(from, to)) {
    throw new ConflictError(`The ${what} is ${from.replaceAll('_', ' ')} and cannot become ${to.replaceAll('_', ' ')}`, {
      from,
      to,
    });
  }
}

export function assertStepTransition(stepId: string, from: StepStatus, to: StepStatus): void {
  if (!canTransitionStep(from, to)) {
    throw new ConflictError(`Step "${stepId}" is ${from} and cannot become ${to}`, { stepId, from, to });
  }
}
