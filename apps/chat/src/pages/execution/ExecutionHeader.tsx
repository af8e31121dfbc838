import { Link } from 'react-router';
import { ErrorNote, StatusBadge } from '../../cards/pieces';
import { formatDateTime } from '../../lib/format';
import type { ExecutionView } from '../../lib/types';
import { runDurationLabel } from '../run-timing';

/** The run at a glance: which workflow, where it stands, when and how long. */
export function ExecutionHeader({ run }: { run: Pick<ExecutionView, 'workflowName' | 'status' | 'startedAt' | 'completedAt' | 'error'> }) {
  return (
    <header className="exec-header">
      <Link className="back-link" to="/executions">
        ← History
      </Link>
      <div className="exec-title">
        <h1>{run.workflowName}</h1>
        <StatusBadge status={run.status} />
      </div>
      <dl className="exec-facts">
        <div>
          <dt>Started</dt>
          <dd>{formatDateTime(run.startedAt)}</dd>
        </div>
        <div>
          <dt>Finished</dt>
          <dd>{run.completedAt ? formatDateTime(run.completedAt) : 'Not yet'}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{runDurationLabel(run.startedAt, run.completedAt)}</dd>
        </div>
      </dl>
      {run.status === 'failed' && run.error && <ErrorNote title="The run stopped">{run.error.message}</ErrorNote>}
    </header>
  );
}
