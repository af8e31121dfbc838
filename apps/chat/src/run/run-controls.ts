import type { RunStatus } from '../lib/types';

export type RunControl = 'pause' | 'resume' | 'cancel';

/** Which controls a run in each status accepts (the engine's run transitions, seen from the buttons). */
const ALLOWED: Record<RunStatus, readonly RunControl[]> = {
  pending: ['pause', 'cancel'],
  running: ['pause', 'cancel'],
  waiting_for_input: ['pause', 'cancel'],
  waiting_for_review: ['pause', 'cancel'],
  paused: ['resume', 'cancel'],
  failed: ['cancel'],
  completed: [],
  cancelled: [],
};

export const canControl = (status: RunStatus, control: RunControl) => ALLOWED[status].includes(control);
