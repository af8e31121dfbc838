import { useState } from 'react';
import { Card } from '../../cards/pieces';

/** A tool call that waits for the person's yes or no before anything happens. */
export function ApprovalCard({ what, onApprove, onDeny }: { what: string; onApprove: () => void; onDeny: () => void }) {
  // One answer per request: the buttons go quiet once clicked, while the reply is on its way.
  const [answered, setAnswered] = useState(false);
  const answer = (fn: () => void) => () => {
    setAnswered(true);
    fn();
  };
  return (
    <Card
      kicker="Your approval is needed"
      title="Should I go ahead?"
      tone="attention"
      testId="approval-card"
      actions={
        <>
          <button type="button" className="btn btn-primary" onClick={answer(onApprove)} disabled={answered}>
            Approve
          </button>
          <button type="button" className="btn" onClick={answer(onDeny)} disabled={answered}>
            Deny
          </button>
        </>
      }
    >
      <p>{what}</p>
    </Card>
  );
}
