import { z } from 'zod';
import { amount, dec, expected, formulaError, futureValue, toMoney, ZERO } from './money';
import { defineFormula } from './types';

const ratePct = () =>
  z
    .number({ error: expected('a number') })
    .gt(-100, { error: 'must be more than -100' })
    .max(100, { error: 'must be 100 or less' });

/** Whole months in `years`; fractions of a month are refused rather than silently rounded. */
function monthsIn(years: number, param: string): number {
  const months = dec(years).times(12);
  if (!months.isInteger()) throw formulaError(`${param} must come to a whole number of months (e.g. 2.5 or 10)`);
  return months.toNumber();
}

export const compoundGrowth = defineFormula({
  name: 'compound_growth',
  description:
    'Future value of a starting amount plus monthly contributions (made at month end), compounded monthly.',
  params: z.object({
    principal: amount(),
    monthly_contribution: amount().default(0),
    annual_rate_pct: ratePct(),
    years: amount().max(100, { error: 'must be 100 or less' }),
  }),
  outputs: ['future_value', 'total_contributions', 'growth'],
  compute({ principal, monthly_contribution, annual_rate_pct, years }) {
    const months = monthsIn(years, 'years');
    const fv = futureValue(dec(principal), dec(monthly_contribution), dec(annual_rate_pct), months);
    const contributions = dec(principal).plus(dec(monthly_contribution).times(months));
    return {
      future_value: toMoney(fv),
      total_contributions: toMoney(contributions),
      growth: toMoney(fv.minus(contributions)),
    };
  },
});

const age = () => amount().max(120, { error: 'must be 120 or less' });

export const retirementGap = defineFormula({
  name: 'retirement_gap',
  description:
    'Projected savings at retirement versus the nest egg needed for the desired income at a safe withdrawal rate.',
  params: z.object({
    current_age: age(),
    retirement_age: age(),
    current_savings: amount(),
    monthly_contribution: amount().default(0),
    annual_return_pct: ratePct(),
    desired_annual_income: amount(),
    withdrawal_rate_pct: z
      .number({ error: expected('a number') })
      .gt(0, { error: 'must be more than 0' })
      .max(100, { error: 'must be 100 or less' })
      .default(4),
  }),
  outputs: ['projected_savings', 'needed_savings', 'gap', 'on_track', 'years_to_retirement', 'extra_monthly_needed'],
  compute(p) {
    if (p.retirement_age <= p.current_age) throw formulaError('retirement_age must be later than current_age');
    const years = dec(p.retirement_age).minus(p.current_age);
    const months = monthsIn(years.toNumber(), 'retirement_age - current_age');
    const projected = futureValue(dec(p.current_savings), dec(p.monthly_contribution), dec(p.annual_return_pct), months);
    const needed = dec(p.desired_annual_income).dividedBy(dec(p.withdrawal_rate_pct).dividedBy(100));
    const gap = needed.greaterThan(projected) ? needed.minus(projected) : ZERO;
    // The extra monthly saving whose future value closes the gap: gap * r / ((1+r)^n - 1).
    const r = dec(p.annual_return_pct).dividedBy(1200);
    const extra = r.isZero() ? gap.dividedBy(months) : gap.times(r).dividedBy(r.plus(1).pow(months).minus(1));
    return {
      projected_savings: toMoney(projected),
      needed_savings: toMoney(needed),
      gap: toMoney(gap),
      on_track: gap.isZero(),
      years_to_retirement: years.toNumber(),
      extra_monthly_needed: toMoney(extra),
    };
  },
});
