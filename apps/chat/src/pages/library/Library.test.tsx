import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { categoryOptions, filterTemplates, matchesSearch, type TemplateSummary, type WorkflowSummary } from './filterLibrary';
import { type CardActions, MyWorkflows, Templates } from './LibrarySections';

const template = (name: string, category: string, description = '', over: Partial<TemplateSummary> = {}): TemplateSummary => ({
  id: `t-${name}`,
  key: name.toLowerCase().replaceAll(' ', '-'),
  name,
  description,
  category,
  categoryId: null,
  stepCount: 4,
  usageCount: 0,
  mine: false,
  ...over,
});

const TEMPLATES = [
  template('Monthly budget review', 'Budgeting', 'Compare spending with your plan'),
  template('Retirement readiness', 'Retirement', 'Are your savings on track?'),
  template('Roth conversion check', 'Tax', 'Weigh a conversion against your bracket', { stepCount: 1, usageCount: 7 }),
];

const actions = (over: Partial<CardActions> = {}): CardActions => ({
  added: {},
  errors: {},
  removeErrors: {},
  addTemplate: vi.fn(),
  removeTemplate: vi.fn(),
  run: vi.fn(),
  ...over,
});

const mine: WorkflowSummary = {
  id: 'w1',
  versionId: 'v1',
  version: 2,
  name: 'My rebalancing',
  description: 'Quarterly',
  category: 'Portfolio',
  stepCount: 5,
  updatedAt: '2026-03-01T10:00:00.000Z',
  archived: false,
};

describe('library search', () => {
  it('matches every word in any order and case, across name, description and category', () => {
    expect(matchesSearch(TEMPLATES[0]!, 'BUDGET spending')).toBe(true);
    expect(matchesSearch(TEMPLATES[1]!, 'savings retirement')).toBe(true);
    expect(matchesSearch(TEMPLATES[1]!, 'savings tax')).toBe(false);
    expect(filterTemplates([...TEMPLATES].reverse(), '').map((t) => t.category)).toEqual(['Budgeting', 'Retirement', 'Tax']);
    expect(filterTemplates(TEMPLATES, 'check').map((t) => t.name)).toEqual(['Roth conversion check']);
  });

  it('lists categories with their children under them', () => {
    const tree = [{ id: '1', name: 'Investing', description: null, children: [{ id: '2', name: 'Tax', description: null, children: [] }] }];
    expect(categoryOptions(tree).map((o) => o.name)).toEqual(['Investing', 'Tax']);
    expect(categoryOptions(tree)[1]!.label).toMatch(/^\s+Tax$/);
  });
});

describe('Templates', () => {
  it('shows cards with name, description, step count and category', () => {
    render(<Templates templates={TEMPLATES} search="" actions={actions()} renderSteps={() => null} />);
    const card = screen.getByRole('article', { name: 'Roth conversion check' });
    expect(card).toHaveTextContent('Tax');
    expect(card).toHaveTextContent('Weigh a conversion against your bracket');
    expect(card).toHaveTextContent('1 step');
    expect(card).toHaveTextContent('Used 7×');
    expect(screen.getAllByRole('article')).toHaveLength(3);
  });

  it('filters by the search and says plainly when nothing matches', () => {
    const { rerender } = render(<Templates templates={TEMPLATES} search="retire" actions={actions()} renderSteps={() => null} />);
    expect(screen.getAllByRole('article').map((a) => within(a).getByRole('heading').textContent)).toEqual(['Retirement readiness']);
    rerender(<Templates templates={TEMPLATES} search="crypto" actions={actions()} renderSteps={() => null} />);
    expect(screen.queryByRole('article')).toBeNull();
    expect(screen.getByText('No templates match “crypto”')).toBeInTheDocument();
  });

  it('"Use this template" adds it; once added, it offers to run the new workflow', () => {
    const a = actions();
    const { rerender } = render(<Templates templates={TEMPLATES.slice(0, 1)} search="" actions={a} renderSteps={() => null} />);
    fireEvent.click(screen.getByRole('button', { name: 'Use this template' }));
    expect(a.addTemplate).toHaveBeenCalledWith('t-Monthly budget review');
    const added = actions({ added: { 't-Monthly budget review': { ...mine, id: 'w9', name: 'Monthly budget review' } } });
    rerender(<Templates templates={TEMPLATES.slice(0, 1)} search="" actions={added} renderSteps={() => null} />);
    expect(screen.getByRole('status')).toHaveTextContent('Added to My workflows as “Monthly budget review”.');
    fireEvent.click(screen.getByRole('button', { name: 'Run it now' }));
    expect(added.run).toHaveBeenCalledWith('w9');
  });

  it('shows the steps only when asked', () => {
    const renderSteps = vi.fn(() => <p>Step list</p>);
    render(<Templates templates={TEMPLATES.slice(0, 1)} search="" actions={actions()} renderSteps={renderSteps} />);
    const toggle = screen.getByRole('button', { name: /4 steps/ });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(renderSteps).not.toHaveBeenCalled();
    fireEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('Step list')).toBeInTheDocument();
    expect(renderSteps).toHaveBeenCalledWith({ kind: 'template', id: 't-Monthly budget review' }, 'Monthly budget review');
  });
});

