import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { mapErrors } from '../errors';
import { adminProcedure, authedProcedure, router } from '../trpc';
import { findTemplate, listTemplates, templateId, templateKey, templateRef, type TemplateSummary } from './templates/catalog';
import { removeOwnTemplate, saveWorkflowAsTemplate } from './templates/personal';
import { definitionInputSchema, jsonStorageProblem } from './workflows/definition-input';
import { saveWorkflowVersion } from './workflows/save';

export const templatesRouter = router({
  /** The shared templates and the caller's own, or those in `category` and its sub-categories; by name. */
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
    .query(({ ctx, input }) => mapErrors(() => listTemplates(ctx.services.pool, ctx.user.id, input.category))),

  get: authedProcedure.input(templateRef).query(({ ctx, input }) => mapErrors(() => findTemplate(ctx.services.pool, ctx.user.id, input))),

  /** Copies the template's definition into a new workflow of the user (validated) and counts the use. */
  instantiate: authedProcedure.input(templateRef).mutation(({ ctx, input }) =>
    mapErrors(async () => {
      const template = await findTemplate(ctx.services.pool, ctx.user.id, input);
      return ctx.services.orm.em.fork().transactional(async (tx) => {
        const summary = await saveWorkflowVersion(tx, ctx.services.engine, { userId: ctx.user.id, input: template.definition });
        await tx.execute('update workflow_templates set usage_count = usage_count + 1 where id = ?', [template.id]);
        return summary;
      });
    }),
  ),

  /** Saves the latest version of one of the caller's workflows as a template only they see. */
  saveMine: authedProcedure
    .input(z.object({ workflowId: z.guid('workflowId must be a workflow id (a UUID)') }))
    .mutation(({ ctx, input }) => mapErrors(() => saveWorkflowAsTemplate(ctx.services, ctx.user.id, input.workflowId))),

  /** Deletes one of the caller's own templates (workflows made from it are unaffected). */
  removeMine: authedProcedure
    .input(z.object({ id: templateId }))
    .mutation(({ ctx, input }) => mapErrors(() => removeOwnTemplate(ctx.services, ctx.user.id, input.id))),

  /** Admins: add a shared template or replace the one with this key (validated like any definition). */
  save: adminProcedure.input(z.object({ key: templateKey, definition: definitionInputSchema })).mutation(({ ctx, input }) =>
    mapErrors(async (): Promise<TemplateSummary> => {
      const problem = jsonStorageProblem(input.definition);
      if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: `definition: ${problem}` });
      const definition = ctx.services.engine.validate(input.definition);
      // A user's own template is never overwritten: its key stays theirs.
      const { rowCount } = await ctx.services.pool.query(
        `insert into workflow_templates (key, name, description, category, category_id, template)
         values ($1, $2, $3, $4::varchar, (select id from workflow_categories where name = $4::varchar), $5::jsonb)
         on conflict (key) do update set name = excluded.name, description = excluded.description,
           category = excluded.category, category_id = excluded.category_id, template = excluded.template, updated_at = now()
         where workflow_templates.owner_id is null`,
        [input.key, definition.name, definition.description, definition.category, JSON.stringify(input.definition)],
      );
      if (!rowCount) throw new TRPCError({ code: 'CONFLICT', message: `The key ${input.key} is taken by a user's own template; choose another key` });
      const { definition: _stored, ...summary } = await findTemplate(ctx.services.pool, ctx.user.id, { key: input.key });
      return summary;
    }),
  ),

  /** Admins: delete a template (workflows made from it are unaffected). */
  remove: adminProcedure.input(z.object({ id: templateId })).mutation(({ ctx, input }) =>
    mapErrors(async () => {
      const { rowCount } = await ctx.services.pool.query('delete from workflow_templates where id = $1', [input.id]);
      if (!rowCount) throw new TRPCError({ code: 'NOT_FOUND', message: `No template ${input.id}` });
      return { id: input.id, removed: true as const };
    }),
  ),
});
