import { NotFoundError, type Owner, type RunRecord } from '@stepwise/engine';
import { executionView } from '../../routers/execution-view';
import { type ChatToolContext, noRun, toolResult } from './context';

/** Applies an engine operation on the user's run (the engine checks ownership) and returns its new state. */
export function operateOnRun(ctx: ChatToolContext, runId: string, op: (owner: Owner) => Promise<RunRecord>) {
  return toolResult(async () => {
    try {
      return executionView(await op({ userId: ctx.user.id }));
    } catch (error) {
      if (error instanceof NotFoundError && error.message === `No execution ${runId}`) return noRun(runId);
      throw error;
    }
  });
}
