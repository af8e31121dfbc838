import { type FormEvent, useId, useState } from 'react';
import { ActionError, BusyButton } from './pieces';
import type { StepActions } from './types';
import { useAction } from './use-action';

/** Accept an AI answer, or reject it with optional feedback so the next attempt can address it. */
export function ReviewActions({ actions }: { actions: StepActions }) {
  const [rejecting, setRejecting] = useState(false);
  const [feedback, setFeedback] = useState('');
  const accept = useAction(actions.accept);
  const reject = useAction(actions.reject);
  const feedbackId = useId();

  if (rejecting) {
    const send = (event: FormEvent) => {
      event.preventDefault();
      void reject.run(feedback.trim());
    };
    return (
      <form className="review review-reject" onSubmit={send}>
        <label className="label" htmlFor={feedbackId}>
          What should change? <span className="optional">(optional)</span>
        </label>
        <textarea
          id={feedbackId}
          value={feedback}
          onChange={(event) => setFeedback(event.target.value)}
          placeholder="e.g. Keep the gym membership; look at subscriptions instead."
          maxLength={4000}
          disabled={reject.busy}
          autoFocus
        />
        <ActionError error={reject.error} title="Could not send your feedback" />
        <div className="review-buttons">
          <BusyButton type="submit" className="btn btn-primary" busy={reject.busy} busyLabel="Sending…">
            Send &amp; retry
          </BusyButton>
          <button type="button" className="btn btn-ghost" onClick={() => setRejecting(false)} disabled={reject.busy}>
            Cancel
          </button>
        </div>
      </form>
    );
  }

  return (
    <div className="review">
      <ActionError error={accept.error} title="Could not accept" />
      <div className="review-buttons">
        <BusyButton className="btn btn-success" busy={accept.busy} busyLabel="Accepting…" onClick={() => void accept.run()}>
          Accept
        </BusyButton>
        <button type="button" className="btn btn-danger" onClick={() => setRejecting(true)} disabled={accept.busy}>
          Reject &amp; retry
        </button>
      </div>
    </div>
  );
}
