import { z } from 'zod';
import type { CelVariables } from '../cel';
import { type DefinitionIssue, type FieldErrors, InvalidInputError } from '../errors';
import { celVariablesFor } from '../graph';
import { compileJsonSchema } from '../json-schema';
import { addFieldErrors, checkRules, evaluateRules, referencedPaths } from '../rules';
import type { StepExecutor } from './types';

const configSchema = z.strictObject({
  /** JSON Schema of the answers: `type: "object"` with one property per form field. */
  schema: z.record(z.string(), z.unknown()),
  /** Presentation hints for the form (widgets, order, help text); the engine does not read it. */
  ui_schema: z.record(z.string(), z.unknown()).default({}),
  submit_label: z.string().min(1).max(100).default('Submit'),
});
export type DataCollectionConfig = z.output<typeof configSchema>;

function formFields(config: DataCollectionConfig): string[] {
  const properties = config.schema.properties;
  return properties && typeof properties === 'object' && !Array.isArray(properties) ? Object.keys(properties) : [];
}

/** Form fields are top-level variables in the step's rules, next to `input` and ancestor steps. */
function ruleVariables(fields: readonly string[], base: CelVariables): CelVariables {
  return { ...base, ...Object.fromEntries(fields.filter((f) => CEL_IDENTIFIER.test(f)).map((f) => [f, null])) };
}
const CEL_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const dataCollectionExecutor: StepExecutor<DataCollectionConfig> = {
  type: 'data_collection',
  description: 'Shows a form (JSON Schema) and waits for a person to fill it in; answers are checked against the schema and the validation rules.',
  configSchema,
  long: false,

  validate(step, config, ctx) {
    const at = `${ctx.path}.config.schema`;
    const compiled = compileJsonSchema(config.schema);
    if (!compiled.ok) return [{ code: 'invalid_json_schema', path: at, message: compiled.message }];
    const issues: DefinitionIssue[] = [];
    const properties = config.schema.properties;
    if (config.schema.type !== 'object' || !properties || typeof properties !== 'object' || Array.isArray(properties)) {
      issues.push({ code: 'invalid_json_schema', path: at, message: 'a form schema must have "type": "object" and a "properties" object with one entry per field' });
    }
    if (step.validation_rules) {
      const variables = ruleVariables(formFields(config), celVariablesFor(ctx.definition, ctx.registry, step.id, ctx.ancestors));
      issues.push(...checkRules(step.validation_rules, variables, `${ctx.path}.validation_rules`));
    }
    return issues;
  },

  requiredInputs(step, config) {
    const own = new Set(formFields(config));
    const rules = step.validation_rules?.rules ?? [];
    return [...new Set(rules.flatMap((r) => referencedPaths(r.cel)))].filter((p) => !own.has(p.split('.')[0] ?? ''));
  },

  outputs(_step, config) {
    return formFields(config);
  },

  async execute(_step, config) {
    return { status: 'waiting', waitingFor: 'input', output: { schema: config.schema, ui_schema: config.ui_schema, submit_label: config.submit_label } };
  },

  submit(step, config, submission, ctx) {
    if (submission === null || typeof submission !== 'object' || Array.isArray(submission)) {
      throw new InvalidInputError('Some answers need fixing', { _: ['answers must be an object with one entry per field'] });
    }
    const answers = { ...(submission as Record<string, unknown>) };
    const compiled = compileJsonSchema(config.schema);
    // Definitions are validated before they run, so an invalid schema here is a bug, not bad input.
    if (!compiled.ok) throw new Error(`Step "${step.id}" has an invalid form schema: ${compiled.message}`);
    const errors: FieldErrors = compiled.validate(answers);
    if (step.validation_rules) {
      // Unanswered fields are null, so rules can say `note == null || ...` (CEL has() needs a member).
      const blanks = Object.fromEntries(formFields(config).map((f) => [f, null]));
      const data = { ...ctx.context.data, ...blanks, ...answers };
      const rules = step.validation_rules;
      // Cross-field CEL rules only make sense once every answer has the right type.
      const schemaPassed = Object.keys(errors).length === 0;
      addFieldErrors(errors, evaluateRules(schemaPassed ? rules : { fields: rules.fields, rules: [] }, data));
    }
    if (Object.keys(errors).length > 0) throw new InvalidInputError('Some answers need fixing', errors);
    return answers;
  },
};

