import { tool } from 'ai';
import { z } from 'zod';
import type { ChatToolContext } from './context';
import { executionId, stepId } from './inputs';
import { operateOnRun } from './run-operation';
import { approvalAfterUntrusted } from './untrusted';

export function createAcceptStepTool(ctx: ChatToolContext) {
  return tool({
    description: 'Accept the proposal of a step waiting for review (e.g. an AI-written analysis) so the run continues.',
    inputSchema: z.object({ executionId, stepId }),
    needsApproval: approvalAfterUntrusted(ctx),
    execute: ({ executionId: id, stepId: step }) => operateOnRun(ctx, id, (owner) => ctx.services.engine.accept(id, step, owner)),
  });
}
