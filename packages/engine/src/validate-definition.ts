import type { z } from 'zod';
import { MAX_DEFINITION_CHARS, MAX_STEPS, RESERVED_STEP_IDS, TOO_MANY_STEPS, type WorkflowDefinition, workflowDefinitionSchema } from './definition';
import { type DefinitionIssue, DefinitionError } from './errors';
import { ancestorsOf, dependentsOf, findCycles, formatCycle } from './graph';
import type { StepRegistry } from './registry';

/**
 * Parses a definition and checks everything that can be checked before it runs: ids, step types,
 * configs, the dependency graph, and each executor's own checks. Throws one DefinitionError
 * listing every issue found; returns the parsed definition (defaults filled in).
 */
export function validateDefinition(input: unknown, registry: StepRegistry): WorkflowDefinition {
  const oversized = sizeIssue(input);
  if (oversized) throw new DefinitionError([oversized]);
  const parsed = workflowDefinitionSchema.safeParse(input);
  if (!parsed.success) throw new DefinitionError(zodIssues(parsed.error, [], 'invalid_shape'));
  const def = parsed.data;

  const issues: DefinitionIssue[] = [...idIssues(def)];
  const configs = new Map<number, unknown>();
  def.steps.forEach((step, i) => {
    const executor = registry.get(step.type);
    if (!executor) {
      const known = registry.types().join(', ') || '(none registered)';
      issues.push({ code: 'unknown_step_type', path: `steps[${i}].type`, message: `unknown step type "${step.type}"; known types: ${known}`, stepIds: [step.id] });
      return;
    }
    const config = executor.configSchema.safeParse(step.config);
    if (config.success) configs.set(i, config.data);
    else issues.push(...zodIssues(config.error, ['steps', i, 'config'], 'invalid_config', [step.id]));
  });

  const graph = graphIssues(def);
  issues.push(...graph.issues);

  const ancestors = ancestorsOf(def);
  def.steps.forEach((step, i) => {
    const config = configs.get(i);
    // A repeated id or a cycle makes the step's ancestors meaningless; those issues come first.
    if (config === undefined || graph.inCycle.has(step.id) || def.steps.findIndex((s) => s.id === step.id) !== i) return;
    const executor = registry.require(step.type);
    const ctx = { definition: def, registry, path: `steps[${i}]`, ancestors: ancestors.get(step.id) ?? new Set<string>() };
    issues.push(...executor.validate(step, config, ctx).map((issue) => ({ ...issue, stepIds: issue.stepIds ?? [step.id] })));
  });

  if (issues.length > 0) throw new DefinitionError(issues);
  return def;
}

/** Checked before parsing, so an oversized definition costs no more than measuring it. */
function sizeIssue(input: unknown): DefinitionIssue | null {
  const steps = (input as { steps?: unknown } | null)?.steps;
  if (Array.isArray(steps) && steps.length > MAX_STEPS) return { code: 'invalid_shape', path: 'steps', message: `${TOO_MANY_STEPS} (this one has ${steps.length})` };
  let chars: number;
  try {
    chars = JSON.stringify(input)?.length ?? 0;
  } catch {
    return { code: 'invalid_shape', path: '(root)', message: 'the definition is not JSON data (it has cycles or values JSON cannot hold)' };
  }
  if (chars <= MAX_DEFINITION_CHARS) return null;
  return { code: 'invalid_shape', path: '(root)', message: `the definition is ${chars} characters of JSON, more than the ${MAX_DEFINITION_CHARS} allowed; shorten prompts and configs or split it into smaller workflows` };
}

function idIssues(def: WorkflowDefinition): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const firstIndex = new Map<string, number>();
  def.steps.forEach((step, i) => {
    const path = `steps[${i}].id`;
    if ((RESERVED_STEP_IDS as readonly string[]).includes(step.id)) {
      issues.push({ code: 'reserved_step_id', path, message: `"${step.id}" is a reserved name in conditions (reserved: ${RESERVED_STEP_IDS.join(', ')}); rename the step`, stepIds: [step.id] });
    }
    const first = firstIndex.get(step.id);
    if (first === undefined) firstIndex.set(step.id, i);
    else issues.push({ code: 'duplicate_step_id', path, message: `step id "${step.id}" is already used by steps[${first}]; step ids must be unique`, stepIds: [step.id] });
  });
  return issues;
}

