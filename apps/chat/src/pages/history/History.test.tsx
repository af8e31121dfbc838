import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { ExecutionListItem } from '../../lib/types';
import { NoRuns } from '../HistoryPage';
import { HistoryList } from './HistoryList';
import { StatusFilter } from './StatusFilter';

const run = (over: Partial<ExecutionListItem>): ExecutionListItem => ({
  id: '11111111-1111-4111-8111-111111111111',
  status: 'completed',
  workflowId: 'w1',
  workflowName: 'Monthly budget review',
  workflowVersion: 3,
  startedAt: '2026-03-01T10:00:00.000Z',
  completedAt: '2026-03-01T10:00:42.000Z',
  error: null,
  ...over,
});

describe('HistoryList', () => {
  it('shows each run with its workflow, version, status, duration and a link to its page', () => {
    const now = Date.parse('2026-03-01T10:05:00.000Z');
    const items = [
      run({}),
      run({ id: '22222222-2222-4222-8222-222222222222', workflowName: 'Rebalance', workflowVersion: 1, status: 'waiting_for_input', completedAt: null }),
      run({ id: '33333333-3333-4333-8333-333333333333', workflowName: 'Tax check', status: 'failed', error: 'The income was missing' }),
    ];
    render(<HistoryList items={items} now={now} />, { wrapper: MemoryRouter });
    const links = screen.getAllByRole('link');
    expect(links).toHaveLength(3);
    expect(links[0]).toHaveAttribute('href', '/executions/11111111-1111-4111-8111-111111111111');
    expect(within(links[0]!).getByText('Monthly budget review')).toBeInTheDocument();
    expect(links[0]).toHaveTextContent('Version 3');
    expect(links[0]).toHaveTextContent('Completed');
    expect(links[0]).toHaveTextContent('42 s');
    expect(within(links[0]!).getByText(/Mar 1/)).toHaveAttribute('datetime', '2026-03-01T10:00:00.000Z');
    expect(links[1]).toHaveTextContent('Waiting for your input');
    expect(links[1]).toHaveTextContent('5 min 0 s so far');
    expect(links[2]).toHaveTextContent('The income was missing');
  });
});

describe('StatusFilter', () => {
  it('marks the chosen status and reports a new choice', () => {
    const onChange = vi.fn();
    render(<StatusFilter value="completed" onChange={onChange} />);
    expect(screen.getByRole('button', { name: 'Completed' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: 'All' })).toHaveAttribute('aria-pressed', 'false');
    fireEvent.click(screen.getByRole('button', { name: 'Failed' }));
    expect(onChange).toHaveBeenCalledWith('failed');
  });
});

describe('NoRuns', () => {
  it('sends people to the chat when they have no runs at all', () => {
    render(<NoRuns status="all" />, { wrapper: MemoryRouter });
    expect(screen.getByText('No runs yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Start one in the chat' })).toHaveAttribute('href', '/chat');
  });

  it('names the filter when only that status has none', () => {
    render(<NoRuns status="failed" />, { wrapper: MemoryRouter });
    expect(screen.getByText('No runs here (failed)')).toBeInTheDocument();
  });
});
