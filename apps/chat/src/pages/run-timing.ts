import { formatDuration } from '../lib/format';

/** How long a run took, or has been going for while it is not finished. */
export function runDurationMs(startedAt: string | null, completedAt: string | null, now = Date.now()): number | null {
  if (!startedAt) return null;
  const end = completedAt ? Date.parse(completedAt) : now;
  return Math.max(0, end - Date.parse(startedAt));
}

/** "12 s", or "4 min 2 s so far" for a run still going. */
export function runDurationLabel(startedAt: string | null, completedAt: string | null, now = Date.now()): string {
  const ms = runDurationMs(startedAt, completedAt, now);
  if (ms === null) return '—';
  return completedAt ? formatDuration(ms) : `${formatDuration(ms)} so far`;
}

const thisYear = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
const otherYear = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
/** "Nov 26, 2:17 PM" this year; "Nov 26, 2025" before: short enough for a row on a phone. */
export function formatStarted(iso: string, now = Date.now()): string {
  const at = new Date(iso);
  return at.getFullYear() === new Date(now).getFullYear() ? thisYear.format(at) : otherYear.format(at);
}
