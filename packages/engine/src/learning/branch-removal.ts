import type { Operation } from 'fast-json-patch';
import type { WorkflowDefinition } from '../definition';

interface Branch {
  id: string;
  next: string[];
}

/**
 * Operations that drop the unused branches of the decision at `index` and the steps only they
 * lead to (a step runs after them only when all its dependencies are among them: the engine skips
 * a step whose dependencies were all skipped). Null when every branch would go.
 */
export function removeUnusedBranches(def: WorkflowDefinition, index: number, unused: readonly string[]): Operation[] | null {
  const config = def.steps[index]?.config as { branches?: Branch[]; default?: { next: string[] } } | undefined;
  const branches = config?.branches ?? [];
  const gone = new Set(unused);
  const kept = branches.filter((b) => !gone.has(b.id));
  if (kept.length === 0 || kept.length === branches.length) return null;

  const live = new Set([...kept.flatMap((b) => b.next), ...(config?.default?.next ?? [])]);
  const dead = new Set(branches.filter((b) => gone.has(b.id)).flatMap((b) => b.next).filter((id) => !live.has(id)));
  for (let grew = true; grew; ) {
    grew = false;
    for (const step of def.steps) {
      if (dead.has(step.id) || step.dependencies.length === 0 || !step.dependencies.every((d) => dead.has(d))) continue;
      dead.add(step.id);
      grew = true;
    }
  }

  const deadIndexes = def.steps.map((s, k) => (dead.has(s.id) ? k : -1)).filter((k) => k >= 0);
  // Guards first: the patch applies only to the definition it was made for.
  const ops: Operation[] = deadIndexes.map((k) => ({ op: 'test', path: `/steps/${k}/id`, value: def.steps[k]!.id }));
  def.steps.forEach((step, k) => {
    if (dead.has(step.id)) return;
    descending(step.dependencies.map((d, j) => (dead.has(d) ? j : -1))).forEach((j) => ops.push({ op: 'remove', path: `/steps/${k}/dependencies/${j}` }));
  });
  descending(branches.map((b, j) => (gone.has(b.id) ? j : -1))).forEach((j) => ops.push({ op: 'remove', path: `/steps/${index}/config/branches/${j}` }));
  for (const list of ['entry_points', 'exit_points'] as const) {
    descending(def[list].map((id, j) => (dead.has(id) ? j : -1))).forEach((j) => ops.push({ op: 'remove', path: `/${list}/${j}` }));
  }
  if (def.exit_points.every((id) => dead.has(id))) {
    // Every exit was on the removed path: the steps nothing depends on any more end the workflow.
    const remaining = def.steps.filter((s) => !dead.has(s.id));
    const needed = new Set(remaining.flatMap((s) => s.dependencies));
    remaining.filter((s) => !needed.has(s.id)).forEach((s) => ops.push({ op: 'add', path: '/exit_points/-', value: s.id }));
  }
  descending(deadIndexes).forEach((k) => ops.push({ op: 'remove', path: `/steps/${k}` }));
  return ops;
}

/** Indexes (>= 0) from the highest down, so each removal leaves the lower ones in place. */
function descending(indexes: number[]): number[] {
  return indexes.filter((k) => k >= 0).sort((a, b) => b - a);
}
