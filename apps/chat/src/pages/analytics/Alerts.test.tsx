import { describe, expect, it } from 'vitest';
import { type AlertItem, describeAlert } from './useAlerts';

const alert = (over: Partial<AlertItem>): AlertItem => ({
  id: 'a1',
  kind: 'workflow_success_rate',
  subject: 'w1',
  subjectName: 'Monthly budget',
  value: 0.79,
  threshold: 0.8,
  openedAt: '2026-11-26T10:00:00.000Z',
  clearedAt: null,
  ...over,
});

describe('describeAlert', () => {
  it('names the workflow and its success rate against the threshold', () => {
    expect(describeAlert(alert({}))).toBe('Monthly budget succeeded in 79% of recent runs (alert below 80%)');
  });

  it("gives today's AI cost against the limit in dollars", () => {
    expect(describeAlert(alert({ kind: 'ai_daily_cost', subject: 'all', subjectName: null, value: 100.01, threshold: 100 }))).toBe(
      'AI cost today reached $100.01 (limit $100.00)',
    );
  });
});
