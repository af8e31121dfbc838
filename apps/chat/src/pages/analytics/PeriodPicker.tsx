import { type Period, PERIODS } from './types';

/** 7, 30 or 90 days: toggle buttons, one pressed. */
export function PeriodPicker({ value, onChange }: { value: Period; onChange: (days: Period) => void }) {
  return (
    <div className="segmented" role="group" aria-label="Period">
      {PERIODS.map((days) => (
        <button key={days} type="button" className="segmented-item" aria-pressed={value === days} onClick={() => onChange(days)}>
          {days} days
        </button>
      ))}
    </div>
  );
}
