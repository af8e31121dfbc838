import { describe, expect, it } from 'vitest';
import { STEP_TYPES } from '../lib/types';
import { AiResultCard } from './AiResultCard';
import { CalculationCard } from './CalculationCard';
import { DecisionCard } from './DecisionCard';
import { FormCard } from './FormCard';
import { stepCards } from './registry';
import { ValidationCard } from './ValidationCard';

describe('stepCards', () => {
  it('maps every step type to its card', () => {
    expect(Object.keys(stepCards).sort()).toEqual([...STEP_TYPES].sort());
    expect(stepCards).toEqual({ data_collection: FormCard, decision: DecisionCard, ai_generated: AiResultCard, validation: ValidationCard, calculation: CalculationCard });
  });
});
