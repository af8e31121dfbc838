import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DefinitionError } from './errors';
import type { StepExecutor } from './executors/types';
import { ancestorsOf, celVariablesFor, dependentsOf, descendantsOf, findCycles, topologicalOrder } from './graph';
import { StepRegistry } from './registry';
import { workflowStepSchema } from './definition';

const graph = (deps: Record<string, string[]>) => ({ steps: Object.entries(deps).map(([id, dependencies]) => ({ id, dependencies })) });
// a -> b -> d, a -> c -> d
const diamond = graph({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'], e: [] });

describe('graph', () => {
  it('lists direct dependents of every step', () => {
    expect(dependentsOf(diamond)).toEqual(new Map([['a', new Set(['b', 'c'])], ['b', new Set(['d'])], ['c', new Set(['d'])], ['d', new Set()], ['e', new Set()]]));
  });

  it('lists transitive ancestors and descendants', () => {
    expect(ancestorsOf(diamond).get('d')).toEqual(new Set(['b', 'c', 'a']));
    expect(ancestorsOf(diamond).get('a')).toEqual(new Set());
    expect(descendantsOf(diamond, 'a')).toEqual(new Set(['b', 'c', 'd']));
    expect(descendantsOf(diamond, 'd')).toEqual(new Set());
  });

  it('orders steps after their dependencies, keeping definition order within a level', () => {
    expect(topologicalOrder(graph({ d: ['b', 'c'], c: ['a'], b: ['a'], a: [], e: [] }))).toEqual(['a', 'e', 'c', 'b', 'd']);
  });

  it('ignores dependencies on steps that do not exist', () => {
    expect(topologicalOrder(graph({ a: ['ghost'], b: ['a'] }))).toEqual(['a', 'b']);
  });

  it('throws a cycle DefinitionError when there is no order', () => {
    const error = (() => {
      try {
        topologicalOrder(graph({ a: [], b: ['a', 'c'], c: ['b'] }));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DefinitionError);
    expect((error as DefinitionError).issues).toMatchObject([{ code: 'cycle', stepIds: ['b', 'c'] }]);
  });

  it('finds each cycle in running order, starting at its first step', () => {
    // a waits for c, b waits for a, c waits for b: a -> b -> c -> a
    expect(findCycles(graph({ x: [], a: ['c', 'x'], b: ['a'], c: ['b'], s: ['s'] }))).toEqual([['a', 'b', 'c'], ['s']]);
    expect(findCycles(diamond)).toEqual([]);
  });
});

describe('celVariablesFor', () => {
  const producer: StepExecutor<{ fields: string[] }> = {
    type: 'producer',
    description: 'test',
    configSchema: z.object({ fields: z.array(z.string()) }),
    long: false,
    validate: () => [],
    requiredInputs: () => [],
    outputs: (_step, config) => config.fields,
    execute: async () => ({ status: 'completed', output: {} }),
  };
  const registry = new StepRegistry().register(producer);
  const step = (id: string, dependencies: string[], config: object, type = 'producer') => workflowStepSchema.parse({ id, name: id, type, dependencies, config });

  it('gives input with any field and every ancestor with its outputs, or null when its config is unusable', () => {
    const def = { steps: [step('a', [], { fields: ['x'] }), step('b', ['a'], { fields: 'bad' }), step('c', [], { fields: ['z'] }), step('d', ['b'], { fields: [] }), step('u', [], {}, 'unknown')] };
    expect(celVariablesFor(def, registry, 'd')).toEqual({ input: null, a: ['x'], b: null });
    expect(celVariablesFor(def, registry, 'a')).toEqual({ input: null });
  });
});
