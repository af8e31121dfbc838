import { describe, expect, it } from 'vitest';
import { StepExecutionError } from '../errors';
import { emergencyFund, monthlySurplus } from './budget';
import { computeFormula } from './index';

describe('monthly_surplus', () => {
  it('subtracts named expenses from income and reports the savings rate', () => {
    const { result } = computeFormula(monthlySurplus, {
      income: 6000,
      expenses: { rent: 2100, groceries: 650.5, transport: 249.5 },
      savings_goal: 2500,
    });
    expect(result).toEqual({ surplus: 3000, total_expenses: 3000, savings_rate_pct: 50, meets_goal: true });
  });

  it('accepts a single amount or a list of amounts', () => {
    expect(computeFormula(monthlySurplus, { income: 1000, expenses: 1200 }).result).toMatchObject({
      surplus: -200,
      savings_rate_pct: -20,
      meets_goal: false,
    });
    expect(computeFormula(monthlySurplus, { income: 1000, expenses: [100, 200] }).result.total_expenses).toBe(300);
  });

  it('sums money exactly where floats drift (0.1 + 0.2 = 0.3)', () => {
    // With floats 0.3 - (0.1 + 0.2) is -5.5e-17, so the goal of 0 would be missed.
    const { result } = computeFormula(monthlySurplus, { income: 0.3, expenses: [0.1, 0.2], savings_goal: 0 });
    expect(result).toMatchObject({ surplus: 0, total_expenses: 0.3, meets_goal: true });
    const tenDimes = computeFormula(monthlySurplus, { income: 1, expenses: Array(10).fill(0.1) });
    expect(tenDimes.result).toMatchObject({ surplus: 0, meets_goal: true });
  });

  it('rounds cents half up (1.005 -> 1.01, where float math gives 1.00)', () => {
    expect(computeFormula(monthlySurplus, { income: 10, expenses: 1.005 }).result.total_expenses).toBe(1.01);
  });

  it('reports a zero savings rate for zero income instead of dividing by zero', () => {
    expect(computeFormula(monthlySurplus, { income: 0, expenses: 0 }).result.savings_rate_pct).toBe(0);
  });

  it('rejects negative expenses and missing income with the param names', () => {
    const run = () => computeFormula(monthlySurplus, { expenses: [-5] });
    expect(run).toThrow(StepExecutionError);
    expect(run).toThrow(/income is required.*expenses\.0 must be 0 or more/);
  });
});

describe('emergency_fund', () => {
  it('targets six months of expenses by default', () => {
    const { result } = computeFormula(emergencyFund, { monthly_expenses: 3000, current_savings: 10000 });
    expect(result).toEqual({ target: 18000, shortfall: 8000, months_covered: 3.33, is_funded: false });
  });

  it('has no shortfall once savings exceed the target', () => {
    const { result } = computeFormula(emergencyFund, { monthly_expenses: 2000, current_savings: 9000, months_target: 3 });
    expect(result).toEqual({ target: 6000, shortfall: 0, months_covered: 4.5, is_funded: true });
  });

  it('rejects zero monthly expenses', () => {
    expect(() => computeFormula(emergencyFund, { monthly_expenses: 0, current_savings: 1 })).toThrow(
      /monthly_expenses must be more than 0/,
    );
  });
});
