import { z } from 'zod';
import { amount, dec, expected, HUNDRED, percent, sum, toMoney, toPct } from './money';
import { defineFormula } from './types';

const position = z.object({
  symbol: z.string({ error: expected('a text') }).min(1, { error: 'must not be empty' }),
  cost_basis: amount(),
  market_value: amount(),
});

export const taxLossHarvest = defineFormula({
  name: 'tax_loss_harvest',
  description:
    'Positions trading below cost basis by at least min_loss, the total loss that could be realised and the estimated tax saving.',
  params: z.object({
    positions: z.array(position, { error: expected('a list of {symbol, cost_basis, market_value}') }),
    tax_rate_pct: percent(),
    min_loss: amount().default(0),
  }),
  outputs: ['candidates', 'candidate_count', 'total_harvestable_loss', 'estimated_tax_saving'],
  compute({ positions, tax_rate_pct, min_loss }) {
    const losing = positions
      .map((p) => ({ ...p, loss: dec(p.cost_basis).minus(p.market_value) }))
      .filter((p) => p.loss.isPositive() && !p.loss.isZero() && p.loss.greaterThanOrEqualTo(min_loss))
      // Largest loss first; symbol breaks ties so the order is deterministic.
      .sort((a, b) => b.loss.comparedTo(a.loss) || a.symbol.localeCompare(b.symbol));
    const total = sum(losing.map((p) => p.loss));
    return {
      candidates: losing.map((p) => ({
        symbol: p.symbol,
        cost_basis: toMoney(dec(p.cost_basis)),
        market_value: toMoney(dec(p.market_value)),
        loss: toMoney(p.loss),
        loss_pct: toPct(p.loss.dividedBy(p.cost_basis).times(HUNDRED)),
      })),
      candidate_count: losing.length,
      total_harvestable_loss: toMoney(total),
      estimated_tax_saving: toMoney(total.times(tax_rate_pct).dividedBy(HUNDRED)),
    };
  },
});
