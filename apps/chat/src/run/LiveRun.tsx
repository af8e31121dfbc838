// Contract stub: a run's cards, live (filled in this change).
export interface LiveRunProps {
  runId: string;
  /** Older mentions of a run in the chat: one line instead of the cards. */
  compact?: boolean;
}

export function LiveRun(_props: LiveRunProps) {
  return null;
}
