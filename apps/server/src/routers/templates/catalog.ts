import type { WorkflowDefinitionInput } from '@stepwise/engine';
import { TRPCError } from '@trpc/server';
import type pg from 'pg';
import { z } from 'zod';

export interface TemplateSummary {
  id: string;
  /** Stable slug, e.g. `monthly-budget-review`. */
  key: string;
  name: string;
  description: string | null;
  category: string;
  categoryId: string | null;
  stepCount: number;
  usageCount: number;
  /** The caller's own template (private to them); false for shared ones. */
  mine: boolean;
}

export interface TemplateDetail extends TemplateSummary {
  /** The definition as written; `instantiate` copies it into a workflow of yours. */
  definition: WorkflowDefinitionInput;
}

/** Columns of a summary; `$1` is the caller's user id (for `mine`). */
export const SUMMARY_COLUMNS = `t.id, t.key, t.name, t.description, t.category, t.category_id, t.usage_count,
  coalesce(t.owner_id = $1, false) as mine,
  coalesce(jsonb_array_length(case jsonb_typeof(t.template -> 'steps') when 'array' then t.template -> 'steps' end), 0) as step_count`;

/** Shared templates and the caller's own (`$1`): another user's template is never visible. */
export const VISIBLE_TO_CALLER = '(t.owner_id is null or t.owner_id = $1)';

export interface TemplateSqlRow {
  id: string;
  key: string;
  name: string;
  description: string | null;
  category: string;
  category_id: string | null;
  usage_count: number;
  step_count: number;
  mine: boolean;
  template?: WorkflowDefinitionInput;
}

export const toSummary = (r: TemplateSqlRow): TemplateSummary => ({
  id: r.id,
  key: r.key,
  name: r.name,
  description: r.description,
  category: r.category,
  categoryId: r.category_id,
  stepCount: Number(r.step_count),
  usageCount: Number(r.usage_count),
  mine: r.mine,
});

export const templateKey = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'key is a lowercase slug like monthly-budget-review');
export const templateId = z.guid('id must be a template id (a UUID)');

/** One template by id or by key. */
export const templateRef = z
  .object({ id: templateId.optional(), key: templateKey.optional() })
  .refine((r) => (r.id === undefined) !== (r.key === undefined), { message: 'give either id or key', path: ['id'] });

/** A shared template or one of `userId`'s own; NOT_FOUND otherwise (another user's looks missing). */
export async function findTemplate(pool: pg.Pool, userId: string, ref: z.output<typeof templateRef>): Promise<TemplateDetail> {
  const { rows } = await pool.query<TemplateSqlRow>(
    `select ${SUMMARY_COLUMNS}, t.template from workflow_templates t
      where ${ref.id ? 't.id = $2' : 't.key = $2'} and ${VISIBLE_TO_CALLER}`,
    [userId, ref.id ?? ref.key],
  );
  const row = rows[0];
  if (!row?.template) {
    throw new TRPCError({ code: 'NOT_FOUND', message: `No template ${ref.id ?? ref.key}; templates.list shows the ones you can use` });
  }
  return { ...toSummary(row), definition: row.template };
}

/** Every template the caller can use, or those in `category` and its sub-categories; by name. */
export async function listTemplates(pool: pg.Pool, userId: string, category: string | undefined): Promise<TemplateSummary[]> {
  const { rows } = await pool.query<TemplateSqlRow>(
    `with recursive cats(id) as (
       select id from workflow_categories where name = $2
       union select c.id from workflow_categories c join cats on c.parent_id = cats.id)
     select ${SUMMARY_COLUMNS} from workflow_templates t
     where ${VISIBLE_TO_CALLER} and ($2::text is null or t.category = $2 or t.category_id in (select id from cats))
     order by t.name, t.key`,
    [userId, category ?? null],
  );
  return rows.map(toSummary);
}
