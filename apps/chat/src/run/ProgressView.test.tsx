import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { RunStatus } from '../lib/types';
import { ProgressView } from './ProgressView';
import { makeRun } from './testing';

const buttons = () => ({
  pause: screen.getByRole('button', { name: 'Pause' }),
  resume: screen.getByRole('button', { name: 'Resume' }),
  cancel: screen.getByRole('button', { name: 'Cancel' }),
});

describe('progress panel', () => {
  it('lists every step with its status and marks the waiting one as current', () => {
    render(<ProgressView run={makeRun()} onControl={vi.fn()} />);
    const items = within(screen.getByRole('list', { name: 'Steps' })).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringContaining('Your income'),
      expect.stringContaining('Review the plan'),
      expect.stringContaining('Summary'),
    ]);
    expect(items[0]).toHaveTextContent('Completed');
    expect(items[1]).toHaveAttribute('aria-current', 'step');
    expect(items[2]).toHaveTextContent('Not started');
    expect(screen.getByText('1 of 3 steps done')).toBeInTheDocument();
  });

  it.each<[RunStatus, boolean, boolean, boolean]>([
    ['running', true, false, true],
    ['waiting_for_input', true, false, true],
    ['waiting_for_review', true, false, true],
    ['paused', false, true, true],
    ['failed', false, false, true],
    ['completed', false, false, false],
    ['cancelled', false, false, false],
  ])('a %s run: pause %s, resume %s, cancel %s', (status, pause, resume, cancel) => {
    render(<ProgressView run={makeRun({ status })} onControl={vi.fn()} />);
    const b = buttons();
    expect([b.pause.hasAttribute('disabled'), b.resume.hasAttribute('disabled'), b.cancel.hasAttribute('disabled')]).toEqual([!pause, !resume, !cancel]);
  });

  it('waits while a control is on its way, and shows a failed one in words', () => {
    render(<ProgressView run={makeRun({ status: 'paused' })} onControl={vi.fn()} busy error="The run is cancelled and cannot become running" />);
    expect(buttons().resume).toBeDisabled();
    expect(screen.getByRole('alert')).toHaveTextContent('cannot become running');
  });

  it('pause and resume act at once', async () => {
    const onControl = vi.fn();
    const { rerender } = render(<ProgressView run={makeRun({ status: 'running' })} onControl={onControl} />);
    await userEvent.click(buttons().pause);
    rerender(<ProgressView run={makeRun({ status: 'paused' })} onControl={onControl} />);
    await userEvent.click(buttons().resume);
    expect(onControl.mock.calls).toEqual([['pause'], ['resume']]);
  });

  it('cancel asks first in a dialog that takes focus, and Escape backs out without cancelling', async () => {
    const onControl = vi.fn();
    render(<ProgressView run={makeRun()} onControl={onControl} />);
    await userEvent.click(buttons().cancel);
    const dialog = screen.getByRole('dialog', { name: 'Cancel this run?' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(screen.getByRole('button', { name: 'Keep it running' })).toHaveFocus();
    // Tab stays inside the dialog.
    await userEvent.tab();
    expect(screen.getByRole('button', { name: 'Cancel the run' })).toHaveFocus();
    await userEvent.tab();
    expect(screen.getByRole('button', { name: 'Keep it running' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(buttons().cancel).toHaveFocus();
    expect(onControl).not.toHaveBeenCalled();
  });

  it('confirming in the dialog cancels the run', async () => {
    const onControl = vi.fn();
    render(<ProgressView run={makeRun()} onControl={onControl} />);
    await userEvent.click(buttons().cancel);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel the run' }));
    expect(onControl).toHaveBeenCalledWith('cancel');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
