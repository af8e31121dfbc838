import { describe, expect, it } from 'vitest';
import { computeFormula } from './index';
import { riskScore } from './risk';

describe('risk_score', () => {
  it('averages horizon, loss tolerance and experience into a growth profile', () => {
    // horizon 10/20 = 0.5, tolerance (3-1)/4 = 0.5, experience (5-1)/4 = 1 -> mean 0.667 -> 67.
    const { result } = computeFormula(riskScore, { horizon_years: 10, loss_tolerance: 3, experience: 5 });
    expect(result).toEqual({ score: 67, profile: 'growth', equity_target_pct: 70, bond_target_pct: 30 });
  });

  it('maps questionnaire answers to the profile bands (35 / 55 / 75)', () => {
    const run = (answers: Record<string, number>) => computeFormula(riskScore, { answers }).result;
    expect(run({ q1: 2, q2: 2 })).toMatchObject({ score: 25, profile: 'conservative', equity_target_pct: 30 });
    // (0.5 + 0.25) / 2 = 37.5 -> rounds half up to 38.
    expect(run({ q1: 3, q2: 2 })).toMatchObject({ score: 38, profile: 'moderate', equity_target_pct: 50 });
    expect(run({ q1: 4, q2: 3 })).toMatchObject({ score: 63, profile: 'growth' });
    expect(run({ q1: 5, q2: 4 })).toMatchObject({ score: 88, profile: 'aggressive', bond_target_pct: 10 });
  });

  it('caps long horizons so 40 years scores like 20', () => {
    const long = computeFormula(riskScore, { horizon_years: 40 }).result;
    expect(long).toMatchObject({ score: 100, profile: 'aggressive', equity_target_pct: 90 });
  });

  it('rejects answers outside 1-5 and an empty questionnaire', () => {
    expect(() => computeFormula(riskScore, { answers: { q1: 6 } })).toThrow(/answers\.q1 must be from 1 to 5/);
    expect(() => computeFormula(riskScore, {})).toThrow(/give answers or at least one/);
  });
});
