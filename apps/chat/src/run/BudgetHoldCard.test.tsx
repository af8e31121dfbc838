import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { LiveRun } from './LiveRun';
import { ProgressView } from './ProgressView';
import { makeRun, makeStep, renderWithTrpc, trpcError } from './testing';

const hold = { scope: 'run' as const, unit: 'tokens' as const, cap: 300, spent: 240, estimate: 120, stepIds: ['advice'], suggested: 300, at: '2025-01-01T00:00:02.000Z' };
const heldRun = makeRun({
  status: 'paused',
  budget: { spent: { tokens: 240, usd: 0 }, approved: { tokens: 0, usd: 0 }, hold },
  steps: [
    makeStep('income', { name: 'Your income', status: 'completed', startedAt: '2025-01-01T00:00:00.000Z' }),
    makeStep('advice', { name: 'Spending advice', type: 'ai_generated', status: 'pending' }),
  ],
});
const get = () => ({ ...heldRun, attempts: [] });

describe('a run paused at its budget', () => {
  it('says which cap, what is spent and what the next step needs, in words', async () => {
    renderWithTrpc(<LiveRun runId={heldRun.id} />, { 'executions.get': get });
    const card = await screen.findByTestId('budget-hold');
    expect(card).toHaveTextContent("It has used 240 tokens of this run's budget of 300 tokens; “Spending advice” would need about 120 tokens more");
    expect(screen.queryByText(/Resume it to continue/)).not.toBeInTheDocument();
  });

  it('Approve sends the suggested amount (or the one typed) and fetches the run again', async () => {
    const approve = vi.fn(() => ({ ...heldRun, status: 'running' }));
    const t = renderWithTrpc(<LiveRun runId={heldRun.id} />, { 'executions.get': get, 'executions.approveBudget': approve });
    const field = await screen.findByLabelText('Approve more (tokens)');
    expect(field).toHaveValue(300);
    await userEvent.clear(field);
    await userEvent.type(field, '500');
    await userEvent.click(screen.getByRole('button', { name: 'Approve 500 tokens and continue' }));
    await waitFor(() => expect(approve).toHaveBeenCalledWith({ id: heldRun.id, extra: 500 }));
    await waitFor(() => expect(t.count('executions.get')).toBe(2));
  });

  it("the server's refusal is shown in its words", async () => {
    renderWithTrpc(<LiveRun runId={heldRun.id} />, {
      'executions.get': get,
      'executions.approveBudget': () => {
        throw trpcError('BAD_REQUEST', 'Approve at least 60 tokens more: the next step needs that much beyond the cap');
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: /Approve 300 tokens/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Approve at least 60 tokens more');
  });

  it('Stop asks first, then cancels the run', async () => {
    const cancel = vi.fn(() => ({ ...heldRun, status: 'cancelled' }));
    renderWithTrpc(<LiveRun runId={heldRun.id} />, { 'executions.get': get, 'executions.cancel': cancel });
    await userEvent.click(await screen.findByRole('button', { name: 'Stop the run' }));
    expect(cancel).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel the run' }));
    await waitFor(() => expect(cancel).toHaveBeenCalledWith({ id: heldRun.id }));
  });

  it('the daily cap speaks of today, in dollars', async () => {
    const daily = { ...hold, scope: 'daily' as const, unit: 'usd' as const, cap: 10, spent: 9.5, estimate: 0.75, suggested: 10 };
    renderWithTrpc(<LiveRun runId={heldRun.id} />, { 'executions.get': () => ({ ...get(), budget: { ...heldRun.budget!, hold: daily } }) });
    expect(await screen.findByTestId('budget-hold')).toHaveTextContent('You have used $9.50 today of your daily AI budget of $10.00');
  });

  it('Resume stays off in the progress panel: approving is how it goes on', () => {
    render(<ProgressView run={heldRun} onControl={() => undefined} />);
    expect(screen.getByRole('button', { name: 'Resume' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeEnabled();
  });
});
