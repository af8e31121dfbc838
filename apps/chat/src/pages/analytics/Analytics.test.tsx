import { fireEvent, render, screen } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { OverviewCharts } from './OverviewCharts';
import { PeriodPicker } from './PeriodPicker';
import { aiSummary, durationSummary, rejectSummary, runsSummary } from './summaries';
import type { Overview, Trends } from './types';
import { dropOffSummary } from './WorkflowStatsView';

beforeAll(() => {
  // jsdom has no layout: ResponsiveContainer only needs the observer to exist.
  vi.stubGlobal('ResizeObserver', class { observe() {} unobserve() {} disconnect() {} });
});

const day = (d: string, runs = 0, completed = 0, failed = 0, cancelled = 0) => ({
  day: d,
  runs,
  completed,
  failed,
  cancelled,
  successRate: completed + failed + cancelled ? completed / (completed + failed + cancelled) : null,
});
const trends = (daily: Trends['daily']): Trends => ({ days: 7, scope: 'mine', category: null, daily, byCategory: [] });

const overview: Overview = {
  days: 7,
  runs: 6,
  completed: 3,
  failed: 1,
  cancelled: 1,
  inProgress: 1,
  successRate: 0.6,
  durationMs: { p50: 4000, p95: 5800 },
  ai: { calls: 5, tokens: 2100, costUsd: 0.136 },
  daily: [
    { day: '2026-03-01', aiCalls: 1, tokens: 1000, costUsd: 0.1, p50DurationMs: 6000 },
    { day: '2026-03-04', aiCalls: 4, tokens: 1100, costUsd: 0.036, p50DurationMs: 3000 },
  ],
  workflows: [
    { workflowId: 'w1', name: 'Retirement check', runs: 4, completed: 3, successRate: 0.75, p50DurationMs: 4000 },
    { workflowId: 'w2', name: 'Budget', runs: 2, completed: 1, successRate: 0.5, p50DurationMs: 90_000 },
  ],
  aiSteps: [
    { workflowId: 'w1', workflowName: 'Retirement check', stepId: 'advice', stepName: 'Investment advice', accepted: 3, rejected: 1, rejectRate: 0.25, tokens: 2100, costUsd: 0.136 },
    { workflowId: 'w1', workflowName: 'Retirement check', stepId: 'risk', stepName: 'Risk notes', accepted: 0, rejected: 0, rejectRate: null, tokens: 0, costUsd: 0 },
  ],
};

const empty: Overview = { ...overview, runs: 0, completed: 0, failed: 0, cancelled: 0, inProgress: 0, successRate: null, durationMs: { p50: null, p95: null }, ai: { calls: 0, tokens: 0, costUsd: 0 }, daily: [], workflows: [], aiSteps: [] };

describe('chart summaries', () => {
  it('say the key numbers of each chart in words', () => {
    const daily = [day('2026-03-03', 2, 1, 1), day('2026-03-04', 5, 3, 0, 1)];
    expect(runsSummary(daily, 7)).toMatch(/^7 runs in the last 7 days: 4 completed, 1 failed, 1 cancelled\. Busiest day: Mar 4 with 5 runs\.$/);
    expect(durationSummary(overview)).toBe('A completed run typically takes 4.0 s; 95% finish within 5.8 s. Slowest: Budget (typically 1 min 30 s).');
    expect(aiSummary(overview, 7)).toBe('5 AI calls used 2,100 tokens and cost $0.136 in the last 7 days. Most tokens on Mar 4 (1,100).');
    expect(rejectSummary(overview.aiSteps)).toBe('You rejected 1 AI result of 4 reviewed. Most often rejected: Investment advice in Retirement check (25% of 4).');
    expect(dropOffSummary({ dropOff: [{ stepId: 'profile', reached: 10, completed: 9, abandoned: 1 }, { stepId: 'advice', reached: 9, completed: 5, abandoned: 4 }] }, { advice: 'Investment advice' })).toBe(
      'Runs most often stop or wait at Investment advice: 4 of 9 that reached it have not got past it.',
    );
  });

  it('are null when there is nothing to chart', () => {
    expect(runsSummary([day('2026-03-03')], 7)).toBeNull();
    expect(durationSummary(empty)).toBeNull();
    expect(aiSummary(empty, 7)).toBeNull();
    expect(rejectSummary([overview.aiSteps[1]!])).toBeNull();
  });
});

describe('OverviewCharts', () => {
  it('titles every chart and captions it with its summary', () => {
    render(<OverviewCharts trends={trends([day('2026-03-03', 2, 1, 1), day('2026-03-04', 4, 2, 0, 1)])} overview={overview} days={7} />);
    for (const title of ['Runs over time', 'Success rate', 'Durations', 'AI tokens and cost', 'Reject rate per AI step']) {
      expect(screen.getByRole('figure', { name: title })).toBeInTheDocument();
    }
    expect(screen.getByRole('figure', { name: 'Success rate' })).toHaveTextContent('60% of finished runs completed (3 of 5).');
    expect(screen.getByRole('figure', { name: 'AI tokens and cost' })).toHaveTextContent('2,100 tokens');
    const tiles = screen.getByLabelText('Your runs in the last 7 days');
    expect(tiles).toHaveTextContent('Runs61 not finished');
    expect(tiles).toHaveTextContent('AI cost$0.136');
  });

  it('says plainly when the period has no runs', () => {
    render(<OverviewCharts trends={trends([day('2026-03-03'), day('2026-03-04')])} overview={empty} days={30} />);
    expect(screen.getByRole('figure', { name: 'Runs over time' })).toHaveTextContent('No runs in the last 30 days.');
    expect(screen.getByRole('figure', { name: 'Success rate' })).toHaveTextContent('No finished runs in the last 30 days.');
    expect(screen.getByRole('figure', { name: 'Durations' })).toHaveTextContent('No completed runs in the last 30 days.');
    expect(screen.getByRole('figure', { name: 'AI tokens and cost' })).toHaveTextContent('No AI analyses in the last 30 days.');
    expect(screen.getByRole('figure', { name: 'Reject rate per AI step' })).toHaveTextContent('No AI results were reviewed in the last 30 days.');
  });
});

describe('PeriodPicker', () => {
  it('marks the period and reports a new one', () => {
    const onChange = vi.fn();
    render(<PeriodPicker value={30} onChange={onChange} />);
    expect(screen.getByRole('button', { name: '30 days' })).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(screen.getByRole('button', { name: '90 days' }));
    expect(onChange).toHaveBeenCalledWith(90);
  });
});
