import { LiveRun } from '../../run/LiveRun';
import { useChatActions } from '../chat-actions';
import { ToolFailureNote } from './ToolFailureNote';
import { executionIdOf, isRunView, type ToolOutputProps } from './types';

/**
 * A tool that acted on a run: the newest such call in the thread shows the run live in full (so the
 * card waiting for the person is always at the bottom); older ones shrink to one line.
 */
export function RunToolCard({ toolCallId, input, output }: ToolOutputProps) {
  const { fullRunCallId } = useChatActions();
  const runId = isRunView(output) ? output.id : executionIdOf(input);
  return (
    <>
      <ToolFailureNote output={output} />
      {runId && <LiveRun runId={runId} compact={toolCallId !== fullRunCallId} />}
    </>
  );
}
