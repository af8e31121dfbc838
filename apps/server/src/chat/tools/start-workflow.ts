import { tool } from 'ai';
import { z } from 'zod';
import { executionView } from '../../routers/execution-view';
import { assertRunCapacity } from '../../security/run-cap';
import { jsonObjectInput } from './inputs';
import { type ChatToolContext, noWorkflow, ownWorkflow, toolResult } from './context';
import { approvalAfterUntrusted } from './untrusted';

const input = z.object({
  workflowId: z.uuid().describe('The workflowId generate_workflow returned'),
  input: jsonObjectInput.optional().describe('Initial values, if the user gave any'),
});

/** Starts a run of the user's workflow (its latest version); the result shows the first waiting step. */
export function createStartWorkflowTool(ctx: ChatToolContext) {
  return tool({
    description: 'Start a run of one of the user\'s workflows. Returns the execution with its steps; the first one usually waits for input.',
    inputSchema: input,
    // A run with AI steps on a paid model spends money, and a start after untrusted run data may be injected: the person confirms first.
    needsApproval: async (args, options) => {
      const { workflowId } = args;
      if (ctx.model.builtin) return false;
      if (approvalAfterUntrusted(ctx)(args, options)) return true;
      const workflow = await ownWorkflow(ctx, workflowId).catch(() => null);
      return workflow?.definition.steps.some((s) => s.ai_generated || s.type === 'ai_generated') ?? false;
    },
    execute: ({ workflowId, input: values }) =>
      toolResult(async () => {
        const workflow = await ownWorkflow(ctx, workflowId);
        if (!workflow) return noWorkflow(workflowId);
        await assertRunCapacity(ctx.services, ctx.user.id);
        const run = await ctx.services.engine.start({
          workflowId: workflow.versionId,
          definition: workflow.definition,
          userId: ctx.user.id,
          sessionId: `chat:${ctx.threadId}`,
          input: values,
        });
        return executionView(run);
      }),
  });
}
