import { tool } from 'ai';
import { z } from 'zod';
import { saveWorkflowVersion } from '../../routers/workflows/save';
import { type ChatToolContext, noWorkflow, ownWorkflow, planOf, toolResult } from './context';
import { applyWorkflowEdits, EditError, workflowEditSchema } from './workflow-edits';
import { approvalAfterUntrusted } from './untrusted';

/** Changes one of the user's workflows by explicit edits; the result is validated and saved as a new version. */
export function createModifyWorkflowTool(ctx: ChatToolContext) {
  return tool({
    description:
      'Change one of the user\'s workflows: add, remove or reorder steps, change a step\'s fields, condition or other config, or rename it. ' +
      'Translate the user\'s instruction into edits (applied in order). Saves a new version and returns the new plan; ' +
      'if the result is invalid nothing is saved and the problems are returned.',
    inputSchema: z.object({
      workflowId: z.uuid(),
      instruction: z.string().max(2000).describe('The user\'s request, in their words'),
      edits: z.array(workflowEditSchema).min(1).max(20),
    }),
    needsApproval: approvalAfterUntrusted(ctx),
    execute: ({ workflowId, edits }) =>
      toolResult(async () => {
        const workflow = await ownWorkflow(ctx, workflowId);
        if (!workflow) return noWorkflow(workflowId);
        let changed;
        try {
          changed = applyWorkflowEdits(workflow.definition, edits);
        } catch (error) {
          if (error instanceof EditError) return { error: error.message };
          throw error;
        }
        const saved = await saveWorkflowVersion(ctx.services.orm.em.fork(), ctx.services.engine, {
          userId: ctx.user.id,
          input: changed,
          workflowId,
          previous: workflow.definition,
        });
        return planOf(saved.id, changed, saved.version);
      }),
  });
}
