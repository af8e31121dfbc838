import { describe, expect, it } from 'vitest';
import { createDefaultRegistry } from './default-registry';
import { MAX_DEFINITION_CHARS, MAX_STEP_CONFIG_CHARS, MAX_STEPS } from './definition';
import { DefinitionError } from './errors';
import { formStep, workflow } from './testing';
import { validateDefinition } from './validate-definition';

const registry = createDefaultRegistry();

function rejection(input: unknown): DefinitionError {
  try {
    validateDefinition(input, registry);
  } catch (error) {
    if (error instanceof DefinitionError) return error;
    throw error;
  }
  throw new Error('expected the definition to be rejected');
}

/** `count` form steps in a chain: the largest shape a definition may legitimately have. */
const chain = (count: number) =>
  workflow(Array.from({ length: count }, (_, i) => formStep(`s${i}`, { v: { type: 'number' } }, [], i ? [`s${i - 1}`] : [])));

describe('definition size limits', () => {
  it(`accepts exactly ${MAX_STEPS} steps`, () => {
    expect(validateDefinition(chain(MAX_STEPS), registry).steps).toHaveLength(MAX_STEPS);
  });

  it('refuses one step more with a message saying the limit and what to do', () => {
    const error = rejection(chain(MAX_STEPS + 1));
    expect(error.issues).toEqual([expect.objectContaining({ code: 'invalid_shape', path: 'steps' })]);
    expect(error.message).toContain(`at most ${MAX_STEPS} steps`);
    expect(error.message).toContain('split it');
  });

  it('refuses a definition larger than the JSON limit before parsing it', () => {
    const big = workflow([formStep('ask', { v: { type: 'number' } })], { description: 'x'.repeat(MAX_DEFINITION_CHARS) });
    const error = rejection(big);
    expect(error.issues[0]).toMatchObject({ code: 'invalid_shape', path: '(root)' });
    expect(error.message).toContain(`more than the ${MAX_DEFINITION_CHARS} allowed`);
  });

  it('refuses a step config larger than its limit', () => {
    const step = { ...formStep('ask', { v: { type: 'number', description: 'x'.repeat(MAX_STEP_CONFIG_CHARS) } }) };
    const error = rejection(workflow([step]));
    expect(error.issues).toEqual([expect.objectContaining({ path: 'steps[0].config' })]);
    expect(error.message).toContain(`larger than ${MAX_STEP_CONFIG_CHARS} characters`);
  });

  it('caps string lengths: names, prompts and entry point ids', () => {
    const base = workflow([formStep('ask', { v: { type: 'number' } })]);
    const paths = (input: unknown) => rejection(input).issues.map((i) => i.path);
    expect(paths({ ...base, name: 'n'.repeat(256) })).toContain('name');
    expect(paths({ ...base, steps: [{ ...base.steps[0], ai_prompt: 'p'.repeat(20_001) }] })).toContain('steps[0].ai_prompt');
    expect(paths({ ...base, entry_points: ['e'.repeat(64)] })).toContain('entry_points[0]');
  });
});
