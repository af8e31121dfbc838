import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithTrpc, trpcError, type Handlers } from '../../run/testing';
import { RecommendationsPanel } from './RecommendationsPanel';

const WORKFLOW = '00000000-0000-4000-8000-0000000000aa';
const improvement = (id: string, title: string, why: string) => ({ id, kind: id.split(':')[0], stepId: id.split(':')[1], title, why, evidence: {}, patch: [], confidence: 0.9 });
const report = (improvements: ReturnType<typeof improvement>[], started = 200) => ({
  workflowId: WORKFLOW,
  name: 'Budget plan',
  version: 2,
  days: 30,
  runs: { started, completed: 130, failed: 0, cancelled: 53, inProgress: 17 },
  minRuns: 20,
  patterns: [],
  improvements,
  analyzedAt: new Date().toISOString(),
});
const advice = improvement('high_reject_rate:advice', 'Tell "Investment advice" what reviewers asked for', '114 of 254 answers (45%) were rejected; the most common feedback: "Mention the fees" (70 times).');
const branch = improvement('unused_branch:route', 'Remove the unused paths of "Deficit or savings"', 'Branch "deficit" was never taken in 140 decisions.');

function show(handlers: Handlers) {
  return renderWithTrpc(<RecommendationsPanel workflowId={WORKFLOW} days={30} />, handlers);
}

describe('RecommendationsPanel', () => {
  it('lists each recommendation with its reasons; Apply selected saves the chosen ones as a new version', async () => {
    const { calls } = show({
      'learning.recommendations': () => report([advice, branch]),
      'ai.optimize': () => ({ id: WORKFLOW, versionId: 'v3', version: 3, name: 'Budget plan' }),
    });
    expect(screen.getByRole('status')).toHaveTextContent('Looking for improvements in the runs…');
    expect(await screen.findByText(advice.why)).toBeInTheDocument();
    expect(screen.getByText(branch.why)).toBeInTheDocument();
    const apply = screen.getByRole('button', { name: 'Apply selected' });
    expect(apply).toBeDisabled();
    await userEvent.click(screen.getByRole('checkbox', { name: advice.title }));
    await userEvent.click(apply);
    expect(await screen.findByText('Saved as version 3.')).toBeInTheDocument();
    expect(calls.find((c) => c.path === 'ai.optimize')?.input).toEqual({ workflowId: WORKFLOW, improvementIds: ['high_reject_rate:advice'] });
  });

  it('says why there is nothing to recommend', async () => {
    show({ 'learning.recommendations': () => report([], 3) });
    expect(await screen.findByText('No recommendations')).toBeInTheDocument();
    expect(screen.getByText('Version 2 has 3 runs in the last 30 days; recommendations need at least 20.')).toBeInTheDocument();
  });

  it('shows a load error in the server words', async () => {
    show({ 'learning.recommendations': () => { throw trpcError('NOT_FOUND', `No workflow ${WORKFLOW}`); } });
    expect(await screen.findByRole('alert')).toHaveTextContent(`Recommendations could not be loaded${`No workflow ${WORKFLOW}`}`);
  });

  it('a stale recommendation is refused with the reason', async () => {
    const stale = '"Budget plan" changed since these recommendations were made for version 2 (it is now version 3); ask for recommendations again';
    show({ 'learning.recommendations': () => report([advice]), 'ai.optimize': () => { throw trpcError('CONFLICT', stale); } });
    await userEvent.click(await screen.findByRole('checkbox', { name: advice.title }));
    await userEvent.click(screen.getByRole('button', { name: 'Apply selected' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(`The changes were not saved${stale}`));
  });
});
