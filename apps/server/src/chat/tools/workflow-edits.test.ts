import { createDefaultRegistry, validateDefinition, type WorkflowDefinition } from '@stepwise/engine';
import { describe, expect, it } from 'vitest';
import { applyWorkflowEdits, EditError } from './workflow-edits';

const step = (id: string, dependencies: string[] = []) => ({ id, name: id, type: 'data_collection', dependencies, config: { schema: { type: 'object', properties: {} } } });

function chain(...ids: string[]): WorkflowDefinition {
  return validateDefinition(
    {
      id: 'wf',
      name: 'Chain',
      category: 'test',
      steps: ids.map((id, i) => step(id, i ? [ids[i - 1]!] : [])),
      entry_points: [ids[0]],
      exit_points: [ids.at(-1)],
    },
    createDefaultRegistry(),
  );
}

const order = (d: WorkflowDefinition) => d.steps.map((s) => [s.id, s.dependencies]);

describe('workflow edits', () => {
  it('removing a step of a chain closes the gap', () => {
    const d = applyWorkflowEdits(chain('a', 'b', 'c'), [{ op: 'remove_step', stepId: 'b' }]);
    expect(order(d)).toEqual([['a', []], ['c', ['a']]]);
    expect([d.entry_points, d.exit_points]).toEqual([['a'], ['c']]);
  });

  it('moving a step of a chain re-links it in the new order', () => {
    const d = applyWorkflowEdits(chain('a', 'b', 'c'), [{ op: 'move_step', stepId: 'c', after: null }]);
    expect(order(d)).toEqual([['c', []], ['a', ['c']], ['b', ['a']]]);
    expect([d.entry_points, d.exit_points]).toEqual([['c'], ['b']]);
  });

  it('adding a step after another puts it in the chain', () => {
    const d = applyWorkflowEdits(chain('a', 'b'), [{ op: 'add_step', step: { id: 'x', name: 'X', type: 'data_collection' }, after: 'a' }]);
    expect(order(d)).toEqual([['a', []], ['x', ['a']], ['b', ['x']]]);
  });

  it('updating a step merges its config; the result still validates', () => {
    const d = applyWorkflowEdits(chain('a', 'b'), [{ op: 'update_step', stepId: 'b', name: 'Bee', config: { submit_label: 'Send' } }]);
    expect(d.steps[1]).toMatchObject({ name: 'Bee', config: { submit_label: 'Send', schema: { type: 'object' } } });
    expect(() => validateDefinition(d, createDefaultRegistry())).not.toThrow();
  });

  it('a parallel workflow: removal rewires dependents; moving is refused in words', () => {
    const d = validateDefinition(
      { id: 'wf', name: 'Fan', category: 'test', steps: [step('a'), step('b', ['a']), step('c', ['a']), step('d', ['b', 'c'])], entry_points: ['a'], exit_points: ['d'] },
      createDefaultRegistry(),
    );
    expect(order(applyWorkflowEdits(d, [{ op: 'remove_step', stepId: 'b' }]))).toEqual([['a', []], ['c', ['a']], ['d', ['a', 'c']]]);
    expect(() => applyWorkflowEdits(d, [{ op: 'move_step', stepId: 'd', after: 'a' }])).toThrow(EditError);
    expect(() => applyWorkflowEdits(d, [{ op: 'remove_step', stepId: 'zz' }])).toThrow(/no step zz/);
  });
});
