import type { CelVariables } from './cel';
import type { WorkflowDefinition, WorkflowStep } from './definition';
import { DefinitionError } from './errors';
import type { StepRegistry } from './registry';

/** The part of a definition the graph functions read; unknown dependency ids are ignored. */
export interface StepGraph {
  steps: readonly Pick<WorkflowStep, 'id' | 'dependencies'>[];
}

/** Dependencies of each step that name existing steps (the first step wins when ids repeat). */
export function dependenciesOf(def: StepGraph): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const step of def.steps) if (!result.has(step.id)) result.set(step.id, []);
  const filled = new Set<string>();
  for (const step of def.steps) {
    if (filled.has(step.id)) continue;
    filled.add(step.id);
    result.get(step.id)?.push(...new Set(step.dependencies.filter((d) => result.has(d))));
  }
  return result;
}

/** Steps that directly depend on each step. */
export function dependentsOf(def: StepGraph): Map<string, Set<string>> {
  const deps = dependenciesOf(def);
  const result = new Map<string, Set<string>>([...deps.keys()].map((id) => [id, new Set<string>()]));
  for (const [id, ds] of deps) for (const d of ds) result.get(d)?.add(id);
  return result;
}

/** Every step each step transitively depends on (a step in a cycle is its own ancestor). */
export function ancestorsOf(def: StepGraph): Map<string, Set<string>> {
  const deps = dependenciesOf(def);
  return new Map([...deps.keys()].map((id) => [id, reach(id, deps)]));
}

/** Every step that transitively depends on `stepId`. */
export function descendantsOf(def: StepGraph, stepId: string): Set<string> {
  const dependents = new Map([...dependentsOf(def)].map(([id, set]) => [id, [...set]]));
  return reach(stepId, dependents);
}

function reach(from: string, edges: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set<string>();
  const queue = [...(edges.get(from) ?? [])];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(edges.get(id) ?? []));
  }
  return seen;
}

/** Step ids so that every step comes after its dependencies; ties keep definition order, level by level. */
export function topologicalOrder(def: StepGraph): string[] {
  const deps = dependenciesOf(def);
  const placed = new Set<string>();
  const order: string[] = [];
  while (order.length < deps.size) {
    const level = [...deps].filter(([id, ds]) => !placed.has(id) && ds.every((d) => placed.has(d))).map(([id]) => id);
    if (level.length === 0) {
      const cycle = findCycles(def)[0] ?? [];
      throw new DefinitionError([
        { code: 'cycle', path: 'steps', message: `Steps ${formatCycle(cycle)} form a cycle`, stepIds: cycle },
      ]);
    }
    for (const id of level) placed.add(id);
    order.push(...level);
  }
  return order;
}

/**
 * One cycle per group of mutually dependent steps, in running order: `[a, b, c]` means b depends
 * on a, c on b and a on c. Each starts at the group's first step in definition order.
 */
export function findCycles(def: StepGraph): string[][] {
  const deps = dependenciesOf(def);
  const dependents = dependentsOf(def);
  return stronglyConnected(deps)
    .filter((group) => group.length > 1 || deps.get(group[0] ?? '')?.includes(group[0] ?? ''))
    .map((group) => {
      const members = new Set(group);
      const start = [...deps.keys()].find((id) => members.has(id)) ?? '';
      return shortestLoop(start, members, dependents);
    });
}

export function formatCycle(cycle: readonly string[]): string {
  return [...cycle, cycle[0]].join(' -> ');
}

/** Tarjan's algorithm (recursion depth is bounded by MAX_STEPS). */
function stronglyConnected(deps: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (id: string): void => {
    index.set(id, index.size);
    low.set(id, index.get(id)!);
    stack.push(id);
    onStack.add(id);
    for (const d of deps.get(id) ?? []) {
      if (!index.has(d)) {
        visit(d);
        low.set(id, Math.min(low.get(id)!, low.get(d)!));
      } else if (onStack.has(d)) {
        low.set(id, Math.min(low.get(id)!, index.get(d)!));
      }
    }
    if (low.get(id) !== index.get(id)) return;
    const group: string[] = [];
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      onStack.delete(top);
      group.push(top);
      if (top === id) break;
    }
    groups.push(group);
  };
  for (const id of deps.keys()) if (!index.has(id)) visit(id);
  return groups;
}

/** Breadth-first from `start` along dependent edges inside the group, back to `start`. */
function shortestLoop(start: string, members: ReadonlySet<string>, dependents: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const next of dependents.get(id) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [id];
        for (let p = previous.get(id); p !== undefined; p = previous.get(p)) path.unshift(p);
        return path;
      }
      if (previous.has(next)) continue;
      previous.set(next, id);
      queue.push(next);
    }
  }
  return [start];
}

/** CEL variables a step may use: `input` (any field) and each ancestor with its executor's outputs. */
export function celVariablesFor(
  def: Pick<WorkflowDefinition, 'steps'>,
  registry: StepRegistry,
  stepId: string,
  ancestors: ReadonlySet<string> = ancestorsOf(def).get(stepId) ?? new Set(),
): CelVariables {
  const variables: CelVariables = { input: null };
  const seen = new Set<string>();
  for (const step of def.steps) {
    if (step.id === stepId || !ancestors.has(step.id) || seen.has(step.id)) continue;
    seen.add(step.id);
    variables[step.id] = knownOutputs(step, registry);
  }
  return variables;
}

/** The output fields of a step, or null (any field) when its type or config is not usable. */
export function knownOutputs(step: WorkflowStep, registry: StepRegistry): string[] | null {
  const executor = registry.get(step.type);
  if (!executor) return null;
  const parsed = executor.configSchema.safeParse(step.config);
  return parsed.success ? executor.outputs(step, parsed.data) : null;
}
