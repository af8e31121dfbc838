export const RUN_STATUSES = [
  'pending',
  'running',
  'waiting_for_input',
  'waiting_for_review',
  'paused',
  'completed',
  'failed',
  'cancelled',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const STEP_STATUSES = ['pending', 'running', 'waiting', 'completed', 'skipped', 'failed', 'cancelled'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export type WaitingFor = 'input' | 'review';

export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ['completed', 'cancelled'];
/** Step statuses that satisfy a dependency. */
export const RESOLVED_STEP_STATUSES: readonly StepStatus[] = ['completed', 'skipped'];
