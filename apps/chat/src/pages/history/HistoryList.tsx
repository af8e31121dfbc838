import { Link } from 'react-router';
import { StatusBadge } from '../../cards/pieces';
import type { ExecutionListItem } from '../../lib/types';
import { formatStarted, runDurationLabel } from '../run-timing';

/** One run per row; the whole row is the link to its page. */
export function HistoryList({ items, now = Date.now() }: { items: ExecutionListItem[]; now?: number }) {
  return (
    <div className="history-list">
      <div className="history-list-head" aria-hidden="true">
        <span>Workflow</span>
        <span>Status</span>
        <span>Started</span>
        <span>Duration</span>
      </div>
      <ul className="history-list-rows">
        {items.map((run) => (
          <li key={run.id}>
            <Link className="history-row" to={`/executions/${run.id}`}>
              <span className="history-row-name">
                <strong>{run.workflowName}</strong>
                <span className="muted"> · Version {run.workflowVersion}</span>
              </span>
              <span className="history-row-status">
                <StatusBadge status={run.status} />
              </span>
              <span className="history-row-meta">
                <span className="sr-only">Started </span>
                <time dateTime={run.startedAt} title={new Date(run.startedAt).toLocaleString()}>
                  {formatStarted(run.startedAt, now)}
                </time>
              </span>
              <span className="history-row-meta">
                <span className="sr-only">Duration </span>
                {runDurationLabel(run.startedAt, run.completedAt, now)}
              </span>
              {run.status === 'failed' && run.error && <span className="history-row-error">{run.error}</span>}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
