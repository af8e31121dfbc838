import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithTrpc, trpcError } from '../../run/testing';
import { type Decisions, decisionsSummary, HumanDecisions } from './HumanDecisions';

const WORKFLOW = '00000000-0000-4000-8000-0000000000aa';
const MIN = 60_000;
const decisions: Decisions = {
  workflowId: WORKFLOW,
  days: 30,
  abandonAfterDays: 7,
  review: [
    { stepId: 'advice', name: 'Loan advice', reviews: 6, accepted: 4, rejected: 2, rejectRate: 2 / 6, approveMs: { p50: 2.5 * MIN, p90: 4.4 * MIN }, attemptsPerRun: { average: 1.4, max: 2 } },
  ],
  forms: [
    { stepId: 'profile', name: 'Your profile', reached: 8, completed: 5, abandoned: 2, abandonmentRate: 0.25, fillMsP50: 3 * MIN },
    { stepId: 'details', name: 'Details', reached: 2, completed: 2, abandoned: 0, abandonmentRate: 0, fillMsP50: 75_000 },
  ],
};
const empty: Decisions = {
  ...decisions,
  review: [{ ...decisions.review[0]!, reviews: 0, accepted: 0, rejected: 0, rejectRate: null, approveMs: { p50: null, p90: null }, attemptsPerRun: { average: null, max: null } }],
  forms: [{ ...decisions.forms[0]!, reached: 0, completed: 0, abandoned: 0, abandonmentRate: null, fillMsP50: null }],
};

const show = (answer: () => unknown) => renderWithTrpc(<HumanDecisions workflowId={WORKFLOW} days={30} />, { 'analytics.humanDecisions': answer });
const cells = (table: HTMLElement) => within(table).getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));

describe("People's decisions", () => {
  it('a table per kind of step, and a caption with the key numbers', async () => {
    const { calls } = show(() => decisions);
    expect(screen.getByRole('heading', { name: "People's decisions" })).toBeInTheDocument();
    expect(cells(await screen.findByRole('table', { name: 'AI answers people review' }))).toEqual([['Loan advice', '6', '2 min 30 s / 4 min 24 s', '33%', '1.4 / 2']]);
    expect(cells(screen.getByRole('table', { name: /^Forms/ }))).toEqual([
      ['Your profile', '8', '5', '2 (25%)', '3 min 0 s'],
      ['Details', '2', '2', '0 (0%)', '1 min 15 s'],
    ]);
    expect(screen.getByRole('figure', { name: 'Rejected answers and abandoned forms' })).toHaveTextContent(
      'People rejected 2 of 6 (33%) AI answers; most often at Loan advice (33%). An accepted answer there waited typically 2 min 30 s for approval. Most abandoned form: Your profile, left by 2 of 8 (25%) runs that reached it.',
    );
    expect(calls[0]?.input).toEqual({ workflowId: WORKFLOW, days: 30 });
  });

  it('says so when nobody reviewed an answer or reached a form', async () => {
    show(() => empty);
    expect(await screen.findByText('Nobody reviewed an AI answer or filled in a form of this workflow in the last 30 days.')).toBeInTheDocument();
    expect(cells(screen.getByRole('table', { name: 'AI answers people review' }))).toEqual([['Loan advice', '0', '— / —', '—', '—']]);
    expect(decisionsSummary({ review: [], forms: [] })).toBeNull();
  });

  it('when no form was abandoned the caption says so', () => {
    expect(decisionsSummary({ review: [], forms: [decisions.forms[1]!] })).toBe('No run was abandoned at a form.');
  });

  it('shows a load error in plain words', async () => {
    show(() => {
      throw trpcError('NOT_FOUND', `No workflow ${WORKFLOW}`);
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(`People's decisions could not be loaded${`No workflow ${WORKFLOW}`}`);
  });
});
