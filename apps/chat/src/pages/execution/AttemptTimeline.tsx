import { KeyValues, StatusBadge } from '../../cards/pieces';
import { formatDateTime, formatDuration, formatValue, stepTypeLabel } from '../../lib/format';
import type { StepAttempt } from '../../lib/types';

const asValues = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

/** Every attempt of every step, oldest first: what went in, what came out, feedback and errors. */
export function AttemptTimeline({ attempts, stepNames }: { attempts: StepAttempt[]; stepNames: Record<string, string> }) {
  const started = attempts.filter((a) => a.status !== 'pending');
  if (started.length === 0) return <p className="muted">No step has started yet.</p>;
  return (
    <ol className="timeline">
      {started.map((a) => (
        <li key={`${a.stepId}#${a.attempt}`} className={`timeline-item timeline-${a.status}`}>
          <span className="timeline-dot" aria-hidden="true" />
          <AttemptEntry attempt={a} name={stepNames[a.stepId] ?? a.stepId} />
        </li>
      ))}
    </ol>
  );
}

function AttemptEntry({ attempt: a, name }: { attempt: StepAttempt; name: string }) {
  const rejected = a.error?.code === 'rejected';
  // A waiting form's output is the form itself, not a result.
  const output = a.status === 'completed' || (a.status === 'waiting' && a.waitingFor === 'review') ? a.output : null;
  const inputs = asValues(a.input);
  return (
    <article className="timeline-entry" aria-label={`${name}, attempt ${a.attempt}`}>
      <header className="timeline-header">
        <div>
          <h3 className="timeline-title">{name}</h3>
          <p className="timeline-meta">
            {stepTypeLabel(a.type)} · Attempt {a.attempt}
            {a.startedAt && <> · {formatDateTime(a.startedAt)}</>}
            {a.durationMs !== null && <> · took {formatDuration(a.durationMs)}</>}
          </p>
        </div>
        <StatusBadge status={rejected ? 'rejected' : a.status} />
      </header>
      {a.feedback && (
        <p className="timeline-feedback">
          <strong>{rejected ? 'Rejected with feedback:' : 'Feedback given:'}</strong> “{a.feedback}”
        </p>
      )}
      {a.error && !rejected && (
        <p className="timeline-error" role="note">
          <strong>What went wrong:</strong> {a.error.message}
        </p>
      )}
      {inputs && Object.keys(inputs).length > 0 && (
        <details className="timeline-details">
          <summary>Inputs</summary>
          <KeyValues values={inputs} />
        </details>
      )}
      {output !== null && output !== undefined && (
        <details className="timeline-details" open={a.status === 'completed'}>
          <summary>{a.status === 'completed' ? 'Result' : 'Proposed result'}</summary>
          {asValues(output) ? <KeyValues values={asValues(output)} /> : <p>{formatValue(output)}</p>}
        </details>
      )}
    </article>
  );
}
