import type { z } from 'zod';
import { StepExecutionError } from '../errors';
import { emergencyFund, monthlySurplus } from './budget';
import { compoundGrowth, retirementGap } from './growth';
import { allocationDrift } from './portfolio';
import { riskScore } from './risk';
import { taxLossHarvest } from './tax';
import type { Formula, FormulaResult } from './types';

export type { Formula, FormulaResult, FormulaValue } from './types';

/** Formulas by name. A new formula is one `defineFormula` plus one line here. */
export const FORMULAS: Record<string, Formula> = Object.fromEntries(
  [monthlySurplus, emergencyFund, compoundGrowth, retirementGap, allocationDrift, riskScore, taxLossHarvest].map(
    (f) => [f.name, f as Formula],
  ),
);

export function formulaNames(): string[] {
  return Object.keys(FORMULAS).sort();
}

/** Which params a formula needs (no default) and which it may take. */
export function formulaParams(formula: Formula): { required: string[]; optional: string[] } {
  const required: string[] = [];
  const optional: string[] = [];
  for (const [name, schema] of Object.entries(formula.params.shape)) {
    ((schema as z.ZodType).safeParse(undefined).success ? optional : required).push(name);
  }
  return { required, optional };
}

/**
 * Checks the resolved params and computes. Bad values throw a non-retryable
 * StepExecutionError whose message names each offending param.
 */
export function computeFormula(
  formula: Formula,
  params: Record<string, unknown>,
): { params: Record<string, unknown>; result: FormulaResult } {
  const parsed = formula.params.safeParse(params);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'params'} ${i.message}`);
    throw new StepExecutionError(`${formula.name}: ${problems.join('; ')}`, {
      retryable: false,
      details: { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) },
    });
  }
  const values = parsed.data as Record<string, unknown>;
  try {
    return { params: values, result: formula.compute(values) };
  } catch (error) {
    if (error instanceof StepExecutionError) {
      throw new StepExecutionError(`${formula.name}: ${error.message}`, { retryable: false });
    }
    throw error;
  }
}
