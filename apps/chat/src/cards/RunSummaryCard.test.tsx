import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { budgetRun, decidedSteps, done } from './fixtures';
import { RunSummaryCard } from './RunSummaryCard';

const ENDED = '2025-06-01T10:05:00.000Z';
const commitments = { actions: 'Cook at home on **weekdays**.', next_review_date: '2025-07-01' };

describe('RunSummaryCard', () => {
  it('shows the results of a completed run under their step names', () => {
    const steps = { ...decidedSteps, spending_cuts: done({ summary: 'ok' }), commitments: done(commitments) };
    render(<RunSummaryCard run={budgetRun({ status: 'completed', completedAt: ENDED, results: { commitments } }, steps)} />);
    expect(screen.getByRole('heading', { name: 'Workflow complete' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Commitments for next month' })).toBeInTheDocument();
    expect(screen.getByText('weekdays', { selector: 'strong' })).toBeInTheDocument();
    expect(screen.getByText('2025-07-01')).toBeInTheDocument();
    expect(screen.getByText('6 of 7 steps done, 1 skipped')).toBeInTheDocument();
    expect(screen.getByText('Took 5 min 0 s')).toBeInTheDocument();
  });

  it('says where a failed run stopped and why, in plain words', () => {
    const error = { code: 'ai_execution_failed', message: 'The model provider failed: rate limited', details: { stepId: 'spending_cuts' } };
    const steps = { ...decidedSteps, spending_cuts: { status: 'failed' as const, attempt: 3, error } };
    render(<RunSummaryCard run={budgetRun({ status: 'failed', error }, steps)} />);
    expect(screen.getByRole('heading', { name: 'Workflow stopped' })).toBeInTheDocument();
    expect(screen.getByText('Suggested spending cuts', { selector: 'strong' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('The AI could not produce a usable answer');
    expect(screen.getByRole('alert')).toHaveTextContent('rate limited');
  });

  it('says a cancelled run was cancelled', () => {
    render(<RunSummaryCard run={budgetRun({ status: 'cancelled', completedAt: ENDED }, { income_and_expenses: done({ month: '2025-05' }) })} />);
    expect(screen.getByRole('heading', { name: 'Workflow cancelled' })).toBeInTheDocument();
    expect(screen.getByText('Cancelled', { selector: '.badge' })).toBeInTheDocument();
    expect(screen.getByText('1 of 7 steps done')).toBeInTheDocument();
  });

  it('shows nothing while the run is still going', () => {
    const { container } = render(<RunSummaryCard run={budgetRun({ status: 'waiting_for_review' }, decidedSteps)} />);
    expect(container).toBeEmptyDOMElement();
  });
});
