import { Link } from 'react-router';
import { humanize } from '../../lib/format';
import { formatStarted } from '../run-timing';
import { actionLabel, actorLabel, outcomeLabel } from './describe';
import type { AuditEntry } from './useAudit';

function Target({ entry }: { entry: AuditEntry }) {
  const { targetType: type, targetId: id } = entry;
  if (!type || !id) return <span className="muted">—</span>;
  const label = `${humanize(type)} ${id.slice(0, 8)}`;
  if (type === 'execution') {
    return (
      <Link to={`/executions/${id}`} title={id}>
        {label}
      </Link>
    );
  }
  return <span title={id}>{label}</span>;
}

const COLUMNS = ['Time', 'Who', 'What', 'Target', 'Outcome'];

/** One audit entry per row: when, who, what, on which target, and how it ended. */
export function AuditTable({ items, now = Date.now() }: { items: AuditEntry[]; now?: number }) {
  return (
    <table className="data-table audit-table">
      <caption className="sr-only">Audit log, newest first</caption>
      <thead>
        <tr>
          {COLUMNS.map((c) => (
            <th scope="col" key={c}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.map((entry) => (
          <tr key={entry.id}>
            <td>
              <time dateTime={entry.at} title={new Date(entry.at).toLocaleString()}>
                {formatStarted(entry.at, now)}
              </time>
            </td>
            <td>{actorLabel(entry)}</td>
            <td>
              {actionLabel(entry.action)}
              <code className="audit-action">{entry.action}</code>
            </td>
            <td>
              <Target entry={entry} />
            </td>
            <td>
              <span className={`badge ${entry.outcome === 'ok' ? 'badge-completed' : 'badge-failed'}`} data-outcome={entry.outcome}>
                {outcomeLabel(entry.outcome)}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
