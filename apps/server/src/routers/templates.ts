import type { WorkflowDefinitionInput } from '@stepwise/engine';
import { TRPCError } from '@trpc/server';
import type pg from 'pg';
import { z } from 'zod';
import { mapErrors } from '../errors';
import { adminProcedure, authedProcedure, router } from '../trpc';
import { definitionInputSchema, jsonStorageProblem } from './workflows/definition-input';
import { saveWorkflowVersion } from './workflows/save';

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
}

export interface TemplateDetail extends TemplateSummary {
  /** The definition as written; `instantiate` copies it into a workflow of yours. */
  definition: WorkflowDefinitionInput;
}

const COLUMNS = `t.id, t.key, t.name, t.description, t.category, t.category_id, t.usage_count,
  coalesce(jsonb_array_length(case jsonb_typeof(t.template -> 'steps') when 'array' then t.template -> 'steps' end), 0) as step_count`;

interface TemplateSqlRow {
  id: string;
  key: string;
  name: string;
  description: string | null;
  category: string;
  category_id: string | null;
  usage_count: number;
  step_count: number;
  template?: WorkflowDefinitionInput;
}

const toSummary = (r: TemplateSqlRow): TemplateSummary => ({
  id: r.id,
  key: r.key,
  name: r.name,
  description: r.description,
  category: r.category,
  categoryId: r.category_id,
  stepCount: Number(r.step_count),
  usageCount: Number(r.usage_count),
});

/** One template by id or by key. */
const templateRef = z
  .object({
    id: z.guid('id must be a template id (a UUID)').optional(),
    key: z.string().min(1).max(100).regex(/^[a-z0-9][a-z0-9_-]*$/, 'key is a lowercase slug like monthly-budget-review').optional(),
  })
  .refine((r) => (r.id === undefined) !== (r.key === undefined), { message: 'give either id or key', path: ['id'] });

async function findTemplate(pool: pg.Pool, ref: z.output<typeof templateRef>): Promise<TemplateDetail> {
  const { rows } = await pool.query<TemplateSqlRow>(
    `select ${COLUMNS}, t.template from workflow_templates t where ${ref.id ? 't.id = $1' : 't.key = $1'}`,
    [ref.id ?? ref.key],
  );
  const row = rows[0];
  if (!row?.template) {
    throw new TRPCError({ code: 'NOT_FOUND', message: `No template ${ref.id ?? ref.key}; templates.list shows the ones there are` });
  }
  return { ...toSummary(row), definition: row.template };
}

export const templatesRouter = router({
  /** Every template, or those in `category` and its sub-categories; by name. */
  list: authedProcedure
    .input(
      z
        .object({
          category: z
            .string()
            .trim()
            .min(1)
            .max(100)
            .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters')
            .optional(),
        })
        .default({}),
    )
    .query(({ ctx, input }) =>
      mapErrors(async (): Promise<TemplateSummary[]> => {
        const { rows } = await ctx.services.pool.query<TemplateSqlRow>(
          `with recursive cats(id) as (
             select id from workflow_categories where name = $1
             union select c.id from workflow_categories c join cats on c.parent_id = cats.id)
           select ${COLUMNS} from workflow_templates t
           where $1::text is null or t.category = $1 or t.category_id in (select id from cats)
           order by t.name, t.key`,
          [input.category ?? null],
        );
        return rows.map(toSummary);
      }),
    ),

  get: authedProcedure.input(templateRef).query(({ ctx, input }) => mapErrors(() => findTemplate(ctx.services.pool, input))),

  /** Copies the template's definition into a new workflow of the user (validated) and counts the use. */
  instantiate: authedProcedure.input(templateRef).mutation(({ ctx, input }) =>
    mapErrors(async () => {
      const template = await findTemplate(ctx.services.pool, input);
      return ctx.services.orm.em.fork().transactional(async (tx) => {
        const summary = await saveWorkflowVersion(tx, ctx.services.engine, { userId: ctx.user.id, input: template.definition });
        await tx.execute('update workflow_templates set usage_count = usage_count + 1 where id = ?', [template.id]);
        return summary;
      });
    }),
  ),

  /** Admins: add a template or replace the one with this key (validated like any definition). */
  save: adminProcedure
    .input(z.object({ key: z.string().min(1).max(100).regex(/^[a-z0-9][a-z0-9_-]*$/, 'key is a lowercase slug like monthly-budget-review'), definition: definitionInputSchema }))
    .mutation(({ ctx, input }) =>
      mapErrors(async (): Promise<TemplateSummary> => {
        const problem = jsonStorageProblem(input.definition);
        if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: `definition: ${problem}` });
        const definition = ctx.services.engine.validate(input.definition);
        await ctx.services.pool.query(
          `insert into workflow_templates (key, name, description, category, category_id, template)
           values ($1, $2, $3, $4::varchar, (select id from workflow_categories where name = $4::varchar), $5::jsonb)
           on conflict (key) do update set name = excluded.name, description = excluded.description,
             category = excluded.category, category_id = excluded.category_id, template = excluded.template, updated_at = now()`,
          [input.key, definition.name, definition.description, definition.category, JSON.stringify(input.definition)],
        );
        const { definition: _stored, ...summary } = await findTemplate(ctx.services.pool, { key: input.key });
        return summary;
      }),
    ),

  /** Admins: delete a template (workflows made from it are unaffected). */
  remove: adminProcedure.input(z.object({ id: z.guid('id must be a template id (a UUID)') })).mutation(({ ctx, input }) =>
    mapErrors(async () => {
      const { rowCount } = await ctx.services.pool.query('delete from workflow_templates where id = $1', [input.id]);
      if (!rowCount) throw new TRPCError({ code: 'NOT_FOUND', message: `No template ${input.id}` });
      return { id: input.id, removed: true as const };
    }),
  ),
});
