import { tool } from 'ai';
import { z } from 'zod';
import type { ChatToolContext } from './context';
import { executionId, jsonObjectInput, stepId } from './inputs';
import { operateOnRun } from './run-operation';
import { approvalAfterUntrusted } from './untrusted';

export function createSubmitStepInputTool(ctx: ChatToolContext) {
  return tool({
    description:
      'Give the values a waiting data-collection step asks for (field name -> value, as the step\'s form lists them). ' +
      'Invalid values come back as fieldErrors: ask the user for those again.',
    inputSchema: z.object({ executionId, stepId, data: jsonObjectInput }),
    needsApproval: approvalAfterUntrusted(ctx),
    execute: ({ executionId: id, stepId: step, data }) => operateOnRun(ctx, id, (owner) => ctx.services.engine.submitInput(id, step, data, owner)),
  });
}
