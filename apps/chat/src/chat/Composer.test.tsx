import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useRef, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { Composer, Suggestions } from './Composer';

function Harness({ streaming = false, onSend = vi.fn(), onStop = vi.fn() }: { streaming?: boolean; onSend?: (t: string) => void; onStop?: () => void }) {
  const [value, setValue] = useState('');
  const ref = useRef<HTMLTextAreaElement>(null);
  return (
    <Composer
      value={value}
      onChange={setValue}
      inputRef={ref}
      streaming={streaming}
      onStop={onStop}
      onSend={(text) => {
        setValue('');
        onSend(text);
      }}
    />
  );
}

describe('composer', () => {
  it('Enter sends the trimmed message and clears the box', async () => {
    const onSend = vi.fn();
    render(<Harness onSend={onSend} />);
    const box = screen.getByRole('textbox', { name: 'Message' });
    await userEvent.type(box, '  Plan my monthly budget {Enter}');
    expect(onSend).toHaveBeenCalledExactlyOnceWith('Plan my monthly budget');
    expect(box).toHaveValue('');
  });

  it('Shift+Enter starts a new line instead of sending', async () => {
    const onSend = vi.fn();
    render(<Harness onSend={onSend} />);
    const box = screen.getByRole('textbox', { name: 'Message' });
    await userEvent.type(box, 'income 5000{Shift>}{Enter}{/Shift}expenses 3200');
    expect(onSend).not.toHaveBeenCalled();
    expect(box).toHaveValue('income 5000\nexpenses 3200');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).toHaveBeenCalledWith('income 5000\nexpenses 3200');
  });

  it('an empty message is not sent', async () => {
    const onSend = vi.fn();
    render(<Harness onSend={onSend} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), '   {Enter}');
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
  });

  it('while a reply streams, Stop replaces Send and Enter does not send', async () => {
    const onSend = vi.fn();
    const onStop = vi.fn();
    render(<Harness streaming onSend={onSend} onStop={onStop} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'accept{Enter}');
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'Send' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Stop' }));
    expect(onStop).toHaveBeenCalledOnce();
  });

  it('suggestion chips send their words', async () => {
    const onPick = vi.fn();
    render(<Suggestions onPick={onPick} />);
    await userEvent.click(screen.getByRole('button', { name: 'Onboard me and find my risk profile' }));
    expect(onPick).toHaveBeenCalledWith('Onboard me and find my risk profile');
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Help me rebalance my portfolio',
      'Onboard me and find my risk profile',
      'Plan my monthly budget',
    ]);
  });
});
