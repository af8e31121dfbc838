import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { budgetPlan, serverError } from './fixtures';
import { PlanCard } from './PlanCard';

describe('PlanCard', () => {
  it('lists the steps in order with their type and what they wait on, and draws the graph', () => {
    const { container } = render(<PlanCard plan={budgetPlan} />);
    expect(screen.getByRole('heading', { name: 'Monthly budget review' })).toBeInTheDocument();
    const items = within(screen.getAllByRole('list')[0]!).getAllByRole('listitem');
    expect(items).toHaveLength(7);
    expect(items[0]).toHaveTextContent('Step 1: Income and expenses');
    expect(items[0]).toHaveTextContent('FormStarts firstYou fill in a form');
    expect(items[3]).toHaveTextContent('DecisionAfter Surplus and savings rate, Budget health checks');
    expect(screen.getByRole('img', { name: 'Steps of Monthly budget review: 7 steps, 8 connections' })).toBeInTheDocument();
    expect(container.querySelectorAll('.wg-node')).toHaveLength(7);
  });

  it('shows only the buttons it was given', () => {
    render(<PlanCard plan={budgetPlan} onChange={() => undefined} />);
    expect(screen.getByRole('button', { name: 'Change it' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Start' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save as template' })).not.toBeInTheDocument();
  });

  it('is busy while starting', async () => {
    let finish: () => void = () => undefined;
    const onStart = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    render(<PlanCard plan={budgetPlan} onStart={onStart} onChange={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(onStart).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Starting…' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Change it' })).toBeDisabled();
    finish();
    expect(await screen.findByRole('button', { name: 'Start' })).toBeEnabled();
  });

  it('shows why starting failed', async () => {
    const onStart = () => Promise.reject(serverError('You already have 5 runs going; finish or cancel one first', null, 'TOO_MANY_REQUESTS'));
    render(<PlanCard plan={budgetPlan} onStart={onStart} />);
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not start the workflow');
    expect(alert).toHaveTextContent('You already have 5 runs going');
  });

  it('saves as a template once', async () => {
    const onSaveTemplate = vi.fn(async () => undefined);
    render(<PlanCard plan={budgetPlan} onSaveTemplate={onSaveTemplate} />);
    await userEvent.click(screen.getByRole('button', { name: 'Save as template' }));
    expect(onSaveTemplate).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole('button', { name: 'Saved as template' })).toBeDisabled();
  });

  it('shows the forecast under the plan: work time, tokens and cost from past runs, and the time that waits on you', () => {
    const forecast = { runs: 37, totals: { workMs: 4_200, waitingForYouMs: 185_000, tokens: 1_234, costUsd: 0.0042 } };
    render(<PlanCard plan={budgetPlan} onStart={() => undefined} forecast={{ status: 'ready', forecast }} />);
    expect(screen.getByTestId('plan-forecast')).toHaveTextContent('About 4 s of work, ~1,200 tokens, ~$0.004; based on 37 runs. Plus about 3 min waiting for you.');
  });

  it('without history says the AI use is estimated from model prices', () => {
    const forecast = { runs: 0, totals: { workMs: 0, waitingForYouMs: 0, tokens: 1_500, costUsd: 0.006 } };
    render(<PlanCard plan={budgetPlan} forecast={{ status: 'ready', forecast }} />);
    expect(screen.getByTestId('plan-forecast')).toHaveTextContent('No history yet: estimated from model prices (~1,500 tokens, ~$0.006).');
  });

  it('while the forecast loads or when it failed, a muted line and Start still works', async () => {
    const onStart = vi.fn();
    const { rerender } = render(<PlanCard plan={budgetPlan} onStart={onStart} forecast={{ status: 'loading' }} />);
    expect(screen.getByTestId('plan-forecast')).toHaveTextContent('Estimating time and cost…');
    rerender(<PlanCard plan={budgetPlan} onStart={onStart} forecast={{ status: 'error' }} />);
    expect(screen.getByTestId('plan-forecast')).toHaveTextContent('No estimate of time and cost right now.');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(onStart).toHaveBeenCalledTimes(1);
  });
});
