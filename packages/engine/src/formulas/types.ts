import type { z } from 'zod';

export type FormulaValue = number | string | boolean | object;
export type FormulaResult = Record<string, FormulaValue>;

/**
 * A deterministic finance calculation. `params` validates the resolved parameter values;
 * `compute` may still throw StepExecutionError for checks that span several params.
 */
export interface Formula<S extends z.ZodObject = z.ZodObject> {
  readonly name: string;
  readonly description: string;
  readonly params: S;
  readonly outputs: readonly string[];
  // Method syntax keeps formulas with different params assignable to Formula.
  compute(params: z.output<S>): FormulaResult;
}

export function defineFormula<S extends z.ZodObject>(formula: Formula<S>): Formula<S> {
  return formula;
}
