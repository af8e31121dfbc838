import { useId, useState } from 'react';
import { ActionError, BusyButton, EmptyState, ErrorNote, InfoNote, Progress } from '../../cards/pieces';
import { errorMessage, trpc } from '../../lib/trpc';
import type { Period } from './types';

/** What the runs of the workflow's latest version suggest changing; chosen changes are saved as a new version. */
export function RecommendationsPanel({ workflowId, days }: { workflowId: string; days: Period }) {
  const utils = trpc.useUtils();
  const recommendations = trpc.learning.recommendations.useQuery({ workflowId, days });
  const optimize = trpc.ai.optimize.useMutation({
    onSuccess: () => {
      setChosen(new Set());
      void utils.learning.recommendations.invalidate({ workflowId });
      void utils.workflows.get.invalidate({ id: workflowId });
    },
  });
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const titleId = useId();
  const data = recommendations.data;

  const toggle = (id: string) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const improvements = data?.improvements ?? [];

  return (
    <section aria-labelledby={titleId} className="recommendations">
      <h3 id={titleId}>Recommendations</h3>
      {optimize.data && <InfoNote>{`Saved as version ${optimize.data.version}.`}</InfoNote>}
      <ActionError error={optimize.error} title="The changes were not saved" />
      {recommendations.isLoading ? (
        <Progress label="Looking for improvements in the runs…" />
      ) : recommendations.error ? (
        <ErrorNote title="Recommendations could not be loaded">{errorMessage(recommendations.error)}</ErrorNote>
      ) : !data ? null : improvements.length === 0 ? (
        <EmptyState title="No recommendations">
          {data.runs.started < data.minRuns
            ? `Version ${data.version} has ${data.runs.started} runs in the last ${days} days; recommendations need at least ${data.minRuns}.`
            : `The ${data.runs.started} runs of version ${data.version} in the last ${days} days show nothing to change.`}
        </EmptyState>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            optimize.mutate({ workflowId, improvementIds: [...chosen] });
          }}
        >
          <ul className="recommendation-list">
            {improvements.map((i) => (
              <li key={i.id}>
                <label>
                  <input type="checkbox" checked={chosen.has(i.id)} onChange={() => toggle(i.id)} />
                  <strong>{i.title}</strong>
                </label>
                <p className="muted">{i.why}</p>
              </li>
            ))}
          </ul>
          <BusyButton type="submit" className="btn btn-primary" busy={optimize.isPending} busyLabel="Saving…" disabled={chosen.size === 0}>
            Apply selected
          </BusyButton>
        </form>
      )}
    </section>
  );
}
