import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DefinitionError, type DefinitionIssue } from './errors';
import { dataCollectionExecutor } from './executors/data-collection';
import { decisionExecutor } from './executors/decision';
import type { StepExecutor } from './executors/types';
import { validationExecutor } from './executors/validation';
import { StepRegistry } from './registry';
import { formStep, workflow } from './testing';
import { validateDefinition } from './validate-definition';

/** Test-only step type with known outputs, standing in for calculation. */
const calcStep: StepExecutor<{ outputs: string[] }> = {
  type: 'calc',
  description: 'test',
  configSchema: z.strictObject({ outputs: z.array(z.string()).default(['total']) }),
  long: false,
  validate: () => [],
  requiredInputs: () => [],
  outputs: (_step, config) => config.outputs,
  execute: async () => ({ status: 'completed', output: {} }),
};
const registry = new StepRegistry().register(dataCollectionExecutor).register(decisionExecutor).register(validationExecutor).register(calcStep);

function issuesOf(input: unknown): DefinitionIssue[] {
  try {
    validateDefinition(input, registry);
  } catch (error) {
    if (error instanceof DefinitionError) return error.issues;
    throw error;
  }
  throw new Error('expected the definition to be rejected');
}
const brief = (issues: DefinitionIssue[]) => issues.map((i) => ({ code: i.code, path: i.path, stepIds: i.stepIds }));

