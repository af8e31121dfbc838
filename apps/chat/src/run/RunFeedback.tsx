import { type FormEvent, useEffect, useId, useState } from 'react';
import { ActionError, BusyButton } from '../cards/pieces';
import { trpc } from '../lib/trpc';

const RATINGS = [
  [1, 'Poor'],
  [2, 'Fair'],
  [3, 'Good'],
  [4, 'Very good'],
  [5, 'Excellent'],
] as const;

const ratingWords = (rating: number) => `${rating} out of 5 (${RATINGS[rating - 1]?.[1] ?? ''})`;

/** "How did this go?": a 1-5 rating and an optional comment on a finished run; sending again replaces it. */
export function RunFeedback({ runId }: { runId: string }) {
  const utils = trpc.useUtils();
  // Only the run's owner can rate it, so the first rating on the run is theirs.
  const existing = trpc.analytics.feedback.list.useQuery({ executionId: runId, limit: 1 }, { retry: false });
  const saved = existing.data?.items[0] ?? null;
  const submit = trpc.analytics.feedback.submit.useMutation({
    onSuccess: () => void utils.analytics.feedback.list.invalidate({ executionId: runId }),
  });
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [editing, setEditing] = useState(false);
  const ids = { legend: useId(), comment: useId() };

  // A rating saved earlier fills the form in, so "Change" starts from it.
  useEffect(() => {
    if (saved) {
      setRating(saved.rating);
      setComment(saved.comment ?? '');
    }
  }, [saved]);

  const done = submit.data ?? saved;
  if (done && !editing) {
    return (
      <section className="run-feedback" aria-label="Your rating of this run">
        <p role="status">
          <strong>Thanks - saved.</strong> You rated this run {ratingWords(done.rating)}
          {done.comment ? `: “${done.comment}”` : '.'}{' '}
          <button type="button" className="btn btn-sm" onClick={() => setEditing(true)}>
            Change your rating
          </button>
        </p>
      </section>
    );
  }

  const send = (e: FormEvent) => {
    e.preventDefault();
    if (rating === null) return;
    const trimmed = comment.trim();
    submit.mutate({ executionId: runId, rating, ...(trimmed ? { comment: trimmed } : {}) }, { onSuccess: () => setEditing(false) });
  };

  return (
    <form className="run-feedback" onSubmit={send} aria-label="Rate this run">
      <fieldset aria-labelledby={ids.legend}>
        <legend id={ids.legend}>How did this go?</legend>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
          {RATINGS.map(([value, word]) => (
            <label key={value} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
              <input type="radio" name={`rating-${runId}`} value={value} checked={rating === value} onChange={() => setRating(value)} />
              {value} <span className="muted">{word}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={ids.comment}>Comment (optional)</label>
        <textarea id={ids.comment} value={comment} maxLength={2000} rows={2} onChange={(e) => setComment(e.target.value)} />
      </div>
      {rating === null && <p className="muted">Choose a rating from 1 (poor) to 5 (excellent) to send it.</p>}
      <ActionError error={submit.error} title="Your rating was not saved" />
      <BusyButton type="submit" className="btn btn-primary" busy={submit.isPending} busyLabel="Sending…" disabled={rating === null}>
        Send
      </BusyButton>
      {editing && (
        <button type="button" className="btn" onClick={() => setEditing(false)}>
          Keep my earlier rating
        </button>
      )}
    </form>
  );
}
