import { tool } from 'ai';
import { z } from 'zod';
import type { ChatToolContext } from './context';
import { executionId } from './inputs';
import { operateOnRun } from './run-operation';
import { approvalAfterUntrusted } from './untrusted';

export function createPauseWorkflowTool(ctx: ChatToolContext) {
  return tool({
    description: 'Pause a running execution; nothing further runs until resume_workflow.',
    inputSchema: z.object({ executionId }),
    needsApproval: approvalAfterUntrusted(ctx),
    execute: ({ executionId: id }) => operateOnRun(ctx, id, (owner) => ctx.services.engine.pause(id, owner)),
  });
}
