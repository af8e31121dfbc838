import { describe, expect, it } from 'vitest';
import { workflowDefinitionSchema, type WorkflowStep } from '../definition';
import { InvalidInputError } from '../errors';
import { ancestorsOf } from '../graph';
import { StepRegistry } from '../registry';
import { executeContext, workflow } from '../testing';
import { dataCollectionExecutor as form, type DataCollectionConfig } from './data-collection';

const registry = new StepRegistry().register(form);

const schema = {
  type: 'object',
  required: ['income', 'expenses'],
  properties: { income: { type: 'number', minimum: 0 }, expenses: { type: 'number', minimum: 0 }, note: { type: 'string' } },
};
const def = workflowDefinitionSchema.parse(
  workflow([
    { id: 'profile', type: 'data_collection', config: { schema: { type: 'object', properties: { age: { type: 'integer' } } } } },
    {
      id: 'budget',
      type: 'data_collection',
      dependencies: ['profile'],
      config: { schema },
      validation_rules: {
        fields: [{ field: 'note', max_length: 5 }],
        rules: [
          { cel: 'expenses <= income', field: 'expenses', message: 'Expenses cannot exceed income' },
          { cel: 'profile.age >= 18 || income == 0.0', message: 'Minors cannot report income' },
          { cel: 'note == null || note != "x"', field: 'note', message: 'Say more than x' },
        ],
      },
    },
  ]),
);
const budget = def.steps[1]!;
const config = form.configSchema.parse(budget.config);

function submit(answers: unknown, data: Record<string, unknown> = { profile: { age: 30 } }) {
  try {
    return form.submit!(budget, config, answers, executeContext(def, { input: {}, ...data }));
  } catch (error) {
    return error;
  }
}

function validate(step: WorkflowStep, stepConfig: unknown, definition = def) {
  const index = definition.steps.findIndex((s) => s.id === step.id);
  const ctx = { definition, registry, path: `steps[${index}]`, ancestors: ancestorsOf(definition).get(step.id)! };
  return form.validate(step, form.configSchema.parse(stepConfig), ctx);
}

describe('data_collection execute', () => {
  it('waits for input and hands out the form with default label and ui schema', async () => {
    expect(await form.execute(budget, config, executeContext(def, { input: {} }))).toEqual({
      status: 'waiting',
      waitingFor: 'input',
      output: { schema, ui_schema: {}, submit_label: 'Submit' },
    });
  });

  it('names the schema properties as its outputs', () => {
    expect(form.outputs(budget, config)).toEqual(['income', 'expenses', 'note']);
  });
});

describe('data_collection submit', () => {
  it('returns answers that pass the schema and the rules', () => {
    expect(submit({ income: 3000, expenses: 1000, note: 'ok' })).toEqual({ income: 3000, expenses: 1000, note: 'ok' });
  });

  it('rejects a submission that is not an object', () => {
    const error = submit(['x']);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ code: 'invalid_input', fieldErrors: { _: ['answers must be an object with one entry per field'] } });
  });

  it('gives per-field messages for wrong types and missing answers, with field rules but without cross-field rules', () => {
    expect(submit({ income: 'lots', note: 'too long' })).toMatchObject({
      code: 'invalid_input',
      message: 'Some answers need fixing',
      fieldErrors: { income: ['must be a number'], expenses: ['is required'], note: ['must be at most 5 characters'] },
    });
  });

  it('gives unanswered fields to rules as null', () => {
    expect(submit({ income: 1, expenses: 1 })).toEqual({ income: 1, expenses: 1 });
    expect(submit({ income: 1, expenses: 1, note: 'x' })).toMatchObject({ fieldErrors: { note: ['Say more than x'] } });
  });

  it('reports a failing CEL rule on its field, reading ancestor outputs', () => {
    expect(submit({ income: 100, expenses: 200 })).toMatchObject({ fieldErrors: { expenses: ['Expenses cannot exceed income'] } });
    expect(submit({ income: 100, expenses: 50 }, { profile: { age: 16 } })).toMatchObject({ fieldErrors: { _: ['Minors cannot report income'] } });
  });
});

describe('data_collection validate', () => {
  it('accepts a form whose schema compiles and whose rules name its fields and ancestors', () => {
    expect(validate(budget, budget.config)).toEqual([]);
  });

  it('reports a schema that does not compile or is not an object form as invalid_json_schema', () => {
    expect(validate(budget, { schema: { type: 'object', properties: { a: { type: 'text' } } } })).toMatchObject([
      { code: 'invalid_json_schema', path: 'steps[1].config.schema' },
    ]);
    expect(validate({ ...budget, validation_rules: null }, { schema: { type: 'string' } })).toEqual([
      { code: 'invalid_json_schema', path: 'steps[1].config.schema', message: expect.stringContaining('"type": "object"') },
    ]);
  });

  it('checks rules against the form fields, input and ancestors only', () => {
    const step = { ...def.steps[0]!, validation_rules: { fields: [{ field: 'income', min: 0 }], rules: [{ cel: 'age > budget.income', message: 'm' }] } };
    const issues = validate(step, step.config, { ...def, steps: [step, budget] });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['unknown_field', 'steps[0].validation_rules.fields[0].field'],
      ['unknown_field', 'steps[0].validation_rules.rules[0].cel'],
    ]);
  });

  it('lists ancestor paths its rules read as required inputs', () => {
    expect(form.requiredInputs(budget, config satisfies DataCollectionConfig)).toEqual(['profile.age']);
  });
});
