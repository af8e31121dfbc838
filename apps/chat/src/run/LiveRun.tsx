import { ErrorNote, InfoNote, Progress } from '../cards/pieces';
import { useRunLive } from '../lib/live';
import { errorMessage, hasErrorCode, trpc } from '../lib/trpc';
import { CompactRun, FullRun } from './run-views';
import { useStepActions } from './use-step-actions';

export interface LiveRunProps {
  runId: string;
  /** Older mentions of a run in the chat: one line instead of the cards. */
  compact?: boolean;
}

/** A run as it is now, kept current by live events: its step cards with working buttons, or one line. */
export function LiveRun({ runId, compact = false }: LiveRunProps) {
  const query = trpc.executions.get.useQuery({ id: runId });
  useRunLive(runId);
  const { actionsFor, conflict } = useStepActions(runId);

  if (query.isPending) return <Progress label="Loading the run…" />;
  if (query.error) {
    if (hasErrorCode(query.error, 'NOT_FOUND')) {
      return <InfoNote>This run cannot be found: it may have been removed, or it belongs to someone else.</InfoNote>;
    }
    return (
      <ErrorNote title="Could not load the run">
        {errorMessage(query.error)}{' '}
        <button type="button" className="btn btn-sm" onClick={() => void query.refetch()}>
          Try again
        </button>
      </ErrorNote>
    );
  }
  if (compact) return <CompactRun run={query.data} />;
  return <FullRun run={query.data} actionsFor={actionsFor} notice={conflict} />;
}
