import { tool } from 'ai';
import { z } from 'zod';
import type { ChatToolContext } from './context';
import { executionId } from './inputs';
import { operateOnRun } from './run-operation';

export function createCancelWorkflowTool(ctx: ChatToolContext) {
  return tool({
    description: 'Cancel an execution for good (it cannot be resumed). The user is asked to confirm before it happens.',
    inputSchema: z.object({ executionId }),
    // Cancelling cannot be undone: always the person's decision.
    needsApproval: true,
    execute: ({ executionId: id }) => operateOnRun(ctx, id, (owner) => ctx.services.engine.cancel(id, owner)),
  });
}
