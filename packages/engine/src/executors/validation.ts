import { z } from 'zod';
import { celRuleSchema, fieldRuleSchema } from '../definition';
import { ValidationFailedError } from '../errors';
import { celVariablesFor } from '../graph';
import { evaluateRulesWithResults, checkRules, referencedPaths } from '../rules';
import type { StepExecutor } from './types';

const configSchema = z.strictObject({
  /** `field` is a context path: `input.age`, `profile.income`. */
  fields: z.array(fieldRuleSchema).max(200).default([]),
  rules: z.array(celRuleSchema).max(100).default([]),
  /** `fail` stops the run with the problems; `continue` records them in the output. */
  on_failure: z.enum(['fail', 'continue']).default('fail'),
});
export type ValidationConfig = z.output<typeof configSchema>;

export const validationExecutor: StepExecutor<ValidationConfig> = {
  type: 'validation',
  description: 'Checks data from earlier steps with field rules (required, min, max, length, pattern) and CEL rules; fails the run or records the problems.',
  configSchema,
  long: false,

  validate(step, config, ctx) {
    const variables = celVariablesFor(ctx.definition, ctx.registry, step.id, ctx.ancestors);
    return checkRules(config, variables, `${ctx.path}.config`);
  },

  requiredInputs(_step, config) {
    return [...new Set([...config.fields.map((f) => f.field), ...config.rules.flatMap((r) => referencedPaths(r.cel))])];
  },

  outputs() {
    return ['valid', 'errors', 'checked', 'rules'];
  },

  async execute(step, config, ctx) {
    const { errors, results: rules } = evaluateRulesWithResults(config, ctx.context.data);
    const problems = Object.entries(errors).flatMap(([field, messages]) => messages.map((m) => (field === '_' ? m : `${field}: ${m}`)));
    if (problems.length > 0 && config.on_failure === 'fail') {
      const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
      throw new ValidationFailedError(`Validation "${step.id}" found ${count}: ${problems.join('; ')}`, errors, rules);
    }
    const checked = config.fields.length + config.rules.length;
    return { status: 'completed', output: { valid: problems.length === 0, errors, checked, rules } };
  },
};
