import type { RunStatus } from '../../lib/types';

export type StatusFilterValue = RunStatus | 'all';

/** The filters History offers, in the order people look for them. */
export const STATUS_FILTERS: { value: StatusFilterValue; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'waiting_for_input', label: 'Needs input' },
  { value: 'waiting_for_review', label: 'Needs review' },
  { value: 'running', label: 'Running' },
  { value: 'paused', label: 'Paused' },
  { value: 'completed', label: 'Completed' },
  { value: 'failed', label: 'Failed' },
  { value: 'cancelled', label: 'Cancelled' },
];

/** A row of toggle buttons (one pressed); scrolls sideways on a phone instead of wrapping into a wall. */
export function StatusFilter({ value, onChange }: { value: StatusFilterValue; onChange: (value: StatusFilterValue) => void }) {
  return (
    <div className="segmented" role="group" aria-label="Show runs by status">
      {STATUS_FILTERS.map((f) => (
        <button key={f.value} type="button" className="segmented-item" aria-pressed={value === f.value} onClick={() => onChange(f.value)}>
          {f.label}
        </button>
      ))}
    </div>
  );
}
