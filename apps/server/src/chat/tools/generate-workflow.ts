import { AIWorkflowGenerator, createDefaultRegistry } from '@stepwise/engine';
import { tool } from 'ai';
import { z } from 'zod';
import { outcomesOrNone } from '../../learning/template-outcomes';
import { saveWorkflowVersion } from '../../routers/workflows/save';
import { type ChatToolContext, planOf, toolResult } from './context';

/** Goal in words -> a validated workflow saved as the user's (version 1), returned as a plan. */
export function createGenerateWorkflowTool(ctx: ChatToolContext) {
  return tool({
    description:
      'Design a new workflow from the user\'s goal in plain words and save it. Returns the plan (steps and their order); ' +
      'show it to the user and offer to start it with start_workflow.',
    inputSchema: z.object({ goal: z.string().trim().min(1).max(4000).describe('What the workflow should do, in the user\'s words') }),
    execute: ({ goal }, { abortSignal }) =>
      toolResult(async () => {
        const outcomes = await outcomesOrNone(ctx.services);
        const generator = new AIWorkflowGenerator({ model: ctx.model.model, registry: createDefaultRegistry(), outcomes });
        const started = Date.now();
        try {
          const result = await generator.generate({ goal, signal: abortSignal });
          const saved = await saveWorkflowVersion(ctx.services.orm.em.fork(), ctx.services.engine, { userId: ctx.user.id, input: result.definition });
          await recordGeneration(ctx, { goal, model: result.model, ms: result.timeMs, versionId: saved.versionId, error: null });
          return { ...planOf(saved.id, result.definition, saved.version), templateKey: result.templateKey };
        } catch (error) {
          await recordGeneration(ctx, { goal, model: modelLabel(ctx), ms: Date.now() - started, versionId: null, error: (error as Error).message });
          throw error;
        }
      }),
  });
}

const modelLabel = (ctx: ChatToolContext) => (typeof ctx.model.model === 'string' ? ctx.model.model : `${ctx.model.model.provider}:${ctx.model.model.modelId}`);

/** Every generation is kept (ai_workflow_generations) so success rates can be measured per model. */
async function recordGeneration(
  ctx: ChatToolContext,
  g: { goal: string; model: string; ms: number; versionId: string | null; error: string | null },
): Promise<void> {
  await ctx.services.pool.query(
    `insert into ai_workflow_generations (user_id, requirements, generated_workflow_id, ai_model, generation_time_ms, success, error_message)
     values ($1, $2::jsonb, $3, $4, $5, $6, $7)`,
    [ctx.user.id, JSON.stringify({ goal: g.goal, source: 'chat' }), g.versionId, g.model.slice(0, 100), g.ms, g.error === null, g.error],
  );
}
