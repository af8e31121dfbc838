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

  it('names every rule, passed and failed, when the step reports them', () => {
    const rules = [
      { field: 'income_and_expenses.net_income', rule: 'required, at least 0', passed: true, problem: null },
      { field: 'income_and_expenses.housing', rule: 'income_and_expenses.housing <= income_and_expenses.net_income * 0.35', passed: false, problem: 'Housing takes more than 35% of take-home pay' },
    ];
    renderChecks(done({ valid: false, errors: {}, checked: 2, rules }));
    expect(screen.getByText('1 problem found.')).toBeInTheDocument();
    const [pass, fail] = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(pass).toHaveTextContent('Passed: Net income (Income and expenses)required, at least 0');
    expect(fail).toHaveTextContent('Failed: Housing (Income and expenses)Housing takes more than 35% of take-home pay');
  });

  it('names every rule of a validation that stopped the run', () => {
    const rules = [{ field: 'details.current_age', rule: 'at least 18, at most 100', passed: false, problem: 'must be at least 18' }];
    renderChecks({ status: 'failed', attempt: 1, error: { code: 'validation_failed', message: 'x', details: { fieldErrors: { 'details.current_age': ['must be at least 18'] }, rules } } });
    expect(screen.getByText('1 problem found, so the workflow stopped here.')).toBeInTheDocument();
    expect(within(screen.getByRole('list')).getByRole('listitem')).toHaveTextContent('Failed: Current age');
  });
});