describe('validateDefinition', () => {
  it('returns the parsed definition with defaults for a sound workflow', () => {
    const def = validateDefinition(
      workflow([
        formStep('budget', { income: { type: 'number' } }, ['income']),
        { id: 'total', type: 'calc', dependencies: ['budget'] },
        { id: 'check', type: 'validation', dependencies: ['total'], config: { fields: [{ field: 'total.total', min: 0 }, { field: 'budget.income', required: true }] } },
      ]),
      registry,
    );
    expect(def.steps.map((s) => s.id)).toEqual(['budget', 'total', 'check']);
    expect(def.steps[1]).toMatchObject({ description: '', ai_generated: false, validation_rules: null });
    expect(def.version).toBe('1');
  });

  it('reports the shape errors zod finds as invalid_shape with bracketed paths', () => {
    const def = workflow([{ id: 'a', type: 'calc' }]);
    const issues = issuesOf({ ...def, steps: [{ ...def.steps[0], name: '' }, { id: 'B', type: 'calc' }], colour: 'red' });
    expect(brief(issues)).toEqual([
      { code: 'invalid_shape', path: 'steps[0].name', stepIds: undefined },
      { code: 'invalid_shape', path: 'steps[1].id', stepIds: undefined },
      { code: 'invalid_shape', path: 'steps[1].name', stepIds: undefined },
      { code: 'invalid_shape', path: '(root)', stepIds: undefined },
    ]);
    expect(issues[3]?.message).toMatch(/colour/);
  });

  it('reports a reserved step id', () => {
    expect(brief(issuesOf(workflow([{ id: 'input', type: 'calc' }])))).toEqual([{ code: 'reserved_step_id', path: 'steps[0].id', stepIds: ['input'] }]);
  });

  it('reports the second use of a step id', () => {
    const issues = issuesOf(workflow([{ id: 'a', type: 'calc' }, { id: 'a', type: 'calc' }], { entry_points: ['a'], exit_points: ['a'] }));
    expect(brief(issues)).toEqual([{ code: 'duplicate_step_id', path: 'steps[1].id', stepIds: ['a'] }]);
  });

  it('reports an unknown step type and lists the known ones', () => {
    const issues = issuesOf(workflow([{ id: 'a', type: 'calc' }, { id: 'b', type: 'telepathy', dependencies: ['a'] }]));
    expect(brief(issues)).toEqual([{ code: 'unknown_step_type', path: 'steps[1].type', stepIds: ['b'] }]);
    expect(issues[0]?.message).toBe('unknown step type "telepathy"; known types: data_collection, decision, validation, calc');
  });

  it('reports config that does not match the step type with paths into the config', () => {
    const issues = issuesOf(
      workflow([
        { id: 'a', type: 'calc' },
        { id: 'd', type: 'decision', dependencies: ['a'], config: { branches: [] } },
        { id: 'v', type: 'validation', dependencies: ['a'], config: { on_failure: 'maybe' } },
      ]),
    );
    expect(brief(issues)).toEqual([
      { code: 'invalid_config', path: 'steps[1].config.branches', stepIds: ['d'] },
      { code: 'invalid_config', path: 'steps[2].config.on_failure', stepIds: ['v'] },
    ]);
  });

  it('reports a dependency on a step that does not exist', () => {
    const issues = issuesOf(workflow([{ id: 'a', type: 'calc' }, { id: 'b', type: 'calc', dependencies: ['a', 'ghost'] }]));
    expect(brief(issues)).toEqual([{ code: 'dangling_dependency', path: 'steps[1].dependencies[1]', stepIds: ['b'] }]);
  });

  it('reports a cycle naming its steps in order', () => {
    const issues = issuesOf(
      workflow([
        { id: 'start', type: 'calc' },
        { id: 'a', type: 'calc', dependencies: ['start', 'c'] },
        { id: 'b', type: 'calc', dependencies: ['a'] },
        { id: 'c', type: 'calc', dependencies: ['b'] },
      ], { exit_points: ['c'] }),
    );
    expect(brief(issues)).toEqual([{ code: 'cycle', path: 'steps[1].dependencies', stepIds: ['a', 'b', 'c'] }]);
    expect(issues[0]?.message).toContain('a -> b -> c -> a');
  });

  it('skips executor checks for steps in a cycle', () => {
    const issues = issuesOf(
      workflow([
        { id: 'start', type: 'calc' },
        { id: 'a', type: 'validation', dependencies: ['start', 'a'], config: { rules: [{ cel: 'nothing.here', message: 'm' }] } },
      ], { exit_points: ['a'] }),
    );
    expect(brief(issues)).toEqual([{ code: 'cycle', path: 'steps[1].dependencies', stepIds: ['a'] }]);
  });

  it('reports entry points that are not steps or that have dependencies', () => {
    const steps = [{ id: 'a', type: 'calc' }, { id: 'b', type: 'calc', dependencies: ['a'] }];
    expect(brief(issuesOf(workflow(steps, { entry_points: ['a', 'nope'] })))).toEqual([{ code: 'unknown_entry_point', path: 'entry_points[1]', stepIds: undefined }]);
    expect(brief(issuesOf(workflow(steps, { entry_points: ['a', 'b'] })))).toEqual([{ code: 'entry_point_has_dependencies', path: 'entry_points[1]', stepIds: ['b'] }]);
  });

  it('reports exit points that are not steps', () => {
    const issues = issuesOf(workflow([{ id: 'a', type: 'calc' }], { exit_points: ['z'] }));
    expect(brief(issues)).toEqual([{ code: 'unknown_exit_point', path: 'exit_points[0]', stepIds: undefined }]);
  });

  it('reports steps that no entry point leads to', () => {
    const steps = [{ id: 'a', type: 'calc' }, { id: 'orphan', type: 'calc' }, { id: 'after', type: 'calc', dependencies: ['orphan'] }];
    const issues = issuesOf(workflow(steps, { entry_points: ['a'] }));
    expect(brief(issues)).toEqual([
      { code: 'unreachable_step', path: 'steps[1]', stepIds: ['orphan'] },
      { code: 'unreachable_step', path: 'steps[2]', stepIds: ['after'] },
    ]);
    expect(issues[0]?.message).toContain('has no dependencies and is not an entry point');
  });

  it("reports each executor's own issues with paths into the step", () => {
    const issues = issuesOf(
      workflow([
        formStep('form', { age: { type: 'integr' } }),
        { id: 'total', type: 'calc' },
        { id: 'route', type: 'decision', dependencies: ['total'], config: { branches: [{ id: 'x', condition: 'total.sum > 1', next: ['done'] }] } },
        { id: 'done', type: 'validation', dependencies: ['total'], config: { rules: [{ cel: 'total.total >', message: 'm' }] } },
      ]),
    );
    expect(brief(issues)).toEqual([
      { code: 'invalid_json_schema', path: 'steps[0].config.schema', stepIds: ['form'] },
      { code: 'unknown_field', path: 'steps[2].config.branches[0].condition', stepIds: ['route'] },
      { code: 'invalid_branch', path: 'steps[2].config.branches[0].next[0]', stepIds: ['route', 'done'] },
      { code: 'invalid_cel', path: 'steps[3].config.rules[0].cel', stepIds: ['done'] },
    ]);
  });

  it('reports several kinds of issues together in one error', () => {
    const def = workflow(
      [
        { id: 'a', type: 'calc' },
        { id: 'a', type: 'calc' },
        { id: 'b', type: 'mystery', dependencies: ['a'] },
        { id: 'c', type: 'calc', dependencies: ['ghost'] },
        { id: 'd', type: 'validation', dependencies: ['a'], config: { fields: [{ field: 'b.x', required: true }] } },
      ],
      { entry_points: ['a'], exit_points: ['d', 'nowhere'] },
    );
    let error: unknown;
    try {
      validateDefinition(def, registry);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DefinitionError);
    expect((error as DefinitionError).code).toBe('invalid_definition');
    expect((error as DefinitionError).issues.map((i) => i.code)).toEqual([
      'duplicate_step_id',
      'unknown_step_type',
      'dangling_dependency',
      'unknown_exit_point',
      'unknown_field',
    ]);
  });
});
