import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { StepView } from '../lib/types';
import { budgetRun, checksOutput, done, mockActions, stepOf } from './fixtures';
import { ValidationCard } from './ValidationCard';

function renderChecks(step: Partial<StepView>) {
  const run = budgetRun({}, { budget_checks: step });
  render(<ValidationCard run={run} step={stepOf(run, 'budget_checks')} actions={mockActions()} />);
}

describe('ValidationCard', () => {
  it('lists each failing rule with its message and counts the passing ones', () => {
    renderChecks(done(checksOutput));
    expect(screen.getByText('1 problem found.')).toBeInTheDocument();
    const [fail, pass] = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(fail).toHaveTextContent('Failed: Housing (Income and expenses)Housing takes more than 35% of take-home pay');
    expect(pass).toHaveTextContent('Passed: 2 checks passed');
  });

  it('says when every check passed', () => {
    renderChecks(done({ valid: true, errors: {}, checked: 3 }));
    expect(screen.getByText('Every check passed.')).toBeInTheDocument();
    expect(screen.getByText('3 checks passed')).toBeInTheDocument();
    expect(screen.queryByText(/Failed:/)).not.toBeInTheDocument();
  });

  it('shows the problems of a validation that stopped the run', () => {
    const fieldErrors = { 'income_and_expenses.net_income': ['Enter the take-home pay for the month'], _: ['Expenses exceed income'] };
    renderChecks({ status: 'failed', attempt: 1, error: { code: 'validation_failed', message: 'Validation "budget_checks" found 2 problems', details: { fieldErrors } } });
    expect(screen.getByText('2 problems found, so the workflow stopped here.')).toBeInTheDocument();
    expect(screen.getByText('Net income (Income and expenses)')).toBeInTheDocument();
    expect(screen.getByText('Expenses exceed income')).toBeInTheDocument();
    expect(screen.getByText('Failed', { selector: '.badge' })).toBeInTheDocument();
  });
});
