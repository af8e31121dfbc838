import dagre from '@dagrejs/dagre';

export const NODE_WIDTH = 184;
export const NODE_HEIGHT = 44;

export interface LayoutStep {
  id: string;
  dependencies: string[];
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: Map<string, { x: number; y: number }>;
  edges: Array<{ from: string; to: string; points: Array<{ x: number; y: number }> }>;
}

/**
 * Positions steps with dagre. Shallow workflows read left to right; deeper ones top-down, so a
 * long chain grows downwards instead of shrinking to fit the card's width.
 */
export function layoutWorkflow(steps: readonly LayoutStep[]): GraphLayout {
  const leftToRight = depthOf(steps) <= 3;
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: leftToRight ? 'LR' : 'TB', nodesep: leftToRight ? 16 : 20, ranksep: leftToRight ? 40 : 30, marginx: 6, marginy: 6 });
  graph.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(steps.map((s) => s.id));
  for (const step of steps) graph.setNode(step.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const step of steps) for (const dep of step.dependencies) if (ids.has(dep)) graph.setEdge(dep, step.id);
  dagre.layout(graph);

  const nodes = new Map(steps.map((s) => [s.id, { x: graph.node(s.id).x ?? 0, y: graph.node(s.id).y ?? 0 }]));
  const edges = graph.edges().map((e) => ({ from: e.v, to: e.w, points: graph.edge(e).points ?? [] }));
  const label = graph.graph();
  return { width: Math.ceil(label.width ?? NODE_WIDTH), height: Math.ceil(label.height ?? NODE_HEIGHT), nodes, edges };
}

/** The number of steps on the longest dependency chain (cycles are cut, not followed). */
function depthOf(steps: readonly LayoutStep[]): number {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const memo = new Map<string, number>();
  const visit = (id: string, path: Set<string>): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    if (path.has(id)) return 0;
    path.add(id);
    const deps = byId.get(id)?.dependencies.filter((d) => byId.has(d)) ?? [];
    const depth = 1 + Math.max(0, ...deps.map((d) => visit(d, path)));
    path.delete(id);
    memo.set(id, depth);
    return depth;
  };
  return Math.max(0, ...steps.map((s) => visit(s.id, new Set())));
}

/** A smooth path through dagre's bend points. */
export function edgePath(points: ReadonlyArray<{ x: number; y: number }>): string {
  const [first, ...rest] = points;
  if (!first) return '';
  const last = rest.pop();
  let d = `M${first.x},${first.y}`;
  rest.forEach((p, i) => {
    const next = rest[i + 1] ?? last ?? p;
    d += ` Q${p.x},${p.y} ${(p.x + next.x) / 2},${(p.y + next.y) / 2}`;
  });
  return last ? `${d} L${last.x},${last.y}` : d;
}
