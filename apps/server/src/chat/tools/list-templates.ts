import { tool } from 'ai';
import { z } from 'zod';
import type { ChatToolContext } from './context';

/** The workflow templates the user can start from (shared ones and their own; name, purpose, size). */
export function createListTemplatesTool(ctx: ChatToolContext) {
  return tool({
    description: 'List the workflow templates (ready-made workflows) the user can start from, optionally of one category.',
    inputSchema: z.object({ category: z.string().trim().min(1).max(100).optional().describe('e.g. budgeting') }),
    execute: async ({ category }) => {
      const { rows } = await ctx.services.pool.query<{ key: string; name: string; description: string | null; category: string; step_count: number }>(
        `select key, name, description, category,
                coalesce(jsonb_array_length(case jsonb_typeof(template -> 'steps') when 'array' then template -> 'steps' end), 0) as step_count
           from workflow_templates where (owner_id is null or owner_id = $2) and ($1::text is null or category = $1)
          order by name, key limit 100`,
        [category ?? null, ctx.user.id],
      );
      return {
        templates: rows.map((r) => ({ key: r.key, name: r.name, description: r.description, category: r.category, stepCount: Number(r.step_count) })),
      };
    },
  });
}
