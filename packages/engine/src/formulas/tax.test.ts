import { describe, expect, it } from 'vitest';
import { computeFormula } from './index';
import { taxLossHarvest } from './tax';

describe('tax_loss_harvest', () => {
  const positions = [
    { symbol: 'XYZ', cost_basis: 500, market_value: 450 },
    { symbol: 'ABC', cost_basis: 10000, market_value: 7500 },
    { symbol: 'GAIN', cost_basis: 100, market_value: 200 },
    { symbol: 'DEF', cost_basis: 3000.1, market_value: 2000.2 },
  ];

  it('lists positions below cost by at least min_loss, largest loss first', () => {
    const { result } = computeFormula(taxLossHarvest, { positions, tax_rate_pct: 24, min_loss: 100 });
    expect(result.candidates).toEqual([
      { symbol: 'ABC', cost_basis: 10000, market_value: 7500, loss: 2500, loss_pct: 25 },
      { symbol: 'DEF', cost_basis: 3000.1, market_value: 2000.2, loss: 999.9, loss_pct: 33.33 },
    ]);
    // 3499.90 * 24% = 839.976 -> 839.98
    expect(result).toMatchObject({ candidate_count: 2, total_harvestable_loss: 3499.9, estimated_tax_saving: 839.98 });
  });

  it('finds nothing to harvest when every position is at a gain', () => {
    const { result } = computeFormula(taxLossHarvest, { positions: [positions[2]], tax_rate_pct: 30 });
    expect(result).toMatchObject({ candidates: [], candidate_count: 0, total_harvestable_loss: 0, estimated_tax_saving: 0 });
  });

  it('rejects a tax rate over 100% and positions without a symbol', () => {
    expect(() => computeFormula(taxLossHarvest, { positions: [], tax_rate_pct: 120 })).toThrow(/tax_rate_pct must be 100 or less/);
    expect(() =>
      computeFormula(taxLossHarvest, { positions: [{ cost_basis: 1, market_value: 1 }], tax_rate_pct: 10 }),
    ).toThrow(/positions\.0\.symbol is required/);
  });
});
