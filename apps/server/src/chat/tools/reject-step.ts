import { tool } from 'ai';
import { z } from 'zod';
import type { ChatToolContext } from './context';
import { executionId, stepId } from './inputs';
import { operateOnRun } from './run-operation';
import { approvalAfterUntrusted } from './untrusted';

export function createRejectStepTool(ctx: ChatToolContext) {
  return tool({
    description: 'Reject the proposal of a step waiting for review, with the user\'s feedback; the step is redone taking it into account.',
    inputSchema: z.object({ executionId, stepId, feedback: z.string().max(4000).describe('What should change, in the user\'s words') }),
    needsApproval: approvalAfterUntrusted(ctx),
    execute: ({ executionId: id, stepId: step, feedback }) => operateOnRun(ctx, id, (owner) => ctx.services.engine.reject(id, step, feedback, owner)),
  });
}
