import { lazy, Suspense, useId } from 'react';
import { ErrorNote, Progress } from '../../cards/pieces';
import { errorMessage } from '../../lib/trpc';
import { RecommendationsPanel } from './RecommendationsPanel';
import type { Period } from './types';
import { useWorkflowAnalytics } from './useAnalytics';

const HumanDecisions = lazy(() => import('./HumanDecisions').then((m) => ({ default: m.HumanDecisions })));
const WorkflowStatsView = lazy(() => import('./WorkflowStatsView').then((m) => ({ default: m.WorkflowStatsView })));

/** Pick one of your workflows to see its own figures over the same period. */
export function WorkflowPanel({ days, workflowId, onChange }: { days: Period; workflowId: string; onChange: (id: string) => void }) {
  const { workflows, stats, stepNames } = useWorkflowAnalytics(workflowId, days);
  const selectId = useId();
  const items = workflows.data?.items ?? [];
  return (
    <section className="lib-section" aria-labelledby="one-workflow-title">
      <div className="section-header">
        <h2 id="one-workflow-title">One workflow</h2>
        <div className="field toolbar-select">
          <label htmlFor={selectId}>Workflow</label>
          <select id={selectId} value={workflowId} onChange={(e) => onChange(e.target.value)} disabled={items.length === 0}>
            <option value="">{items.length === 0 ? 'You have no workflows yet' : 'Choose a workflow'}</option>
            {items.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {workflowId === '' ? (
        <p className="muted">Choose a workflow to see its runs, success rate, durations, AI use and where its runs stop.</p>
      ) : stats.isLoading ? (
        <Progress label="Loading the workflow's figures…" />
      ) : stats.error ? (
        <ErrorNote title="The workflow's figures could not be loaded">{errorMessage(stats.error)}</ErrorNote>
      ) : (
        stats.data && (
          <Suspense fallback={<Progress label="Drawing the charts…" />}>
            <WorkflowStatsView stats={stats.data} stepNames={stepNames} />
          </Suspense>
        )
      )}
      {workflowId !== '' && <Suspense fallback={null}><HumanDecisions workflowId={workflowId} days={days} /></Suspense>}
      {workflowId !== '' && <RecommendationsPanel workflowId={workflowId} days={days} />}
    </section>
  );
}
