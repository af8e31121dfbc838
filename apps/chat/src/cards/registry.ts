// Contract stub: every step type maps to its card (filled in this change).
import type { StepType } from '../lib/types';
import type { StepCard } from './types';

const Pending: StepCard = () => null;

export const stepCards: Record<StepType, StepCard> = {
  data_collection: Pending,
  decision: Pending,
  ai_generated: Pending,
  validation: Pending,
  calculation: Pending,
};
