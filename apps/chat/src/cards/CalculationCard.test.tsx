import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CalculationCard } from './CalculationCard';
import { budgetRun, done, mockActions, stepOf, surplusOutput } from './fixtures';

describe('CalculationCard', () => {
  it("shows the formula step's outputs readably", () => {
    const run = budgetRun({}, { surplus: done(surplusOutput) });
    render(<CalculationCard run={run} step={stepOf(run, 'surplus')} actions={mockActions()} />);
    expect(screen.getByRole('heading', { name: 'Surplus and savings rate' })).toBeInTheDocument();
    expect(screen.getByText('Total expenses').nextSibling).toHaveTextContent('5,650');
    expect(screen.getByText('Savings rate').nextSibling).toHaveTextContent('-4.63%');
    expect(screen.getByText('Meets goal').nextSibling).toHaveTextContent('No');
    expect(screen.getByText('Worked out from Income and expenses.')).toBeInTheDocument();
  });

  it('shows lists of records, like trades, item by item', () => {
    const trades = [{ asset: 'stocks', action: 'sell', amount: 1200 }, { asset: 'bonds', action: 'buy', amount: 1200 }];
    const run = budgetRun({}, { surplus: done({ needs_rebalance: true, trades }) });
    render(<CalculationCard run={run} step={stepOf(run, 'surplus')} actions={mockActions()} />);
    expect(screen.getByRole('heading', { name: 'Trades' })).toBeInTheDocument();
    expect(screen.getAllByText('1,200')).toHaveLength(2);
  });

  it('explains a failure in plain words', () => {
    const error = { code: 'step_failed', message: 'monthly_surplus: income must be 0 or more' };
    const run = budgetRun({ status: 'failed' }, { surplus: { status: 'failed', attempt: 1, error } });
    render(<CalculationCard run={run} step={stepOf(run, 'surplus')} actions={mockActions()} />);
    expect(screen.getByRole('alert')).toHaveTextContent('This step could not finish');
    expect(screen.getByRole('alert')).toHaveTextContent('income must be 0 or more');
  });
});
