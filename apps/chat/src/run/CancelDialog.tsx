import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';

/**
 * Asks before cancelling for good. A modal dialog: focus starts on the safe choice, Tab stays
 * inside, Escape closes, and focus goes back to what opened it. Rendered on <body> so no panel's
 * stacking order can put anything above it.
 */
export function CancelDialog({ workflowName, onConfirm, onClose }: { workflowName: string; onConfirm: () => void; onClose: () => void }) {
  const titleId = useId();
  const textId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const keep = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    keep.current?.focus();
    return () => opener?.focus?.();
  }, []);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
      return;
    }
    if (event.key !== 'Tab') return;
    const buttons = Array.from(dialog.current?.querySelectorAll<HTMLButtonElement>('button:not([disabled])') ?? []);
    const first = buttons[0];
    const last = buttons[buttons.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  }

  return createPortal(
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={dialog} className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={textId} onKeyDown={onKeyDown}>
        <h2 id={titleId}>Cancel this run?</h2>
        <p id={textId}>
          “{workflowName}” stops for good: steps not yet done will not run, and it cannot be resumed. What is already done is kept.
        </p>
        <div className="dialog-actions">
          <button ref={keep} type="button" className="btn" onClick={onClose}>
            Keep it running
          </button>
          <button type="button" className="btn btn-danger" onClick={onConfirm}>
            Cancel the run
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}

/** A Cancel button's confirmation: `ask()` opens the dialog (render `dialog`); confirming calls `cancel`. */
export function useCancelConfirmation(workflowName: string, cancel: () => void): { ask: () => void; dialog: ReactNode } {
  const [open, setOpen] = useState(false);
  const dialog = open ? (
    <CancelDialog
      workflowName={workflowName}
      onClose={() => setOpen(false)}
      onConfirm={() => {
        setOpen(false);
        cancel();
      }}
    />
  ) : null;
  return { ask: () => setOpen(true), dialog };
}
