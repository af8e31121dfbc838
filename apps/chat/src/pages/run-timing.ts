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
