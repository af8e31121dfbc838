import type { RunRecord } from '@stepwise/engine';
import { executionView } from '../../routers/execution-view';
import { type ChatToolContext, noRun, ownRun, toolResult } from './context';

/** Checks the run is the user's, applies an engine operation and returns the run's new state. */
export function operateOnRun(ctx: ChatToolContext, runId: string, op: () => Promise<RunRecord>) {
  return toolResult(async () => {
    if (!(await ownRun(ctx, runId))) return noRun(runId);
    return executionView(await op());
  });
}
