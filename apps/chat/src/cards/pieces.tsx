import { type ButtonHTMLAttributes, type ReactNode, useId } from 'react';
import { formatValue, humanize, statusLabel } from '../lib/format';
import { errorMessage } from '../lib/trpc';

/** The building blocks every card is made of, so all cards look and behave alike. */

export type CardTone = 'default' | 'success' | 'danger' | 'muted' | 'attention';

export function Card({ title, kicker, status, icon, children, actions, tone, testId }: {
  title: ReactNode;
  /** A small label above the title: the step type or the tool. */
  kicker?: ReactNode;
  status?: string;
  icon?: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
  tone?: CardTone;
  testId?: string;
}) {
  const titleId = useId();
  return (
    <section className={`card card-${tone ?? 'default'}`} aria-labelledby={titleId} data-testid={testId}>
      <header className="card-header">
        {icon && <span className="card-icon" aria-hidden="true">{icon}</span>}
        <div className="card-titles">
          {kicker && <p className="card-kicker">{kicker}</p>}
          <h3 className="card-title" id={titleId}>
            {title}
          </h3>
        </div>
        {status && <StatusBadge status={status} />}
      </header>
      {children !== undefined && <div className="card-body">{children}</div>}
      {actions && <footer className="card-actions">{actions}</footer>}
    </section>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge badge-${status}`} data-status={status}>
      {statusLabel(status)}
    </span>
  );
}

/** Labelled values (a step's outputs, a run's inputs) as a definition list. */
export function KeyValues({ values, empty = 'Nothing yet' }: { values: Record<string, unknown> | null | undefined; empty?: string }) {
  const entries = Object.entries(values ?? {}).filter(([k]) => !k.startsWith('_'));
  if (entries.length === 0) return <p className="muted">{empty}</p>;
  return (
    <dl className="kv">
      {entries.map(([key, value]) => (
        <div className="kv-row" key={key}>
          <dt>{humanize(key)}</dt>
          <dd>{value !== null && typeof value === 'object' && !Array.isArray(value) ? <KeyValues values={value as Record<string, unknown>} /> : formatValue(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** An error in plain words, announced to screen readers. */
export function ErrorNote({ children, title = 'Something went wrong' }: { children: ReactNode; title?: string }) {
  return (
    <div className="note note-error" role="alert">
      <strong>{title}</strong>
      <div>{children}</div>
    </div>
  );
}

/** A rejected server call, in the server's words; nothing when there is no error. */
export function ActionError({ error, title = 'That did not go through' }: { error: unknown; title?: string }) {
  if (error === null || error === undefined) return null;
  return <ErrorNote title={title}>{errorMessage(error)}</ErrorNote>;
}

/** A button that shows a spinner and its busy label while its action runs. */
export function BusyButton({ busy, busyLabel, children, className = 'btn', disabled, type = 'button', ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & {
  busy: boolean;
  busyLabel: string;
}) {
  return (
    <button {...rest} type={type} className={className} disabled={busy || disabled} aria-busy={busy || undefined}>
      {busy && <span className="spinner spinner-sm" aria-hidden="true" />}
      {busy ? busyLabel : children}
    </button>
  );
}

export function InfoNote({ children }: { children: ReactNode }) {
  return <div className="note note-info">{children}</div>;
}

/** Work in progress: a spinner and what is happening, announced politely. */
export function Progress({ label }: { label: string }) {
  return (
    <p className="progress" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  );
}

export function PageLoading({ label = 'Loading' }: { label?: string }) {
  return (
    <div className="page-loading">
      <Progress label={`${label}…`} />
    </div>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children && <div className="muted">{children}</div>}
      {action && <div className="empty-action">{action}</div>}
    </div>
  );
}