function graphIssues(def: WorkflowDefinition): { issues: DefinitionIssue[]; inCycle: Set<string> } {
  const issues: DefinitionIssue[] = [];
  const ids = new Set(def.steps.map((s) => s.id));
  const dangling = new Set<string>();
  def.steps.forEach((step, i) => {
    step.dependencies.forEach((dep, k) => {
      if (ids.has(dep)) return;
      dangling.add(step.id);
      issues.push({ code: 'dangling_dependency', path: `steps[${i}].dependencies[${k}]`, message: `step "${step.id}" depends on "${dep}", which is not a step of this workflow`, stepIds: [step.id] });
    });
  });

  for (const cycle of findCycles(def)) {
    const i = def.steps.findIndex((s) => s.id === cycle[0]);
    const message = `steps ${formatCycle(cycle)} form a cycle (each depends on the one before it), so none of them can start; remove one of these dependencies`;
    issues.push({ code: 'cycle', path: `steps[${i}].dependencies`, message, stepIds: cycle });
  }
  const ancestors = ancestorsOf(def);
  const inCycle = new Set([...ancestors].filter(([id, set]) => set.has(id)).map(([id]) => id));

  const entries = new Set<string>();
  def.entry_points.forEach((id, k) => {
    const step = def.steps.find((s) => s.id === id);
    if (!step) {
      issues.push({ code: 'unknown_entry_point', path: `entry_points[${k}]`, message: `entry point "${id}" is not a step of this workflow` });
    } else if (step.dependencies.length > 0) {
      const message = `entry point "${id}" depends on ${step.dependencies.join(', ')}; entry points run first, so remove its dependencies or remove it from entry_points`;
      issues.push({ code: 'entry_point_has_dependencies', path: `entry_points[${k}]`, message, stepIds: [id] });
    }
    // Still an entry for reachability, so the steps after it are not reported as well.
    if (step) entries.add(id);
  });
  def.exit_points.forEach((id, k) => {
    if (!ids.has(id)) issues.push({ code: 'unknown_exit_point', path: `exit_points[${k}]`, message: `exit point "${id}" is not a step of this workflow` });
  });

  const reachable = reachableFrom(def, entries);
  const reported = new Set<string>();
  def.steps.forEach((step, i) => {
    // Cycles and missing dependencies are reported above and are the cause.
    if (reachable.has(step.id) || inCycle.has(step.id) || dangling.has(step.id) || reported.has(step.id)) return;
    reported.add(step.id);
    const message =
      step.dependencies.length === 0
        ? `step "${step.id}" has no dependencies and is not an entry point, so it never runs; add it to entry_points or make it depend on a step`
        : `step "${step.id}" cannot be reached from the entry points (${[...entries].join(', ') || 'none'}) through its dependencies, so it never runs`;
    issues.push({ code: 'unreachable_step', path: `steps[${i}]`, message, stepIds: [step.id] });
  });
  return { issues, inCycle };
}

function reachableFrom(def: WorkflowDefinition, entries: ReadonlySet<string>): Set<string> {
  const dependents = dependentsOf(def);
  const seen = new Set<string>();
  const queue = [...entries];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(dependents.get(id) ?? []));
  }
  return seen;
}

function zodIssues(error: z.ZodError, prefix: PropertyKey[], code: DefinitionIssue['code'], stepIds?: string[]): DefinitionIssue[] {
  return error.issues.map((issue) => ({
    code,
    path: formatPath([...prefix, ...issue.path]),
    message: issue.message,
    ...(stepIds ? { stepIds } : {}),
  }));
}

/** `['steps', 2, 'name']` -> `steps[2].name`. */
export function formatPath(path: readonly PropertyKey[]): string {
  const text = path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
  return text.startsWith('.') ? text.slice(1) : text || '(root)';
}
