import { describe, expect, it } from 'vitest';
import { StepExecutionError } from '../errors';
import { compoundGrowth, retirementGap } from './growth';
import { computeFormula } from './index';

describe('compound_growth', () => {
  it('compounds 10,000 at 6% monthly for 10 years with 100 a month', () => {
    // 10000 * 1.005^120 = 18,193.97; 100 * (1.005^120 - 1) / 0.005 = 16,387.93.
    const { result } = computeFormula(compoundGrowth, {
      principal: 10000,
      monthly_contribution: 100,
      annual_rate_pct: 6,
      years: 10,
    });
    expect(result).toEqual({ future_value: 34581.9, total_contributions: 22000, growth: 12581.9 });
  });

  it('adds contributions without growth at a 0% rate', () => {
    const { result } = computeFormula(compoundGrowth, { principal: 500, monthly_contribution: 50, annual_rate_pct: 0, years: 2 });
    expect(result).toEqual({ future_value: 1700, total_contributions: 1700, growth: 0 });
  });

  it('rejects negative years as a non-retryable error naming the param', () => {
    try {
      computeFormula(compoundGrowth, { principal: 1, annual_rate_pct: 5, years: -1 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(StepExecutionError);
      expect((error as StepExecutionError).retryable).toBe(false);
      expect((error as Error).message).toBe('compound_growth: years must be 0 or more');
    }
  });

  it('refuses a number of years that is not a whole number of months', () => {
    expect(() => computeFormula(compoundGrowth, { principal: 1, annual_rate_pct: 5, years: 1.01 })).toThrow(/whole number of months/);
  });
});

describe('retirement_gap', () => {
  const base = {
    current_age: 35,
    retirement_age: 65,
    current_savings: 50000,
    monthly_contribution: 500,
    annual_return_pct: 6,
    desired_annual_income: 60000,
  };

  it('compares projected savings with the nest egg the 4% rule needs', () => {
    // 50000 * 1.005^360 = 301,128.76; 500 * (1.005^360 - 1) / 0.005 = 502,257.52.
    const { result } = computeFormula(retirementGap, base);
    expect(result).toMatchObject({
      projected_savings: 803386.28,
      needed_savings: 1500000,
      gap: 696613.72,
      on_track: false,
      years_to_retirement: 30,
    });
    // Saving the extra amount each month closes the gap.
    const extra = result.extra_monthly_needed as number;
    const closed = computeFormula(retirementGap, { ...base, monthly_contribution: 500 + extra }).result;
    expect(closed.gap).toBeLessThan(5);
  });

  it('is on track with no gap when savings already suffice', () => {
    const { result } = computeFormula(retirementGap, { ...base, current_savings: 2_000_000 });
    expect(result).toMatchObject({ gap: 0, on_track: true, extra_monthly_needed: 0 });
  });

  it('rejects a retirement age that is not after the current age', () => {
    expect(() => computeFormula(retirementGap, { ...base, retirement_age: 30 })).toThrow(
      'retirement_gap: retirement_age must be later than current_age',
    );
  });
});
