import { tool } from 'ai';
import { z } from 'zod';
import { executionView } from '../../routers/execution-view';
import { type ChatToolContext, noRun, ownRun, toolResult } from './context';
import { executionId } from './inputs';

export function createGetStatusTool(ctx: ChatToolContext) {
  return tool({
    description: 'Get the current state of an execution: its status, each step\'s status, what is waiting and the results so far.',
    inputSchema: z.object({ executionId }),
    execute: ({ executionId: id }) =>
      toolResult(async () => {
        const run = await ownRun(ctx, id);
        return run ? executionView(run) : noRun(id);
      }),
  });
}
