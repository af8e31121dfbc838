import type { WorkflowDefinition, WorkflowStep } from './definition';
import type { AnyStepExecutor } from './executors/types';
import { descendantsOf, topologicalOrder } from './graph';
import type { StepRegistry } from './registry';

/** A validated definition with everything the engine looks up per step precomputed. */
export interface CompiledDefinition {
  definition: WorkflowDefinition;
  order: string[];
  steps: Map<string, { step: WorkflowStep; executor: AnyStepExecutor; config: unknown }>;
  descendants(stepId: string): Set<string>;
}

const cache = new WeakMap<WorkflowDefinition, CompiledDefinition>();

export function compileDefinition(definition: WorkflowDefinition, registry: StepRegistry): CompiledDefinition {
  const hit = cache.get(definition);
  if (hit) return hit;
  const steps = new Map<string, { step: WorkflowStep; executor: AnyStepExecutor; config: unknown }>();
  for (const step of definition.steps) {
    const executor = registry.require(step.type);
    steps.set(step.id, { step, executor, config: executor.configSchema.parse(step.config) });
  }
  const descendants = new Map<string, Set<string>>();
  const compiled: CompiledDefinition = {
    definition,
    order: topologicalOrder(definition),
    steps,
    descendants(stepId) {
      let set = descendants.get(stepId);
      if (!set) descendants.set(stepId, (set = descendantsOf(definition, stepId)));
      return set;
    },
  };
  cache.set(definition, compiled);
  return compiled;
}

export function stepEntry(compiled: CompiledDefinition, stepId: string) {
  const entry = compiled.steps.get(stepId);
  if (!entry) throw new Error(`Step "${stepId}" is not in workflow "${compiled.definition.id}"`);
  return entry;
}
