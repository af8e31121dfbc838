// Contract stub: replaced by the real plan card in this change.
import type { PlanView } from './types';

export interface PlanCardProps {
  plan: PlanView;
  onStart?: () => void | Promise<unknown>;
  /** Puts "Change …" into the chat composer so the person says what to change. */
  onChange?: () => void;
  onSaveTemplate?: () => void | Promise<unknown>;
}

export function PlanCard(_props: PlanCardProps) {
  return null;
}
