import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DecisionCard } from './DecisionCard';
import { budgetRun, decidedSteps, decisionOutput, done, mockActions, stepOf } from './fixtures';

describe('DecisionCard', () => {
  it('shows the branch taken, the condition and the values it saw', () => {
    const run = budgetRun({}, decidedSteps);
    render(<DecisionCard run={run} step={stepOf(run, 'budget_route')} actions={mockActions()} />);
    expect(screen.getByText('Spending more than income')).toBeInTheDocument();
    expect(screen.getByText('surplus.surplus < 0.0')).toBeInTheDocument();
    const values = screen.getByLabelText('Values the decision saw');
    expect(values).toHaveTextContent('surplus.surplus-250');
    expect(values).toHaveTextContent('surplus.meets_goalNo');
  });

  it('names the steps that run next and the ones skipped', () => {
    const run = budgetRun({}, decidedSteps);
    render(<DecisionCard run={run} step={stepOf(run, 'budget_route')} actions={mockActions()} />);
    expect(screen.getByText(/Runs next/).parentElement).toHaveTextContent('Runs next: Suggested spending cuts');
    expect(screen.getByText(/Skipped/).parentElement).toHaveTextContent('Skipped: Plan for the surplus');
  });

  it('says when the default path was taken', () => {
    const run = budgetRun({}, { ...decidedSteps, budget_route: done({ branch: 'on_track', label: 'Savings goal met', condition: null, values: {} }) });
    render(<DecisionCard run={run} step={stepOf(run, 'budget_route')} actions={mockActions()} />);
    expect(screen.getByText('Savings goal met')).toBeInTheDocument();
    expect(screen.getByText('No condition held, so the default path was taken.')).toBeInTheDocument();
    expect(screen.queryByText(decisionOutput.condition)).not.toBeInTheDocument();
  });

  it('waits for the steps it depends on', () => {
    const run = budgetRun();
    render(<DecisionCard run={run} step={stepOf(run, 'budget_route')} actions={mockActions()} />);
    expect(screen.getByText('Starts after Surplus and savings rate, Budget health checks.')).toBeInTheDocument();
  });
});
