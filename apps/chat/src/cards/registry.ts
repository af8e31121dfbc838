import type { StepType } from '../lib/types';
import { AiResultCard } from './AiResultCard';
import { CalculationCard } from './CalculationCard';
import { DecisionCard } from './DecisionCard';
import { FormCard } from './FormCard';
import type { StepCard } from './types';
import { ValidationCard } from './ValidationCard';

/** Every step type's card; a new step type is one card file and one line here. */
export const stepCards: Record<StepType, StepCard> = {
  data_collection: FormCard,
  decision: DecisionCard,
  ai_generated: AiResultCard,
  validation: ValidationCard,
  calculation: CalculationCard,
};
