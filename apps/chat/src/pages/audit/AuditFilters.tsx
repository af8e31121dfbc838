import { type FormEvent, useId, useState } from 'react';
import type { AuditFilter } from './useAudit';

/** Quick picks for the action filter; any other action can be typed. */
export const ACTION_CHOICES = ['auth.sign_in', 'auth.sign_in_failed', 'auth.sign_up', 'auth.change_password', 'executions.start', 'executions.cancel', 'workflows.create', 'chat.tool.start_workflow'];

interface Draft {
  actor: string;
  action: string;
  targetId: string;
  from: string;
  to: string;
}

const EMPTY: Draft = { actor: '', action: '', targetId: '', from: '', to: '' };

/** The filter the server takes: blanks dropped, days as whole UTC days (to is inclusive). */
export function toFilter(draft: Draft): AuditFilter {
  const text = (value: string) => value.trim() || undefined;
  const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();
  return {
    actor: text(draft.actor),
    action: text(draft.action),
    targetId: text(draft.targetId),
    from: draft.from ? new Date(`${draft.from}T00:00:00Z`).toISOString() : undefined,
    to: draft.to ? nextDay(draft.to) : undefined,
  };
}

/** Who, what, which target and which days; applied when submitted so typing does not query per key. */
export function AuditFilters({ onApply }: { onApply: (filter: AuditFilter) => void }) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const id = useId();
  const field = (key: keyof Draft, label: string, extra: { type?: string; placeholder?: string; list?: string } = {}) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input id={`${id}-${key}`} type={extra.type ?? 'text'} placeholder={extra.placeholder} list={extra.list} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
    </div>
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(toFilter(draft));
  };
  return (
    <form className="toolbar audit-filters" onSubmit={submit} aria-label="Filter the audit log">
      {field('actor', 'Who', { placeholder: 'Email or user id' })}
      {field('action', 'Action', { placeholder: 'e.g. executions.cancel', list: `${id}-actions` })}
      <datalist id={`${id}-actions`}>
        {ACTION_CHOICES.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      {field('targetId', 'Target id', { placeholder: 'Execution or workflow id' })}
      {field('from', 'From', { type: 'date' })}
      {field('to', 'To', { type: 'date' })}
      <button type="submit" className="btn">
        Apply
      </button>
      <button
        type="button"
        className="btn btn-ghost"
        onClick={() => {
          setDraft(EMPTY);
          onApply({});
        }}
      >
        Clear
      </button>
    </form>
  );
}
