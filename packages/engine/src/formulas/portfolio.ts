import { z } from 'zod';
import { amountRecord, dec, type Dec, expected, formulaError, HUNDRED, max, percent, sum, toMoney, toPct, ZERO } from './money';
import { defineFormula } from './types';

/** Targets may be off by rounding (33.33 x 3), not by more. */
const TARGET_TOLERANCE = dec(0.01);

export const allocationDrift = defineFormula({
  name: 'allocation_drift',
  description:
    'How far each asset has drifted from its target allocation, whether that passes the threshold, and the trades that restore the targets.',
  params: z.object({
    holdings: amountRecord(),
    targets: z.record(z.string(), percent(), { error: expected('an object of asset names to percentages') }),
    threshold_pct: percent().default(5),
  }),
  outputs: ['total_value', 'current_pct', 'drift_pct', 'max_drift_pct', 'needs_rebalance', 'trades'],
  compute({ holdings, targets, threshold_pct }) {
    const targetSum = sum(Object.values(targets));
    if (targetSum.minus(HUNDRED).abs().greaterThan(TARGET_TOLERANCE)) {
      throw formulaError(`targets must add up to 100% (they add up to ${targetSum.toString()}%)`);
    }
    const total = sum(Object.values(holdings));
    if (total.isZero()) throw formulaError('holdings add up to 0: there is nothing to rebalance');

    const assets = [...new Set([...Object.keys(holdings), ...Object.keys(targets)])].sort();
    const current: Record<string, number> = {};
    const drift: Record<string, number> = {};
    const trades: Record<string, number> = {};
    const drifts: Dec[] = [];
    for (const asset of assets) {
      const value = dec(holdings[asset] ?? 0);
      const target = dec(targets[asset] ?? 0);
      const pct = value.dividedBy(total).times(HUNDRED);
      drifts.push(pct.minus(target).abs());
      current[asset] = toPct(pct);
      drift[asset] = toPct(pct.minus(target));
      // Positive: buy this much; negative: sell.
      trades[asset] = toMoney(total.times(target).dividedBy(HUNDRED).minus(value));
    }
    const maxDrift = max(drifts, ZERO);
    return {
      total_value: toMoney(total),
      current_pct: current,
      drift_pct: drift,
      max_drift_pct: toPct(maxDrift),
      needs_rebalance: maxDrift.greaterThan(threshold_pct),
      trades,
    };
  },
});
