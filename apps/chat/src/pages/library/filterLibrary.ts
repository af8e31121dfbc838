import type { RouterOutputs } from '@stepwise/server/client';

export type TemplateSummary = RouterOutputs['templates']['list'][number];
export type WorkflowSummary = RouterOutputs['workflows']['list']['items'][number];
type CategoryNode = RouterOutputs['categories']['list'][number];

/** Whether every word of the search appears in the name, description or category (any case, any order). */
export function matchesSearch(item: { name: string; description: string | null; category: string }, search: string): boolean {
  const haystack = `${item.name} ${item.description ?? ''} ${item.category}`.toLowerCase();
  return search.toLowerCase().split(/\s+/).filter(Boolean).every((word) => haystack.includes(word));
}

/** Templates matching the search, by category, then by name. */
export function filterTemplates(templates: TemplateSummary[], search: string): TemplateSummary[] {
  return templates.filter((t) => matchesSearch(t, search)).sort((a, b) => a.category.localeCompare(b.category) || a.name.localeCompare(b.name));
}

/** The category tree as select options, children indented under their parent. */
export function categoryOptions(nodes: CategoryNode[], depth = 0): { name: string; label: string }[] {
  return nodes.flatMap((n) => [{ name: n.name, label: `${'\u00a0\u00a0'.repeat(depth * 2)}${n.name}` }, ...categoryOptions(n.children, depth + 1)]);
}
