import { recordGeneration } from '@stepwise/db';
import { AIWorkflowGenerator, createDefaultRegistry, modelName } from '@stepwise/engine';
import { tool } from 'ai';
import { z } from 'zod';
import { outcomesOrNone } from '../../learning/template-outcomes';
import { saveWorkflowVersion } from '../../routers/workflows/save';
import { type ChatToolContext, planOf, toolResult } from './context';
import { approvalAfterUntrusted } from './untrusted';

/** Goal in words -> a validated workflow saved as the user's (version 1), returned as a plan. */
export function createGenerateWorkflowTool(ctx: ChatToolContext) {
  return tool({
    description:
      'Design a new workflow from the user\'s goal in plain words and save it. Returns the plan (steps and their order); ' +
      'show it to the user and offer to start it with start_workflow.',
    inputSchema: z.object({ goal: z.string().trim().min(1).max(4000).describe('What the workflow should do, in the user\'s words') }),
    needsApproval: approvalAfterUntrusted(ctx),
    execute: ({ goal }, { abortSignal }) =>
      toolResult(async () => {
        const outcomes = await outcomesOrNone(ctx.services);
        const generator = new AIWorkflowGenerator({ model: ctx.model.model, registry: createDefaultRegistry(), outcomes });
        const started = Date.now();
        try {
          const result = await generator.generate({ goal, signal: abortSignal });
          const saved = await saveWorkflowVersion(ctx.services.orm.em.fork(), ctx.services.engine, { userId: ctx.user.id, input: result.definition });
          await record(ctx, { goal, model: result.model, ms: result.timeMs, versionId: saved.versionId, error: null });
          return { ...planOf(saved.id, result.definition, saved.version), templateKey: result.templateKey };
        } catch (error) {
          await record(ctx, { goal, model: modelName(ctx.model.model), ms: Date.now() - started, versionId: null, error: (error as Error).message });
          throw error;
        }
      }),
  });
}

/** Every generation is kept (ai_workflow_generations) so success rates can be measured per model. */
function record(ctx: ChatToolContext, g: { goal: string; model: string; ms: number; versionId: string | null; error: string | null }) {
  return recordGeneration(ctx.services.pool, {
    userId: ctx.user.id,
    requirements: { goal: g.goal, source: 'chat' },
    generatedWorkflowId: g.versionId,
    model: g.model,
    generationTimeMs: g.ms,
    success: g.error === null,
    errorMessage: g.error,
  });
}
