import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { StepAttempt } from '../../lib/types';
import { AttemptTimeline } from './AttemptTimeline';
import { ExecutionHeader } from './ExecutionHeader';

const attempt = (over: Partial<StepAttempt>): StepAttempt => ({
  stepId: 'profile',
  type: 'data_collection',
  attempt: 1,
  status: 'completed',
  waitingFor: null,
  input: null,
  output: { monthly_income: 5200 },
  error: null,
  feedback: null,
  durationMs: 1500,
  startedAt: '2026-03-01T10:00:00.000Z',
  completedAt: '2026-03-01T10:00:01.500Z',
  ...over,
});

const names = { profile: 'Your profile', advice: 'Investment advice', check: 'Risk check' };

describe('AttemptTimeline', () => {
  it('lists every attempt with its step, type, attempt number, duration and readable result', () => {
    render(<AttemptTimeline attempts={[attempt({})]} stepNames={names} />);
    const entry = screen.getByRole('article', { name: 'Your profile, attempt 1' });
    expect(entry).toHaveTextContent('Form · Attempt 1');
    expect(entry).toHaveTextContent('took 1.5 s');
    expect(within(entry).getByText('Monthly income')).toBeInTheDocument();
    expect(within(entry).getByText('5,200')).toBeInTheDocument();
  });

  it('shows a rejected AI result with its feedback, the retry that followed, and an error in plain words', () => {
    const attempts = [
      attempt({ stepId: 'advice', type: 'ai_generated', status: 'cancelled', error: { code: 'rejected', message: 'Too risky' }, feedback: 'Too risky', output: null }),
      attempt({ stepId: 'advice', type: 'ai_generated', attempt: 2, feedback: 'Too risky', output: { summary: 'A safer mix' }, input: { previous_output: 'x' } }),
      attempt({ stepId: 'check', type: 'validation', status: 'failed', output: null, error: { code: 'validation_failed', message: 'Savings must be at least 0' } }),
    ];
    render(<AttemptTimeline attempts={attempts} stepNames={names} />);
    const rejected = screen.getByRole('article', { name: 'Investment advice, attempt 1' });
    expect(rejected).toHaveTextContent('Rejected with feedback: “Too risky”');
    expect(rejected).toHaveTextContent('Rejected');
    expect(rejected).not.toHaveTextContent('What went wrong');
    const retry = screen.getByRole('article', { name: 'Investment advice, attempt 2' });
    expect(retry).toHaveTextContent('AI analysis · Attempt 2');
    expect(retry).toHaveTextContent('Feedback given: “Too risky”');
    expect(within(retry).getByText('A safer mix')).toBeInTheDocument();
    expect(within(retry).getByText('Inputs')).toBeInTheDocument();
    const failed = screen.getByRole('article', { name: 'Risk check, attempt 1' });
    expect(failed).toHaveTextContent('What went wrong: Savings must be at least 0');
    expect(failed).toHaveTextContent('Failed');
  });

  it('does not list steps that never started, and says so when none has', () => {
    render(<AttemptTimeline attempts={[attempt({ status: 'pending', startedAt: null })]} stepNames={names} />);
    expect(screen.queryByRole('article')).toBeNull();
    expect(screen.getByText('No step has started yet.')).toBeInTheDocument();
  });
});

describe('ExecutionHeader', () => {
  it('names the workflow, its status, times, and why a failed run stopped', () => {
    const run = {
      workflowName: 'Retirement check',
      status: 'failed' as const,
      startedAt: '2026-03-01T10:00:00.000Z',
      completedAt: '2026-03-01T10:02:05.000Z',
      error: { code: 'step_failed', message: 'The AI analysis gave no answer' },
    };
    render(<ExecutionHeader run={run} />, { wrapper: MemoryRouter });
    expect(screen.getByRole('heading', { level: 1, name: 'Retirement check' })).toBeInTheDocument();
    expect(screen.getByText('Failed')).toBeInTheDocument();
    expect(screen.getByText('2 min 5 s')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('The AI analysis gave no answer');
    expect(screen.getByRole('link', { name: '← History' })).toHaveAttribute('href', '/executions');
  });
});
