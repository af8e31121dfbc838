import { isToolUIPart, type UIMessage } from 'ai';
import { executionIdOf, isRunView } from './tool-cards/types';

type Part = UIMessage['parts'][number];

/** The run a settled tool part speaks of: the run it returned, or the one its input named. */
export function runIdOfPart(part: Part): string | null {
  if (!isToolUIPart(part)) return null;
  if (part.state === 'output-available' && isRunView(part.output)) return part.output.id;
  if (part.state === 'output-available' || part.state === 'output-error' || part.state === 'output-denied') return executionIdOf(part.input);
  return null;
}

export interface RunMention {
  runId: string;
  toolCallId: string;
}

/** The newest tool part that speaks of a run: it shows the run in full, older ones one line each. */
export function latestRunMention(messages: readonly UIMessage[]): RunMention | null {
  for (let m = messages.length - 1; m >= 0; m--) {
    const parts = messages[m]!.parts;
    for (let p = parts.length - 1; p >= 0; p--) {
      const part = parts[p]!;
      const runId = runIdOfPart(part);
      if (runId && isToolUIPart(part)) return { runId, toolCallId: part.toolCallId };
    }
  }
  return null;
}
