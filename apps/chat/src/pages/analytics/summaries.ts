import { formatCost, formatDuration, formatNumber, formatPercent } from '../../lib/format';
import { formatDay, type Overview, periodText, type Trends } from './types';

/** Each chart's key numbers in a sentence: its caption, and what a screen reader hears. Null: nothing to chart. */

const plural = (n: number, one: string, many = `${one}s`) => `${formatNumber(n)} ${n === 1 ? one : many}`;

export function runsSummary(daily: Trends['daily'], days: number): string | null {
  const total = daily.reduce((n, d) => n + d.runs, 0);
  if (total === 0) return null;
  const sum = (key: 'completed' | 'failed' | 'cancelled') => daily.reduce((n, d) => n + d[key], 0);
  const busiest = daily.reduce((best, d) => (d.runs > best.runs ? d : best));
  return `${plural(total, 'run')} in ${periodText(days)}: ${formatNumber(sum('completed'))} completed, ${formatNumber(sum('failed'))} failed, ${formatNumber(sum('cancelled'))} cancelled. Busiest day: ${formatDay(busiest.day)} with ${plural(busiest.runs, 'run')}.`;
}

export function successSummary(o: Pick<Overview, 'completed' | 'failed' | 'cancelled' | 'successRate'>): string | null {
  const finished = o.completed + o.failed + o.cancelled;
  if (finished === 0 || o.successRate === null) return null;
  return `${formatPercent(o.successRate)} of finished runs completed (${formatNumber(o.completed)} of ${formatNumber(finished)}).`;
}

export function durationSummary(o: Pick<Overview, 'durationMs' | 'workflows'>): string | null {
  if (o.durationMs.p50 === null) return null;
  const timed = o.workflows.filter((w) => w.p50DurationMs !== null);
  const slowest = timed.reduce<(typeof timed)[number] | null>((s, w) => (!s || w.p50DurationMs! > s.p50DurationMs! ? w : s), null);
  const within = o.durationMs.p95 === null ? '' : `; 95% finish within ${formatDuration(o.durationMs.p95)}`;
  const slow = slowest && timed.length > 1 ? ` Slowest: ${slowest.name} (typically ${formatDuration(slowest.p50DurationMs)}).` : '';
  return `A completed run typically takes ${formatDuration(o.durationMs.p50)}${within}.${slow}`;
}

export function aiSummary(o: Pick<Overview, 'ai' | 'daily'>, days: number): string | null {
  if (o.ai.calls === 0) return null;
  const peak = o.daily.reduce((best, d) => (d.tokens > best.tokens ? d : best));
  return `${plural(o.ai.calls, 'AI call')} used ${plural(o.ai.tokens, 'token')} and cost ${formatCost(o.ai.costUsd)} in ${periodText(days)}. Most tokens on ${formatDay(peak.day)} (${formatNumber(peak.tokens)}).`;
}

export function rejectSummary(steps: Overview['aiSteps']): string | null {
  const reviewed = steps.filter((s) => s.rejectRate !== null);
  if (reviewed.length === 0) return null;
  const worst = reviewed.reduce((w, s) => (s.rejectRate! > w.rejectRate! ? s : w));
  const total = reviewed.reduce((n, s) => n + s.rejected + s.accepted, 0);
  const rejected = reviewed.reduce((n, s) => n + s.rejected, 0);
  return `You rejected ${plural(rejected, 'AI result')} of ${formatNumber(total)} reviewed. Most often rejected: ${worst.stepName} in ${worst.workflowName} (${formatPercent(worst.rejectRate)} of ${formatNumber(worst.rejected + worst.accepted)}).`;
}
