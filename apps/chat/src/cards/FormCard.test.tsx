import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { budgetRun, done, incomeAnswers, incomeForm, mockActions, serverError, stepOf } from './fixtures';
import { FormCard } from './FormCard';
import type { StepActions } from './types';

const waitingRun = budgetRun({ status: 'waiting_for_input' }, { income_and_expenses: { status: 'waiting', attempt: 1, waitingFor: 'input', output: incomeForm } });

function renderForm(actions: StepActions = mockActions(), run = waitingRun, readOnly = false) {
  render(<FormCard run={run} step={stepOf(run, 'income_and_expenses')} actions={actions} readOnly={readOnly} />);
  return { user: userEvent.setup(), actions };
}

async function fillIn(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText(/Month \(YYYY-MM\)/), '2025-05');
  await user.type(screen.getByLabelText(/Take-home pay/), '5400');
  await user.clear(screen.getByLabelText(/Rent or mortgage/));
  await user.type(screen.getByLabelText(/Rent or mortgage/), '2100');
}

describe('FormCard', () => {
  it('renders a labelled field per schema property, titles first and humanized keys otherwise', () => {
    renderForm();
    expect(screen.getByRole('heading', { name: 'Income and expenses' })).toBeInTheDocument();
    expect(screen.getByLabelText(/Take-home pay/)).toHaveAttribute('type', 'number');
    expect(screen.getByText('After tax and payroll deductions.')).toBeInTheDocument();
    expect(screen.getByLabelText('Employment')).toBeInTheDocument();
    expect(screen.getByRole('option', { name: 'Self employed' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Review my month' })).toBeEnabled();
    expect(screen.getByText('Waiting for your input')).toBeInTheDocument();
  });

  it('shows a missing required answer inline and does not submit', async () => {
    const { user, actions } = renderForm();
    await user.type(screen.getByLabelText(/Take-home pay/), '5400');
    await user.click(screen.getByRole('button', { name: 'Review my month' }));
    expect(await screen.findByText('Month (YYYY-MM) is required')).toBeInTheDocument();
    expect(screen.getByLabelText(/Month \(YYYY-MM\)/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/Take-home pay/)).not.toHaveAttribute('aria-invalid');
    expect(actions.submit).not.toHaveBeenCalled();
  });

  it('checks formats and bounds on the client too', async () => {
    const { user, actions } = renderForm();
    await user.type(screen.getByLabelText(/Month \(YYYY-MM\)/), 'May');
    await user.type(screen.getByLabelText(/Take-home pay/), '-5');
    await user.click(screen.getByRole('button', { name: 'Review my month' }));
    expect(await screen.findByText('Month (YYYY-MM) is not in the expected format')).toBeInTheDocument();
    expect(screen.getByText('Take-home pay must be at least 0')).toBeInTheDocument();
    expect(actions.submit).not.toHaveBeenCalled();
  });

  it('submits the typed values', async () => {
    const { user, actions } = renderForm();
    await fillIn(user);
    await user.selectOptions(screen.getByLabelText('Employment'), 'Self employed');
    await user.click(screen.getByRole('button', { name: 'Review my month' }));
    await waitFor(() => expect(actions.submit).toHaveBeenCalledTimes(1));
    expect(actions.submit).toHaveBeenCalledWith({ month: '2025-05', net_income: 5400, housing: 2100, employment: 'self_employed' });
  });

  it('is busy while the submission is on its way', async () => {
    let finish: () => void = () => undefined;
    const actions = mockActions({ submit: () => new Promise((resolve) => (finish = () => resolve({}))) });
    const { user } = renderForm(actions);
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Review my month' }));
    expect(await screen.findByRole('button', { name: 'Submitting…' })).toBeDisabled();
    finish();
    expect(await screen.findByRole('button', { name: 'Review my month' })).toBeEnabled();
  });

  it("shows the server's field errors next to their fields, and whole-form messages below", async () => {
    const error = serverError('Some answers need fixing', { net_income: ['must be at least 1'], _: ['Housing cannot exceed income'] });
    const { user } = renderForm(mockActions({ submit: () => Promise.reject(error) }));
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Review my month' }));
    expect(await screen.findByText('Take-home pay must be at least 1')).toBeInTheDocument();
    expect(screen.getByLabelText(/Take-home pay/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('Housing cannot exceed income');
  });

  it('shows a rejection without field errors as a message', async () => {
    const { user } = renderForm(mockActions({ submit: () => Promise.reject(serverError('This step is no longer waiting for input', null, 'CONFLICT')) }));
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Review my month' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This step is no longer waiting for input');
  });

  it('shows the submitted answers read-only once completed', () => {
    const run = budgetRun({}, { income_and_expenses: done(incomeAnswers) });
    renderForm(mockActions(), run);
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(screen.getByText('Net income')).toBeInTheDocument();
    expect(screen.getByText('5,400')).toBeInTheDocument();
    expect(screen.getByText('Self employed')).toBeInTheDocument();
    expect(screen.getByText('Completed')).toBeInTheDocument();
  });

  it('offers no submit button in a read-only view', () => {
    renderForm(mockActions(), waitingRun, true);
    expect(screen.queryByRole('button', { name: 'Review my month' })).not.toBeInTheDocument();
    expect(screen.getByLabelText(/Take-home pay/)).toBeDisabled();
  });
});
