import { RESERVED_STEP_IDS, STEP_ID_PATTERN } from '../../definition';

export interface IssueLike {
  code: string;
  path: string;
  message: string;
}

type Obj = Record<string, unknown>;
interface StepLike extends Obj {
  id: string;
  type: string;
  dependencies: string[];
  config: Obj;
}

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Fixes what the validator reported in a previous attempt, the way a careful model would: drops
 * steps of unknown types, renames bad or repeated ids, removes dangling and cycle-closing
 * dependencies, points branches only at steps that wait for the decision, and recomputes the
 * entry and exit points. Returns null when the attempt is not a definition at all.
 */
export function repairDefinition(previous: unknown, issues: readonly IssueLike[], knownTypes: ReadonlySet<string>): Obj | null {
  if (!isObj(previous) || !Array.isArray(previous.steps)) return null;
  const def: Obj = structuredClone(previous);
  let steps = (def.steps as unknown[]).filter(isObj).map((s, i) => normalizeStep(s, i));

  const unknownAt = new Set(issues.filter((i) => i.code === 'unknown_step_type').map((i) => stepIndex(i.path)));
  steps = steps.filter((s, i) => !unknownAt.has(i) && (knownTypes.size === 0 || knownTypes.has(s.type)));

  const seen = new Set<string>();
  for (const step of steps) {
    let id = STEP_ID_PATTERN.test(step.id) && !(RESERVED_STEP_IDS as readonly string[]).includes(step.id) ? step.id : safeId(step.id);
    for (let n = 2; seen.has(id); n++) id = `${safeId(step.id).slice(0, 58)}_${n}`;
    seen.add(id);
    step.id = id;
  }
  const ids = new Set(steps.map((s) => s.id));
  for (const step of steps) step.dependencies = [...new Set(step.dependencies.filter((d) => ids.has(d) && d !== step.id))];
  breakCycles(steps);
  fixBranches(steps, ids);

  const used = new Set(steps.flatMap((s) => s.dependencies));
  def.steps = steps;
  def.entry_points = steps.filter((s) => s.dependencies.length === 0).map((s) => s.id);
  def.exit_points = steps.filter((s) => !used.has(s.id)).map((s) => s.id);
  if (typeof def.name !== 'string' || !def.name) def.name = 'Workflow';
  if (typeof def.category !== 'string' || !def.category) def.category = 'Planning';
  if (typeof def.id !== 'string' || !def.id) def.id = 'builtin-workflow';
  return def;
}

function normalizeStep(s: Obj, i: number): StepLike {
  return {
    ...s,
    id: typeof s.id === 'string' && s.id ? s.id : `step_${i + 1}`,
    name: typeof s.name === 'string' && s.name ? s.name : `Step ${i + 1}`,
    type: typeof s.type === 'string' ? s.type : '',
    dependencies: Array.isArray(s.dependencies) ? s.dependencies.filter((d): d is string => typeof d === 'string') : [],
    config: isObj(s.config) ? s.config : {},
  };
}

function stepIndex(path: string): number {
  const m = /^steps\[(\d+)\]/.exec(path);
  return m ? Number(m[1]) : -1;
}

function safeId(id: string): string {
  const s = id.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^[^a-z]+/, '').slice(0, 60) || 'step';
  return (RESERVED_STEP_IDS as readonly string[]).includes(s) ? `${s}_step` : s;
}

/** Drops the dependency that closes each cycle: one on a step listed later (or itself) in the steps. */
function breakCycles(steps: StepLike[]): void {
  const order = new Map(steps.map((s, i) => [s.id, i]));
  const byId = new Map(steps.map((s) => [s.id, s]));
  const reaches = (from: string, to: string): boolean => {
    const stack = [from];
    const seen = new Set<string>();
    while (stack.length) {
      const id = stack.pop()!;
      if (id === to) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(byId.get(id)?.dependencies ?? []));
    }
    return false;
  };
  for (const step of steps) {
    // A dependency d closes a cycle when d (through its own dependencies) depends on this step.
    step.dependencies = step.dependencies.filter((d) => !(reaches(d, step.id) && (order.get(d) ?? 0) >= (order.get(step.id) ?? 0)));
  }
  for (const step of steps) step.dependencies = step.dependencies.filter((d) => !reaches(d, step.id));
}

/** Branch targets must exist and depend on their decision. */
function fixBranches(steps: StepLike[], ids: ReadonlySet<string>): void {
  const byId = new Map(steps.map((s) => [s.id, s]));
  for (const step of steps) {
    if (step.type !== 'decision') continue;
    const fix = (next: unknown): string[] =>
      (Array.isArray(next) ? next : []).filter((t): t is string => typeof t === 'string' && ids.has(t) && t !== step.id).filter((t) => {
        const target = byId.get(t)!;
        if (!target.dependencies.includes(step.id)) target.dependencies.push(step.id);
        return true;
      });
    const config = step.config;
    if (Array.isArray(config.branches)) for (const b of config.branches) if (isObj(b)) b.next = fix(b.next);
    if (isObj(config.default)) config.default.next = fix(config.default.next);
  }
  breakCycles(steps);
}
