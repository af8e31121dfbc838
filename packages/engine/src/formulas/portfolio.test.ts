import { describe, expect, it } from 'vitest';
import { computeFormula } from './index';
import { allocationDrift } from './portfolio';

describe('allocation_drift', () => {
  it('finds a 10-point drift on a 70/30 portfolio targeting 60/40 and the trades to fix it', () => {
    const { result } = computeFormula(allocationDrift, {
      holdings: { stocks: 70000, bonds: 30000 },
      targets: { stocks: 60, bonds: 40 },
      threshold_pct: 5,
    });
    expect(result).toEqual({
      total_value: 100000,
      current_pct: { bonds: 30, stocks: 70 },
      drift_pct: { bonds: -10, stocks: 10 },
      max_drift_pct: 10,
      needs_rebalance: true,
      trades: { bonds: 10000, stocks: -10000 },
    });
  });

  it('stays put within the threshold and buys assets that are targeted but not held', () => {
    const { result } = computeFormula(allocationDrift, {
      holdings: { us: 51000, intl: 29000, bonds: 19000 },
      targets: { us: 50, intl: 30, bonds: 18, cash: 2 },
    });
    expect(result.needs_rebalance).toBe(false);
    expect(result.max_drift_pct).toBe(2);
    expect(result.trades).toEqual({ bonds: -1180, cash: 1980, intl: 700, us: -1500 });
  });

  it('accepts targets that miss 100 only by rounding', () => {
    const { result } = computeFormula(allocationDrift, {
      holdings: { a: 100, b: 100, c: 100 },
      targets: { a: 33.33, b: 33.33, c: 33.33 },
    });
    expect(result.needs_rebalance).toBe(false);
  });

  it('rejects targets that do not add up to 100%', () => {
    expect(() =>
      computeFormula(allocationDrift, { holdings: { a: 1 }, targets: { a: 60, b: 30 } }),
    ).toThrow('allocation_drift: targets must add up to 100% (they add up to 90%)');
  });

  it('rejects an empty portfolio and negative holdings', () => {
    expect(() => computeFormula(allocationDrift, { holdings: { a: 0 }, targets: { a: 100 } })).toThrow(/nothing to rebalance/);
    expect(() => computeFormula(allocationDrift, { holdings: { a: -5 }, targets: { a: 100 } })).toThrow(
      /holdings\.a must be 0 or more/,
    );
  });
});
