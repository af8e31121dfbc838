/** Plain-words labels and number formats used across the UI. */

const STATUS_LABELS: Record<string, string> = {
  pending: 'Not started',
  running: 'Running',
  waiting: 'Waiting for you',
  waiting_for_input: 'Waiting for your input',
  waiting_for_review: 'Waiting for your review',
  paused: 'Paused',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
  skipped: 'Skipped',
};

export const statusLabel = (status: string) => STATUS_LABELS[status] ?? humanize(status);

const TYPE_LABELS: Record<string, string> = {
  data_collection: 'Form',
  decision: 'Decision',
  ai_generated: 'AI analysis',
  validation: 'Check',
  calculation: 'Calculation',
};

export const stepTypeLabel = (type: string) => TYPE_LABELS[type] ?? humanize(type);

/** "monthly_income" -> "Monthly income" */
export function humanize(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s % 60)} s`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h} h ${m % 60} min` : `${Math.floor(h / 24)} days`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export const formatDateTime = (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '—');

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
export const formatNumber = (n: number) => number.format(n);

const usd = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', maximumFractionDigits: 4 });
export const formatCost = (dollars: number) => usd.format(dollars);

export const formatPercent = (ratio: number | null | undefined) => (ratio === null || ratio === undefined ? '—' : `${Math.round(ratio * 100)}%`);

/** A value from a run's context, readable: numbers formatted, objects as short JSON. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return value.map(formatValue).join(', ');
  return JSON.stringify(value);
}
