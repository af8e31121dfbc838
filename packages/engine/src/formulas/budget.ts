import { z } from 'zod';
import { amount, dec, expected, formulaError, HUNDRED, round2, sum, toMoney, toPct, ZERO } from './money';
import { defineFormula } from './types';

const expensesSchema = z.union([amount(), z.array(amount()), z.record(z.string(), amount())], {
  error: expected('an amount, a list of amounts or an object of names to amounts'),
});

export const monthlySurplus = defineFormula({
  name: 'monthly_surplus',
  description:
    'Monthly income minus expenses (one amount, a list or named amounts); savings rate and whether a savings goal is met.',
  params: z.object({
    income: amount(),
    expenses: expensesSchema,
    savings_goal: amount().optional(),
  }),
  outputs: ['surplus', 'total_expenses', 'savings_rate_pct', 'meets_goal'],
  compute({ income, expenses, savings_goal }) {
    const list = typeof expenses === 'number' ? [expenses] : Array.isArray(expenses) ? expenses : Object.values(expenses);
    const totalExpenses = sum(list);
    const surplus = dec(income).minus(totalExpenses);
    const rate = income === 0 ? ZERO : surplus.dividedBy(income).times(HUNDRED);
    return {
      surplus: toMoney(surplus),
      total_expenses: toMoney(totalExpenses),
      savings_rate_pct: toPct(rate),
      // Without a goal, "meets goal" means not spending more than comes in.
      meets_goal: surplus.greaterThanOrEqualTo(savings_goal ?? 0),
    };
  },
});

export const emergencyFund = defineFormula({
  name: 'emergency_fund',
  description: 'Emergency fund target (months of expenses), the shortfall and how many months current savings cover.',
  params: z.object({
    monthly_expenses: amount(),
    current_savings: amount(),
    months_target: amount().default(6),
  }),
  outputs: ['target', 'shortfall', 'months_covered', 'is_funded'],
  compute({ monthly_expenses, current_savings, months_target }) {
    if (monthly_expenses <= 0) throw formulaError('monthly_expenses must be more than 0');
    if (months_target <= 0) throw formulaError('months_target must be more than 0');
    const target = dec(monthly_expenses).times(months_target);
    const savings = dec(current_savings);
    const shortfall = target.minus(savings);
    return {
      target: toMoney(target),
      shortfall: toMoney(shortfall.isNegative() ? ZERO : shortfall),
      months_covered: round2(savings.dividedBy(monthly_expenses)),
      is_funded: savings.greaterThanOrEqualTo(target),
    };
  },
});
