import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ToolUIPart } from 'ai';
import { describe, expect, it, vi } from 'vitest';
import type { PlanCardProps } from '../../cards/PlanCard';
import { trpcError, type Handlers } from '../../run/testing';
import type { ChatActions } from '../chat-actions';
import { renderInChat } from '../testing';
import { toolCards } from './index';
import { ToolPart } from './ToolPart';
import { TOOL_NAMES, type ToolName } from './types';

// Cards from other modules are stood in for: what matters here is which one gets what.
vi.mock('../../run/LiveRun', () => ({
  LiveRun: ({ runId, compact }: { runId: string; compact?: boolean }) => <p data-testid="live-run">{`${runId} ${compact ? 'compact' : 'full'}`}</p>,
}));
vi.mock('../../cards/PlanCard', () => ({
  PlanCard: ({ plan, onStart, onChange, onSaveTemplate }: PlanCardProps) => (
    <div data-testid="plan-card">
      {plan.name}
      <button onClick={() => void onStart?.()}>Start</button>
      <button onClick={() => onChange?.()}>Change it</button>
      {onSaveTemplate && <button onClick={() => void onSaveTemplate()}>Save as template</button>}
    </div>
  ),
}));

const RUN = '00000000-0000-4000-8000-000000000001';
const WORKFLOW = '00000000-0000-4000-8000-0000000000aa';
const plan = { workflowId: WORKFLOW, version: 1, name: 'Monthly Budget Plan', description: '', steps: [] };

function part(name: ToolName, rest: Record<string, unknown>): ToolUIPart {
  return { type: `tool-${name}`, toolCallId: 'call-1', input: {}, ...rest } as unknown as ToolUIPart;
}

function show(name: ToolName, p: ToolUIPart, actions: Partial<ChatActions> = {}, handlers: Handlers = {}) {
  return renderInChat(<ToolPart name={name} part={p} />, { 'auth.me': () => ({ id: 'u', email: 'a@b.c', role: 'user' }), ...handlers }, actions);
}

describe('tool cards', () => {
  it('has a card for every tool', () => {
    expect(Object.keys(toolCards).sort()).toEqual([...TOOL_NAMES].sort());
  });

  it('while the input streams, says what is being done', () => {
    show('generate_workflow', part('generate_workflow', { state: 'input-streaming', input: undefined }));
    expect(screen.getByRole('status')).toHaveTextContent('Designing your workflow…');
  });

  it('a finished list of templates is readable', () => {
    const output = { templates: [{ key: 'budget', name: 'Monthly budget review', description: 'Income vs expenses', category: 'budgeting', stepCount: 4 }] };
    show('list_templates', part('list_templates', { state: 'output-available', output }));
    expect(screen.getByText('Monthly budget review')).toBeInTheDocument();
    expect(screen.getByText('budgeting · 4 steps')).toBeInTheDocument();
  });

  it('an { error } output is shown in plain words with the fields to fix', () => {
    const output = { error: 'Some answers are not valid', fieldErrors: { monthly_income: ['must be >= 0'] } };
    show('submit_step_input', part('submit_step_input', { state: 'output-available', input: { executionId: RUN, stepId: 's', data: {} }, output }));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Some answers are not valid');
    expect(alert).toHaveTextContent('Monthly income: must be >= 0');
  });

  it('a failed call never shows a stack trace', () => {
    show('get_status', part('get_status', { state: 'output-error', errorText: 'TypeError: x is undefined\n    at run (/srv/app.js:10:5)' }));
    expect(screen.getByRole('alert')).toHaveTextContent('The assistant could not finish this step; try again.');
  });

  it('a call waiting for approval says what will happen; Approve and Deny answer it', async () => {
    const p = part('cancel_workflow', { state: 'approval-requested', input: { executionId: RUN }, approval: { id: 'approval-7' } });
    const { actions } = show('cancel_workflow', p);
    expect(screen.getByText(/Cancel the run for good/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    expect(actions.respondToApproval).toHaveBeenCalledWith('approval-7', true);
    expect(screen.getByRole('button', { name: 'Deny' })).toBeDisabled();
  });

  it('Deny answers no', async () => {
    const p = part('start_workflow', { state: 'approval-requested', input: { workflowId: WORKFLOW }, approval: { id: 'approval-8' } });
    const { actions } = show('start_workflow', p);
    await userEvent.click(screen.getByRole('button', { name: 'Deny' }));
    expect(actions.respondToApproval).toHaveBeenCalledWith('approval-8', false);
  });

  it('a denied call is a muted note', () => {
    show('cancel_workflow', part('cancel_workflow', { state: 'output-denied', input: { executionId: RUN }, approval: { id: 'a', approved: false } }));
    expect(screen.getByText(/You declined: Cancel the run for good/)).toHaveClass('muted');
  });

  it('the newest mention of a run shows it in full, older ones in one line', () => {
    const output = { id: RUN, status: 'waiting_for_input', steps: [] };
    const { unmount } = show('start_workflow', part('start_workflow', { state: 'output-available', output }), { fullRunCallId: 'call-1' });
    expect(screen.getByTestId('live-run')).toHaveTextContent(`${RUN} full`);
    unmount();
    show('get_status', part('get_status', { state: 'output-available', input: { executionId: RUN }, output }), { fullRunCallId: 'call-9' });
    expect(screen.getByTestId('live-run')).toHaveTextContent(`${RUN} compact`);
  });

  it('a plan: Start sends a message naming the workflow, Change it prefills the composer', async () => {
    const { actions } = show('generate_workflow', part('generate_workflow', { state: 'output-available', output: plan }));
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(actions.send).toHaveBeenCalledWith(`Start workflow ${WORKFLOW}`);
    await userEvent.click(screen.getByRole('button', { name: 'Change it' }));
    expect(actions.prefill).toHaveBeenCalledWith(expect.stringContaining(WORKFLOW));
  });

  it('any user saves a plan as one of their templates and is told where to find it', async () => {
    const saveMine = vi.fn(() => ({ id: 't1', key: 'monthly-budget-plan-abc123', name: 'Monthly Budget Plan', mine: true }));
    show('modify_workflow', part('modify_workflow', { state: 'output-available', output: plan }), {}, { 'templates.saveMine': saveMine });
    await userEvent.click(await screen.findByRole('button', { name: 'Save as template' }));
    await waitFor(() => expect(saveMine).toHaveBeenCalledWith({ workflowId: WORKFLOW }));
    expect(await screen.findByText('Saved to your templates - find it in the Library.')).toBeInTheDocument();
  });

  it('a refused save says why in plain words', async () => {
    const saveMine = () => {
      throw trpcError('NOT_FOUND', 'No workflow among yours; only your own workflows can be saved as templates');
    };
    show('generate_workflow', part('generate_workflow', { state: 'output-available', output: plan }), {}, { 'templates.saveMine': saveMine });
    await userEvent.click(await screen.findByRole('button', { name: 'Save as template' }));
    expect(await screen.findByText(/only your own workflows can be saved as templates/)).toBeInTheDocument();
    expect(screen.getByText('Could not save the template')).toBeInTheDocument();
  });
});
