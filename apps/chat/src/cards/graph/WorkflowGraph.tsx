// Contract stub: replaced by the real graph in this change.
import type { PlanView } from '../types';

export interface WorkflowGraphProps {
  steps: PlanView['steps'];
  /** Colours nodes by status (progress panel, execution page); omitted on a plan. */
  statuses?: Record<string, string>;
  /** Accessible name of the picture. */
  label?: string;
}

export function WorkflowGraph(_props: WorkflowGraphProps) {
  return null;
}
