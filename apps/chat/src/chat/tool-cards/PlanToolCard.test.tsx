import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { trpcError, type Handlers } from '../../run/testing';
import { renderInChat } from '../testing';
import { PlanToolCard } from './PlanToolCard';

const WORKFLOW = '00000000-0000-4000-8000-0000000000aa';
const plan = {
  workflowId: WORKFLOW,
  version: 2,
  name: 'Monthly Budget Plan',
  description: '',
  steps: [{ id: 'income', name: 'Income', type: 'data_collection', dependencies: [] }],
};

const show = (handlers: Handlers) => renderInChat(<PlanToolCard toolCallId="call-1" input={{}} output={plan} />, handlers);

describe('PlanToolCard forecast', () => {
  it("asks for the workflow's forecast and shows it under the plan", async () => {
    const forecast = vi.fn(() => ({ runs: 37, totals: { workMs: 4_000, waitingForYouMs: 0, tokens: 1_200, costUsd: 0.004, source: 'history' }, steps: [] }));
    const { calls } = show({ 'analytics.forecast': forecast });
    expect(await screen.findByText('About 4 s of work, ~1,200 tokens, ~$0.004; based on 37 runs.')).toBeInTheDocument();
    expect(calls.find((c) => c.path === 'analytics.forecast')?.input).toEqual({ workflowId: WORKFLOW });
  });

  it('while loading and after a failure the line stays quiet and Start still sends the start message', async () => {
    let fail: (e: unknown) => void = () => undefined;
    const pending = new Promise((_, reject) => (fail = reject));
    const { actions } = show({ 'analytics.forecast': () => pending });
    expect(screen.getByTestId('plan-forecast')).toHaveTextContent('Estimating time and cost…');
    fail(trpcError('INTERNAL_SERVER_ERROR', 'Something went wrong on our side; try again'));
    expect(await screen.findByText('No estimate of time and cost right now.')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(actions.send).toHaveBeenCalledWith(`Start workflow ${WORKFLOW}`);
  });
});
