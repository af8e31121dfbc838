import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { budgetPlan } from '../fixtures';
import type { PlanView } from '../types';
import { WorkflowGraph } from './WorkflowGraph';

const nodeOf = (container: HTMLElement, id: string) => container.querySelector(`[data-step-id="${id}"]`)!;

describe('WorkflowGraph', () => {
  it('draws a node per step and an arrow per dependency, scaled by its viewBox', () => {
    const { container } = render(<WorkflowGraph steps={budgetPlan.steps} label="Budget review" />);
    const svg = screen.getByRole('img', { name: 'Budget review: 7 steps, 8 connections' });
    expect(svg.getAttribute('viewBox')).toMatch(/^0 0 \d+ \d+$/);
    expect(container.querySelectorAll('.wg-node')).toHaveLength(7);
    expect(container.querySelectorAll('.wg-edge')).toHaveLength(8);
    expect(nodeOf(container, 'budget_route')).toHaveClass('wg-type-decision');
  });

  it('describes every step and what it follows in a list for screen readers', () => {
    render(<WorkflowGraph steps={budgetPlan.steps} statuses={{ income_and_expenses: 'completed' }} />);
    expect(screen.getByText('Income and expenses (Form, Completed): starts first')).toBeInTheDocument();
    expect(screen.getByText('On track? (Decision): after Surplus and savings rate, Budget health checks')).toBeInTheDocument();
  });

  it('colours nodes and arrows by status', () => {
    const statuses = { income_and_expenses: 'completed', budget_checks: 'completed', surplus: 'running', surplus_plan: 'skipped', spending_cuts: 'failed' };
    const { container } = render(<WorkflowGraph steps={budgetPlan.steps} statuses={statuses} />);
    expect(nodeOf(container, 'income_and_expenses')).toHaveClass('wg-status-completed');
    expect(nodeOf(container, 'surplus')).toHaveClass('wg-status-running');
    expect(nodeOf(container, 'surplus_plan')).toHaveAttribute('data-status', 'skipped');
    expect(nodeOf(container, 'spending_cuts')).toHaveClass('wg-status-failed');
    expect(nodeOf(container, 'commitments')).toHaveClass('wg-status-none');
    expect(container.querySelectorAll('.wg-edge-done')).toHaveLength(2);
    expect(container.querySelectorAll('.wg-edge-skipped')).toHaveLength(2);
  });

  it('truncates long names and keeps the full name in a tooltip', () => {
    const steps: PlanView['steps'] = [
      { id: 'a', name: 'Collect every account and holding', type: 'data_collection', dependencies: [] },
      { id: 'b', name: 'Check', type: 'validation', dependencies: ['a'] },
    ];
    const { container } = render(<WorkflowGraph steps={steps} />);
    expect(nodeOf(container, 'a').querySelector('text')!.textContent).toBe('Collect every acco…');
    expect(nodeOf(container, 'a').querySelector('title')!.textContent).toBe('Collect every account and holding (Form)');
  });

  it('lays a shallow workflow out left to right and a deep one top-down', () => {
    const chain = (n: number): PlanView['steps'] => Array.from({ length: n }, (_, i) => ({ id: `s${i}`, name: `Step ${i}`, type: 'calculation', dependencies: i ? [`s${i - 1}`] : [] }));
    const size = (steps: PlanView['steps']) => {
      const { unmount } = render(<WorkflowGraph steps={steps} />);
      const [, , width, height] = screen.getByRole('img').getAttribute('viewBox')!.split(' ').map(Number);
      unmount();
      return { width: width!, height: height! };
    };
    const shallow = size(chain(2));
    const deep = size(chain(20));
    expect(shallow.width).toBeGreaterThan(shallow.height);
    expect(deep.height).toBeGreaterThan(deep.width);
  });
});
