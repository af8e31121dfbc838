import type pg from 'pg';
import { workflowDefinitionSchema, type WorkflowDefinitionInput } from '@stepwise/engine';

/** The shape of the engine's TEMPLATE_CATEGORIES entries. */
export interface CategorySeed {
  name: string;
  description: string;
  parent: string | null;
}

/** The shape of the engine's BUILTIN_TEMPLATES entries. */
export interface TemplateSeed {
  /** Stable slug: the upsert key. */
  key: string;
  /** Category name; created (under `categoryParent`) when not among the categories. */
  category: string;
  categoryParent?: string;
  /** Stored as written (parsing would stamp fresh created_at defaults and change the row on every boot). */
  definition: WorkflowDefinitionInput;
}

export interface SeedResult {
  /** Rows inserted or changed; 0 on a re-run with the same input. */
  categoriesWritten: number;
  templatesWritten: number;
}

const UPSERT_CATEGORY = `INSERT INTO workflow_categories (name, description, parent_id)
  VALUES ($1, $2, (SELECT id FROM workflow_categories WHERE name = $3))
  ON CONFLICT (name) DO UPDATE SET description = excluded.description, parent_id = excluded.parent_id
  WHERE (workflow_categories.description, workflow_categories.parent_id) IS DISTINCT FROM (excluded.description, excluded.parent_id)`;

const UPSERT_TEMPLATE = `INSERT INTO workflow_templates (key, name, description, category, category_id, template)
  VALUES ($1, $2, $3, $4::text, (SELECT id FROM workflow_categories WHERE name = $4::text), $5::jsonb)
  ON CONFLICT (key) DO UPDATE SET name = excluded.name, description = excluded.description,
    category = excluded.category, category_id = excluded.category_id, template = excluded.template, updated_at = now()
  WHERE (workflow_templates.name, workflow_templates.description, workflow_templates.category,
         workflow_templates.category_id, workflow_templates.template)
    IS DISTINCT FROM (excluded.name, excluded.description, excluded.category, excluded.category_id, excluded.template)`;

/** Parents before children; throws on a missing parent or a cycle. */
export function orderCategories(categories: readonly CategorySeed[]): CategorySeed[] {
  const names = new Set(categories.map((c) => c.name));
  const done = new Set<string>();
  const ordered: CategorySeed[] = [];
  let pending = [...categories];
  while (pending.length > 0) {
    const ready = pending.filter((c) => c.parent === null || done.has(c.parent));
    if (ready.length === 0) {
      const bad = pending.map((c) => `${c.name} -> ${c.parent}`).join(', ');
      throw new Error(`Category parents are missing or form a cycle: ${bad}`);
    }
    for (const c of ready) {
      if (c.parent !== null && !names.has(c.parent)) throw new Error(`Category ${c.name} names unknown parent ${c.parent}`);
      ordered.push(c);
      done.add(c.name);
    }
    pending = pending.filter((c) => !done.has(c.name));
  }
  return ordered;
}

/** Categories implied by templates but not listed, appended after their parents. */
function withTemplateCategories(categories: readonly CategorySeed[], templates: readonly TemplateSeed[]): CategorySeed[] {
  const all = [...categories];
  const known = new Set(all.map((c) => c.name));
  for (const t of templates) {
    if (t.categoryParent && !known.has(t.categoryParent)) {
      all.push({ name: t.categoryParent, description: '', parent: null });
      known.add(t.categoryParent);
    }
    if (!known.has(t.category)) {
      all.push({ name: t.category, description: '', parent: t.categoryParent ?? null });
      known.add(t.category);
    }
  }
  return all;
}

/** Idempotent: upserts categories (by name, with their parent tree) and templates (by key) in one transaction. */
export async function seed(
  pool: pg.Pool,
  templates: readonly TemplateSeed[],
  categories: readonly CategorySeed[],
): Promise<SeedResult> {
  for (const t of templates) {
    const parsed = workflowDefinitionSchema.safeParse(t.definition);
    if (!parsed.success) throw new Error(`Template ${t.key} is not a valid workflow definition: ${parsed.error.message}`);
  }
  const ordered = orderCategories(withTemplateCategories(categories, templates));
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    let categoriesWritten = 0;
    for (const c of ordered) {
      categoriesWritten += (await client.query(UPSERT_CATEGORY, [c.name, c.description, c.parent])).rowCount ?? 0;
    }
    let templatesWritten = 0;
    for (const t of templates) {
      const d = t.definition;
      const values = [t.key, d.name, d.description ?? null, t.category, JSON.stringify(d)];
      templatesWritten += (await client.query(UPSERT_TEMPLATE, values)).rowCount ?? 0;
    }
    await client.query('COMMIT');
    return { categoriesWritten, templatesWritten };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
