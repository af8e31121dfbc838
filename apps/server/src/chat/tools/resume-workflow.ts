import { tool } from 'ai';
import { z } from 'zod';
import type { ChatToolContext } from './context';
import { executionId } from './inputs';
import { operateOnRun } from './run-operation';
import { approvalAfterUntrusted } from './untrusted';

export function createResumeWorkflowTool(ctx: ChatToolContext) {
  return tool({
    description: 'Resume a paused execution where it stopped.',
    inputSchema: z.object({ executionId }),
    needsApproval: approvalAfterUntrusted(ctx),
    execute: ({ executionId: id }) => operateOnRun(ctx, id, (owner) => ctx.services.engine.resume(id, owner)),
  });
}
