import { mapErrors } from '../errors';
import { authedProcedure, router } from '../trpc';

export interface CategoryNode {
  id: string;
  name: string;
  description: string | null;
  children: CategoryNode[];
}

/** Builds the tree from parent ids; a category whose parent is gone is a root. Siblings by name. */
function categoryTree(rows: readonly { id: string; name: string; description: string | null; parent_id: string | null }[]): CategoryNode[] {
  const nodes = new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, description: r.description, children: [] as CategoryNode[] }]));
  const roots: CategoryNode[] = [];
  for (const r of rows) {
    const node = nodes.get(r.id)!;
    const parent = r.parent_id === null ? undefined : nodes.get(r.parent_id);
    (parent ? parent.children : roots).push(node);
  }
  const byName = (a: CategoryNode, b: CategoryNode) => a.name.localeCompare(b.name);
  for (const node of nodes.values()) node.children.sort(byName);
  return roots.sort(byName);
}

export const categoriesRouter = router({
  list: authedProcedure.query(({ ctx }) =>
    mapErrors(async (): Promise<CategoryNode[]> => {
      const { rows } = await ctx.services.pool.query<{ id: string; name: string; description: string | null; parent_id: string | null }>(
        'select id, name, description, parent_id from workflow_categories',
      );
      return categoryTree(rows);
    }),
  ),
});