describe('your own templates', () => {
  const own = template('My tax prep', 'Tax', 'Saved from a chat', { id: 't-own', mine: true });

  it('are marked "Yours" with a Remove button; shared ones have neither', () => {
    render(<Templates templates={[own, TEMPLATES[0]!]} search="" actions={actions()} renderSteps={() => null} />);
    const card = screen.getByRole('article', { name: 'My tax prep' });
    expect(card).toHaveTextContent('Yours');
    expect(within(card).getByRole('button', { name: 'Remove' })).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: 'Use this template' })).toBeInTheDocument();
    const shared = screen.getByRole('article', { name: 'Monthly budget review' });
    expect(shared).not.toHaveTextContent('Yours');
    expect(within(shared).queryByRole('button', { name: 'Remove' })).toBeNull();
  });

  it('Remove asks first: "Keep it" changes nothing, "Remove it" removes', () => {
    const a = actions();
    render(<Templates templates={[own]} search="" actions={a} renderSteps={() => null} />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove' }));
    expect(screen.getByRole('group', { name: 'Remove “My tax prep” from your templates?' })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(a.removeTemplate).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Remove' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove it' }));
    expect(a.removeTemplate).toHaveBeenCalledWith('t-own');
  });

  it('shows progress while removing and why a removal failed', () => {
    const a = actions({ removingId: 't-own', removeErrors: { 't-own': 'No template t-own of yours; you can remove only templates you saved' } });
    render(<Templates templates={[own]} search="" actions={a} renderSteps={() => null} />);
    expect(screen.getByRole('button', { name: 'Removing…' })).toBeDisabled();
    expect(screen.getByRole('alert')).toHaveTextContent('The template was not removed');
    expect(screen.getByRole('alert')).toHaveTextContent('you can remove only templates you saved');
  });
});

describe('MyWorkflows', () => {
  it('runs a workflow, shows why a run did not start, and has an empty state', () => {
    const a = actions({ errors: { w1: 'This workflow is archived' } });
    const { rerender } = render(<MyWorkflows workflows={[mine]} actions={a} searching={false} renderSteps={() => null} />);
    const card = screen.getByRole('article', { name: 'My rebalancing' });
    expect(card).toHaveTextContent('Version 2');
    fireEvent.click(within(card).getByRole('button', { name: 'Run' }));
    expect(a.run).toHaveBeenCalledWith('w1');
    expect(screen.getByRole('alert')).toHaveTextContent('This workflow is archived');
    rerender(<MyWorkflows workflows={[]} actions={a} searching={false} renderSteps={() => null} />);
    expect(screen.getByText('You have no workflows yet')).toBeInTheDocument();
    rerender(<MyWorkflows workflows={[]} actions={a} searching renderSteps={() => null} />);
    expect(screen.getByText('None of your workflows match.')).toBeInTheDocument();
  });
});
