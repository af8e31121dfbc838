import { listAiStepExecutions, recordGeneration } from '@stepwise/db';
import { AIWorkflowGenerator, createDefaultRegistry, WorkflowGenerationError, modelName } from '@stepwise/engine';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { mapErrors, toTRPCError } from '../errors';
import { applyImprovements } from '../learning/recommendations';
import { outcomesOrNone } from '../learning/template-outcomes';
import { authedProcedure, router } from '../trpc';
import { executionView } from './execution-view';
import { saveWorkflowVersion } from './workflows/save';
import { type AuthedContext, ownRun } from './own-run';

const executionId = z.uuid({ error: 'must be an execution id (a UUID)' });

function configuredModel(ctx: AuthedContext) {
  const model = ctx.services.ai?.model;
  if (!model) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'No language model is configured (set MODEL)' });
  return { model, name: modelName(model) };
}

export const aiRouter = router({
  /** Goal in words -> a validated workflow saved as the caller's; every try is recorded in ai_workflow_generations. */
  generate: authedProcedure.input(z.object({ goal: z.string().trim().min(1).max(10_000) })).mutation(async ({ ctx, input }) => {
    const { model, name } = configuredModel(ctx);
    const { pool, engine, orm, log } = ctx.services;
    const generator = new AIWorkflowGenerator({ model, registry: createDefaultRegistry(), outcomes: await outcomesOrNone(ctx.services) });
    const started = Date.now();
    const record = (outcome: { success: boolean; versionId: string | null; error: string | null; model?: string }) =>
      recordGeneration(pool, {
        userId: ctx.user.id,
        requirements: { goal: input.goal },
        generatedWorkflowId: outcome.versionId,
        model: outcome.model ?? name,
        generationTimeMs: Date.now() - started,
        success: outcome.success,
        errorMessage: outcome.error,
      }).catch((error: unknown) => log.warn({ err: String(error) }, 'workflow generation not recorded'));
    try {
      const result = await generator.generate({ goal: input.goal });
      const workflow = await saveWorkflowVersion(orm.em.fork(), engine, { userId: ctx.user.id, input: result.definition });
      await record({ success: true, versionId: workflow.versionId, error: null, model: result.model });
      return { workflow, attempts: result.attempts, templateKey: result.templateKey, usage: result.usage, model: result.model };
    } catch (error) {
      await record({ success: false, versionId: null, error: error instanceof Error ? error.message : String(error) });
      if (error instanceof WorkflowGenerationError) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause: error });
      }
      throw toTRPCError(error);
    }
  }),

  /**
   * Produces an AI step's result again: a step waiting for review or completed is rejected with empty
   * feedback, so the model is asked anew (bypassing the response cache); CONFLICT for any other state.
   */
  executeStep: authedProcedure.input(z.object({ id: executionId, stepId: z.string().min(1).max(63) })).mutation(async ({ ctx, input }) => {
    return executionView(await mapErrors(() => ctx.services.engine.reject(input.id, input.stepId, '', { userId: ctx.user.id })));
  }),

  /**
   * Applies chosen recommendations of learning.recommendations as a new version of the workflow and
   * returns it; CONFLICT when the workflow changed since or an id is no longer recommended.
   */
  optimize: authedProcedure
    .input(
      z.object({
        workflowId: z.uuid({ error: 'must be a workflow id (a UUID)' }),
        improvementIds: z.array(z.string().min(1).max(200)).min(1, 'choose at least one recommendation').max(50),
      }),
    )
    .mutation(({ ctx, input }) => mapErrors(() => applyImprovements(ctx.services, input.workflowId, input.improvementIds, ctx.user))),

  /** The run's recorded model calls, oldest first, with tokens, cost (USD, decimal string) and latency. */
  calls: authedProcedure.input(z.object({ executionId })).query(async ({ ctx, input }) => {
    await ownRun(ctx, input.executionId);
    const { sealer } = ctx.services;
    return (await listAiStepExecutions(ctx.services.pool, input.executionId)).map((c) => {
      const call = { runId: input.executionId, stepId: c.stepId, attempt: c.attempt };
      return { ...c, prompt: sealer.openCallText(call, 'prompt', c.prompt), response: sealer.openCallText(call, 'response', c.response) };
    });
  }),
});
