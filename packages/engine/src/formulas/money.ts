import Decimal from 'decimal.js';
import { z } from 'zod';
import { StepExecutionError } from '../errors';

/**
 * All formula arithmetic runs on decimals (never floats). Money and percentages are rounded
 * to 2 decimals with ROUND_HALF_UP (half away from zero, as on bank statements), only at
 * the end; intermediate values keep 40 significant digits.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;

export const ZERO = new Dec(0);
export const HUNDRED = new Dec(100);

export function dec(value: number): Dec {
  return new Dec(value);
}

/** Rounds to 2 decimals (half up) and returns a JS number (`-0` becomes `0`). */
export function round2(value: Dec): number {
  return value.toDecimalPlaces(2, Dec.ROUND_HALF_UP).toNumber() || 0;
}

/** Money is returned in cents precision. */
export const toMoney = round2;
/** Percentages use the same 2-decimal rounding as money. */
export const toPct = round2;

export function sum(values: Iterable<number | Dec>): Dec {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

export function max(values: Iterable<Dec>, start: Dec = ZERO): Dec {
  let best = start;
  for (const v of values) if (v.greaterThan(best)) best = v;
  return best;
}

/** A bad value a person can fix: not retryable, plain message. */
export function formulaError(message: string): StepExecutionError {
  return new StepExecutionError(message, { retryable: false });
}

/**
 * Future value with monthly compounding; contributions are made at the end of each month
 * (ordinary annuity): FV = P(1+r)^n + C((1+r)^n - 1)/r, or P + Cn when r = 0.
 */
export function futureValue(principal: Dec, monthly: Dec, annualRatePct: Dec, months: number): Dec {
  const r = annualRatePct.dividedBy(1200);
  if (r.isZero()) return principal.plus(monthly.times(months));
  const growth = r.plus(1).pow(months);
  return principal.times(growth).plus(monthly.times(growth.minus(1)).dividedBy(r));
}

/** Zod error text: "is required" when the value is missing, else "must be <what>". */
export function expected(what: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`);
}

// Param schemas with messages a person understands.
export const amount = () =>
  z.number({ error: expected('a number') }).min(0, { error: 'must be 0 or more' });
export const percent = () =>
  z
    .number({ error: expected('a number') })
    .min(0, { error: 'must be 0 or more' })
    .max(100, { error: 'must be 100 or less' });
export const amountRecord = () =>
  z.record(z.string(), amount(), { error: expected('an object of names to amounts') });
