import { useState } from 'react';

/** "Remove" for one of your own templates; asks once more before it deletes anything. */
export function RemoveTemplate({ name, removing, onRemove }: { name: string; removing: boolean; onRemove(): void }) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="btn btn-sm btn-ghost" onClick={() => setConfirming(true)} disabled={removing}>
        {removing ? 'Removing…' : 'Remove'}
      </button>
    );
  }
  return (
    <span className="lib-confirm" role="group" aria-label={`Remove “${name}” from your templates?`}>
      <span className="lib-confirm-question">Remove from your templates?</span>
      <button
        type="button"
        className="btn btn-sm btn-danger"
        onClick={() => {
          setConfirming(false);
          onRemove();
        }}
      >
        Remove it
      </button>
      <button type="button" className="btn btn-sm" onClick={() => setConfirming(false)}>
        Keep it
      </button>
    </span>
  );
}
