import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { StepCard } from '../cards/types';
import { LiveRun } from './LiveRun';
import { ProgressPanel } from './ProgressPanel';
import { makeRun, renderWithTrpc, trpcError } from './testing';

// The step cards are their own module: a stand-in shows which step got which card and its actions.
vi.mock('../cards/registry', () => {
  const Fake: StepCard = ({ step, actions, readOnly }) => (
    <div data-testid={`card-${step.stepId}`}>
      {step.name}
      {!readOnly && (
        <button type="button" onClick={() => void actions.submit({ amount: 5 }).catch(() => undefined)}>
          Submit {step.name}
        </button>
      )}
    </div>
  );
  return { stepCards: { data_collection: Fake, decision: Fake, ai_generated: Fake, validation: Fake, calculation: Fake } };
});

const run = makeRun();
const withAttempts = (r = run) => ({ ...r, attempts: [] });

describe('a run in the chat', () => {
  it('in full: the header, a link to the run page, and a card for every started step in order', async () => {
    renderWithTrpc(<LiveRun runId={run.id} />, { 'executions.get': () => withAttempts() });
    expect(await screen.findByRole('heading', { name: 'Monthly budget' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Open run page/ })).toHaveAttribute('href', `/executions/${run.id}`);
    expect(screen.getAllByTestId(/^card-/).map((c) => c.dataset.testid)).toEqual(['card-income', 'card-review']);
    expect(screen.getByText('Waiting for your input')).toBeInTheDocument();
  });

  it('compact: one line with the name, status and current step, and no cards', async () => {
    renderWithTrpc(<LiveRun runId={run.id} compact />, { 'executions.get': () => withAttempts() });
    const line = await screen.findByTestId('run-compact');
    expect(line).toHaveTextContent('Monthly budget');
    expect(line).toHaveTextContent('Waiting for your input');
    expect(line).toHaveTextContent('at “Review the plan”');
    expect(screen.queryByTestId(/^card-/)).not.toBeInTheDocument();
  });

  it('an answer goes to the server and the run is fetched again', async () => {
    const submit = vi.fn(() => run);
    const t = renderWithTrpc(<LiveRun runId={run.id} />, { 'executions.get': () => withAttempts(), 'executions.submitInput': submit });
    await userEvent.click(await screen.findByRole('button', { name: 'Submit Review the plan' }));
    await waitFor(() => expect(t.count('executions.get')).toBe(2));
    expect(submit).toHaveBeenCalledWith({ id: run.id, stepId: 'review', data: { amount: 5 } });
  });

  it('a step answered elsewhere (CONFLICT) is explained in words and the run refetched', async () => {
    const t = renderWithTrpc(<LiveRun runId={run.id} />, {
      'executions.get': () => withAttempts(),
      'executions.submitInput': () => {
        throw trpcError('CONFLICT', 'Step "review" is completed and cannot become completed');
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Submit Review the plan' }));
    expect(await screen.findByText(/Someone else answered this step already/)).toBeInTheDocument();
    expect(t.count('executions.get')).toBe(2);
  });

  it('a run that is not there, in plain words', async () => {
    renderWithTrpc(<LiveRun runId={run.id} />, {
      'executions.get': () => {
        throw trpcError('NOT_FOUND', `No execution ${run.id}`);
      },
    });
    expect(await screen.findByText(/This run cannot be found/)).toBeInTheDocument();
  });

  it('a finished run shows its cards read-only', async () => {
    renderWithTrpc(<LiveRun runId={run.id} />, { 'executions.get': () => withAttempts(makeRun({ status: 'completed' })) });
    expect(await screen.findByTestId('card-review')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Submit/ })).not.toBeInTheDocument();
  });

  it('the progress panel pauses the run through executions.pause', async () => {
    const pause = vi.fn(() => makeRun({ status: 'paused' }));
    renderWithTrpc(<ProgressPanel runId={run.id} />, { 'executions.get': () => withAttempts(), 'executions.pause': pause });
    await userEvent.click(await screen.findByRole('button', { name: 'Pause' }));
    await waitFor(() => expect(pause).toHaveBeenCalledWith({ id: run.id }));
  });
});
