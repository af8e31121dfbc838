import { describe, expect, it } from 'vitest';
import { workflowDefinitionSchema } from '../definition';
import { ValidationFailedError } from '../errors';
import { ancestorsOf } from '../graph';
import { StepRegistry } from '../registry';
import { executeContext, outputsStep, workflow } from '../testing';
import { validationExecutor as validation } from './validation';

const registry = new StepRegistry().register(validation).register(outputsStep('profile', ['income', 'expenses']));

const rules = {
  fields: [
    { field: 'profile.income', required: true, min: 0 },
    { field: 'input.email', pattern: '@' },
  ],
  rules: [{ cel: 'profile.expenses <= profile.income', field: 'profile.expenses', message: 'Expenses exceed income' }],
};
const def = workflowDefinitionSchema.parse(
  workflow([
    { id: 'profile', type: 'profile' },
    { id: 'check', type: 'validation', dependencies: ['profile'], config: rules },
    { id: 'later', type: 'profile', dependencies: ['check'] },
  ]),
);
const check = def.steps[1]!;

const run = (config: unknown, data: Record<string, unknown>) => validation.execute(check, validation.configSchema.parse(config), executeContext(def, data));

describe('validation execute', () => {
  it('completes with valid: true when every rule passes', async () => {
    expect(await run(rules, { input: { email: 'a@b' }, profile: { income: 10, expenses: 5 } })).toEqual({
      status: 'completed',
      output: {
        valid: true,
        errors: {},
        checked: 3,
        rules: [
          { field: 'profile.income', rule: 'required, at least 0', passed: true, problem: null },
          { field: 'input.email', rule: 'in the expected format', passed: true, problem: null },
          { field: 'profile.expenses', rule: 'profile.expenses <= profile.income', passed: true, problem: null },
        ],
      },
    });
  });

  it('fails by default with a ValidationFailedError counting the problems, with messages per field', async () => {
    const error = await run(rules, { input: { email: 'nope' }, profile: { income: -1, expenses: 5 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect(error).toMatchObject({
      code: 'validation_failed',
      message: 'Validation "check" found 3 problems: profile.income: must be at least 0; input.email: is not in the expected format; profile.expenses: Expenses exceed income',
      fieldErrors: {
        'profile.income': ['must be at least 0'],
        'input.email': ['is not in the expected format'],
        'profile.expenses': ['Expenses exceed income'],
      },
    });
    // Every rule travels with the error, so the failed card can show what passed too.
    expect((error as ValidationFailedError).details).toMatchObject({ rules: [{ passed: false }, { passed: false }, { passed: false }] });
  });

  it('records the problems and completes when on_failure is continue', async () => {
    expect(await run({ ...rules, on_failure: 'continue' }, { input: {}, profile: { expenses: 5 } })).toEqual({
      status: 'completed',
      output: {
        valid: false,
        errors: { 'profile.income': ['is required'], 'profile.expenses': ['Expenses exceed income'] },
        checked: 3,
        rules: [
          { field: 'profile.income', rule: 'required, at least 0', passed: false, problem: 'is required' },
          { field: 'input.email', rule: 'in the expected format', passed: true, problem: null },
          { field: 'profile.expenses', rule: 'profile.expenses <= profile.income', passed: false, problem: 'Expenses exceed income' },
        ],
      },
    });
  });
});

describe('validation validate', () => {
  const validate = (config: unknown) =>
    validation.validate(check, validation.configSchema.parse(config), { definition: def, registry, path: 'steps[1]', ancestors: ancestorsOf(def).get('check')! });

  it('accepts paths into input and ancestor outputs', () => {
    expect(validate(rules)).toEqual([]);
  });

  it('reports paths to unknown steps, later steps and unknown output fields, and bad CEL', () => {
    const config = {
      fields: [{ field: 'ghost.x', required: true }, { field: 'later.income', required: true }, { field: 'profile.salary', min: 0 }],
      rules: [{ cel: 'profile.income >', message: 'm' }],
    };
    expect(validate(config).map((i) => [i.code, i.path])).toEqual([
      ['unknown_field', 'steps[1].config.fields[0].field'],
      ['unknown_field', 'steps[1].config.fields[1].field'],
      ['unknown_field', 'steps[1].config.fields[2].field'],
      ['invalid_cel', 'steps[1].config.rules[0].cel'],
    ]);
  });

  it('declares its outputs and the paths it reads', () => {
    const config = validation.configSchema.parse(rules);
    expect(validation.outputs(check, config)).toEqual(['valid', 'errors', 'checked', 'rules']);
    expect(validation.requiredInputs(check, config)).toEqual(['profile.income', 'input.email', 'profile.expenses']);
  });
});
