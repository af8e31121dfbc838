import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { RunFeedback } from './RunFeedback';
import { type Handlers, makeRun, renderWithTrpc, trpcError } from './testing';

const runId = makeRun().id;
const item = (rating: number, comment: string | null) => ({ executionId: runId, workflowId: 'w', workflowName: 'Monthly budget', userId: 'u', rating, comment, at: '2025-01-01T00:00:00.000Z' });

/** A feedback store in memory: list answers what submit last saved. */
function feedbackHandlers(initial: ReturnType<typeof item> | null = null): Handlers {
  let stored = initial;
  return {
    'analytics.feedback.list': () => ({ items: stored ? [stored] : [] }),
    'analytics.feedback.submit': (input) => {
      const { rating, comment } = input as { rating: number; comment?: string };
      stored = item(rating, comment ?? null);
      return { ...stored, replaced: false };
    },
  };
}

describe('rating a finished run', () => {
  it('sends the chosen rating and comment, then thanks and offers to change it', async () => {
    const user = userEvent.setup();
    const { calls } = renderWithTrpc(<RunFeedback runId={runId} />, feedbackHandlers());
    const group = await screen.findByRole('group', { name: 'How did this go?' });
    expect(group).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
    await user.click(screen.getByRole('radio', { name: /^4/ }));
    await user.type(screen.getByLabelText('Comment (optional)'), 'Clear numbers');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('Thanks - saved.')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('You rated this run 4 out of 5 (Very good): “Clear numbers”');
    expect(calls.find((c) => c.path === 'analytics.feedback.submit')?.input).toEqual({ executionId: runId, rating: 4, comment: 'Clear numbers' });

    await user.click(screen.getByRole('button', { name: 'Change your rating' }));
    expect(screen.getByRole('radio', { name: /^4/ })).toBeChecked();
    await user.click(screen.getByRole('radio', { name: /^2/ }));
    await user.clear(screen.getByLabelText('Comment (optional)'));
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('You rated this run 2 out of 5 (Fair).'));
    expect(calls.filter((c) => c.path === 'analytics.feedback.submit').at(-1)?.input).toEqual({ executionId: runId, rating: 2 });
  });

  it('shows a rating saved earlier, and prefills the form when changing it', async () => {
    const user = userEvent.setup();
    renderWithTrpc(<RunFeedback runId={runId} />, feedbackHandlers(item(5, 'Great')));
    expect(await screen.findByRole('status')).toHaveTextContent('You rated this run 5 out of 5 (Excellent): “Great”');
    await user.click(screen.getByRole('button', { name: 'Change your rating' }));
    expect(screen.getByRole('radio', { name: /^5/ })).toBeChecked();
    expect(screen.getByLabelText('Comment (optional)')).toHaveValue('Great');
    await user.click(screen.getByRole('button', { name: 'Keep my earlier rating' }));
    expect(screen.getByText('Thanks - saved.')).toBeInTheDocument();
  });

  it('says in plain words when the rating was not saved, and keeps the choice', async () => {
    const user = userEvent.setup();
    renderWithTrpc(<RunFeedback runId={runId} />, {
      ...feedbackHandlers(),
      'analytics.feedback.submit': () => {
        throw trpcError('NOT_FOUND', `No execution ${runId}`);
      },
    });
    await user.click(await screen.findByRole('radio', { name: /^3/ }));
    await user.click(screen.getByRole('button', { name: 'Send' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your rating was not saved');
    expect(alert).toHaveTextContent(`No execution ${runId}`);
    expect(screen.getByRole('radio', { name: /^3/ })).toBeChecked();
  });

  it('still offers the rating when the earlier one cannot be looked up', async () => {
    renderWithTrpc(<RunFeedback runId={runId} />, {
      'analytics.feedback.list': () => {
        throw trpcError('INTERNAL_SERVER_ERROR', 'down');
      },
    });
    expect(await screen.findByRole('group', { name: 'How did this go?' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
