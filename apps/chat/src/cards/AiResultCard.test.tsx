import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { StepView } from '../lib/types';
import { AiResultCard } from './AiResultCard';
import { budgetRun, cutsProposal, decidedSteps, mockActions, serverError, stepOf } from './fixtures';
import type { StepActions } from './types';

function renderAi(spendingCuts: Partial<StepView> = {}, actions: StepActions = mockActions(), readOnly = false) {
  const run = budgetRun({ status: 'waiting_for_review' }, { ...decidedSteps, spending_cuts: { ...decidedSteps.spending_cuts, ...spendingCuts } });
  render(<AiResultCard run={run} step={stepOf(run, 'spending_cuts')} actions={actions} readOnly={readOnly} />);
  return { user: userEvent.setup(), actions };
}

describe('AiResultCard', () => {
  it('renders the proposal readably: summary as markdown, lists, formatted numbers', () => {
    renderAi();
    expect(screen.getByText('Waiting for your review')).toBeInTheDocument();
    expect(screen.getByText('250', { selector: 'strong' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Cuts' })).toBeInTheDocument();
    const items = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Dining out');
    expect(items[0]).toHaveTextContent('180');
    expect(screen.getByText('Projected surplus')).toBeInTheDocument();
  });

  it('never renders HTML from the model', () => {
    const { container } = render(<AiResultCard run={budgetRun()} step={{ ...stepOf(budgetRun(), 'spending_cuts'), status: 'completed', output: { summary: 'Hi <img src=x onerror="alert(1)"> **there**\n\n<script>alert(1)</script>' } }} actions={mockActions()} />);
    expect(container.querySelector('img, script')).toBeNull();
    expect(screen.getByText('there', { selector: 'strong' })).toBeInTheDocument();
  });

  it('Accept calls accept', async () => {
    const { user, actions } = renderAi();
    await user.click(screen.getByRole('button', { name: 'Accept' }));
    expect(actions.accept).toHaveBeenCalledTimes(1);
    expect(actions.reject).not.toHaveBeenCalled();
  });

  it('Reject & retry sends the feedback', async () => {
    const { user, actions } = renderAi();
    await user.click(screen.getByRole('button', { name: 'Reject & retry' }));
    await user.type(screen.getByLabelText(/What should change/), '  Keep the gym membership ');
    await user.click(screen.getByRole('button', { name: 'Send & retry' }));
    expect(actions.reject).toHaveBeenCalledWith('Keep the gym membership');
  });

  it('rejects with empty feedback when none is given', async () => {
    const { user, actions } = renderAi();
    await user.click(screen.getByRole('button', { name: 'Reject & retry' }));
    await user.click(screen.getByRole('button', { name: 'Send & retry' }));
    expect(actions.reject).toHaveBeenCalledWith('');
  });

  it("shows the server's message when accepting fails", async () => {
    const actions = mockActions({ accept: () => Promise.reject(serverError('This step is no longer waiting for review', null, 'CONFLICT')) });
    const { user } = renderAi({}, actions);
    await user.click(screen.getByRole('button', { name: 'Accept' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This step is no longer waiting for review');
    expect(screen.getByRole('button', { name: 'Accept' })).toBeEnabled();
  });

  it('shows the progress text while the answer is being written', () => {
    renderAi({ status: 'running', waitingFor: null, output: null });
    expect(screen.getByRole('status')).toHaveTextContent('Writing your analysis…');
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('says which attempt this is and the feedback it answers', () => {
    renderAi({ attempt: 2, feedback: 'Keep the gym membership' });
    expect(screen.getByText('Attempt 2')).toBeInTheDocument();
    expect(screen.getByText('Keep the gym membership')).toBeInTheDocument();
  });

  it('shows a failure in plain words with a Retry that calls retry', async () => {
    const error = { code: 'ai_execution_failed', message: "The model's answer was not valid JSON" };
    const { user, actions } = renderAi({ status: 'failed', waitingFor: null, output: null, error });
    expect(screen.getByRole('alert')).toHaveTextContent('The AI could not produce a usable answer');
    expect(screen.getByRole('alert')).toHaveTextContent("The model's answer was not valid JSON");
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(actions.retry).toHaveBeenCalledTimes(1);
  });

  it('offers no buttons in a read-only view', () => {
    renderAi({}, mockActions(), true);
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(screen.getByText('Dining out')).toBeInTheDocument();
  });

  it('shows the accepted answer once completed', () => {
    renderAi({ status: 'completed', waitingFor: null, output: cutsProposal });
    expect(screen.getByText('Completed')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Accept' })).not.toBeInTheDocument();
  });
});
