import { describe, expect, it } from 'vitest';
import { FORMULAS, formulaNames, formulaParams } from './index';

describe('FORMULAS', () => {
  it('registers every formula under its own name with declared outputs', () => {
    expect(formulaNames()).toEqual([
      'allocation_drift',
      'compound_growth',
      'emergency_fund',
      'monthly_surplus',
      'retirement_gap',
      'risk_score',
      'tax_loss_harvest',
    ]);
    for (const [name, formula] of Object.entries(FORMULAS)) {
      expect(formula.name).toBe(name);
      expect(formula.outputs.length).toBeGreaterThan(0);
    }
  });

  it('separates required params from optional and defaulted ones', () => {
    expect(formulaParams(FORMULAS.compound_growth!)).toEqual({
      required: ['principal', 'annual_rate_pct', 'years'],
      optional: ['monthly_contribution'],
    });
  });
});
