import { z } from 'zod';
import { celErrorMessage, evaluateCel } from '../cel';
import type { WorkflowStep } from '../definition';
import { type DefinitionIssue, StepExecutionError } from '../errors';
import { computeFormula, FORMULAS, formulaNames, formulaParams } from '../formulas';
import { celVariablesFor } from '../graph';
import { celIssue, referencedPaths } from '../rules';
import type { StepExecutor } from './types';

const configSchema = z.strictObject({
  /** A key of FORMULAS. */
  formula: z.string().min(1).max(100),
  /** Formula param -> CEL expression over the context data (`input.age`, `budget.income * 12`). */
  inputs: z.record(z.string(), z.string().min(1).max(2000)).default({}),
});
export type CalculationConfig = z.output<typeof configSchema>;

export const calculationExecutor: StepExecutor<CalculationConfig> = {
  type: 'calculation',
  description: `Runs a deterministic finance formula on values from earlier steps (config.inputs maps each param to a CEL expression). Formulas: ${formulaSignatures()}.`,
  configSchema,
  long: false,

  validate(step, config, ctx) {
    const formula = FORMULAS[config.formula];
    if (!formula) {
      return [issue('invalid_config', `${ctx.path}.config.formula`, `unknown formula "${config.formula}"; known formulas: ${formulaNames().join(', ')}`)];
    }
    const { required, optional } = formulaParams(formula);
    const issues: DefinitionIssue[] = [];
    const missing = required.filter((p) => !(p in config.inputs));
    if (missing.length > 0) {
      issues.push(issue('invalid_config', `${ctx.path}.config.inputs`, `${formula.name} needs an input for ${missing.join(', ')}`));
    }
    const known = new Set([...required, ...optional]);
    const variables = celVariablesFor(ctx.definition, ctx.registry, step.id, ctx.ancestors);
    for (const [param, expression] of Object.entries(config.inputs)) {
      const path = `${ctx.path}.config.inputs.${param}`;
      if (!known.has(param)) {
        issues.push(issue('invalid_config', path, `${formula.name} has no param "${param}"; its params are ${[...known].join(', ')}`));
        continue;
      }
      const celProblem = celIssue(expression, variables, path);
      if (celProblem) issues.push(celProblem);
    }
    return issues;
  },

  requiredInputs(_step, config) {
    return [...new Set(Object.values(config.inputs).flatMap(referencedPaths))];
  },

  outputs(_step, config) {
    return [...(FORMULAS[config.formula]?.outputs ?? [])];
  },

  async execute(step, config, ctx) {
    const formula = FORMULAS[config.formula];
    if (!formula) throw new StepExecutionError(`Step "${step.id}" uses an unknown formula "${config.formula}"`);
    const resolved: Record<string, unknown> = {};
    for (const [param, expression] of Object.entries(config.inputs)) {
      resolved[param] = resolveInput(step, param, expression, ctx.context.data);
    }
    const { params, result } = computeFormula(formula, resolved);
    return { status: 'completed', output: result, input: params };
  },
};

function resolveInput(step: WorkflowStep, param: string, expression: string, data: Record<string, unknown>): unknown {
  let value: unknown;
  try {
    value = evaluateCel(expression, data);
  } catch (error) {
    throw new StepExecutionError(`Step "${step.id}": could not work out "${param}" from \`${expression}\`: ${celErrorMessage(error)}`, {
      details: { param, expression },
    });
  }
  if (value === undefined || value === null) {
    throw new StepExecutionError(`Step "${step.id}": "${param}" from \`${expression}\` has no value`, {
      details: { param, expression },
    });
  }
  return value;
}

/** `compound_growth(principal, annual_rate_pct, years, monthly_contribution?)` for each formula. */
function formulaSignatures(): string {
  return formulaNames()
    .map((name) => {
      const { required, optional } = formulaParams(FORMULAS[name]!);
      return `${name}(${[...required, ...optional.map((p) => `${p}?`)].join(', ')})`;
    })
    .join('; ');
}

function issue(code: DefinitionIssue['code'], path: string, message: string): DefinitionIssue {
  return { code, path, message };
}
