import { formatDateTime, formatDuration } from '../lib/format';
import type { ExecutionView } from '../lib/types';
import { errorTitle, failedStepOf, stepName } from './error-words';
import { Icon } from './icons';
import { Card, ErrorNote } from './pieces';
import { StructuredValue } from './StructuredValue';

/** The end of a run: what it produced, where and why it failed, or that it was cancelled. Nothing while it runs. */
export function RunSummaryCard({ run }: { run: ExecutionView }) {
  switch (run.status) {
    case 'completed':
      return (
        <Card kicker={run.workflowName} title="Workflow complete" status="completed" tone="success" icon={<Icon name="completed" />} testId="run-summary">
          <RunFacts run={run} />
          <Results run={run} />
        </Card>
      );
    case 'failed': {
      const step = failedStepOf(run);
      const error = run.error ?? step?.error ?? null;
      return (
        <Card kicker={run.workflowName} title="Workflow stopped" status="failed" tone="danger" icon={<Icon name="failed" />} testId="run-summary">
          <RunFacts run={run} />
          {step && (
            <p>
              It stopped at <strong>{step.name}</strong>.
            </p>
          )}
          <ErrorNote title={errorTitle(error)}>{error?.message ?? 'No reason was recorded.'}</ErrorNote>
        </Card>
      );
    }
    case 'cancelled':
      return (
        <Card kicker={run.workflowName} title="Workflow cancelled" status="cancelled" tone="muted" icon={<Icon name="cancelled" />} testId="run-summary">
          <RunFacts run={run} />
          <p className="muted">It was cancelled before it finished; steps that had not run will not run.</p>
        </Card>
      );
    case 'pending':
    case 'running':
    case 'waiting_for_input':
    case 'waiting_for_review':
    case 'paused':
      return null;
    default:
      return unknownStatus(run.status);
  }
}

const unknownStatus = (status: never) => <p className="muted">{String(status)}</p>;

/** When it ended, how long it took and how many steps got done. */
function RunFacts({ run }: { run: ExecutionView }) {
  const completed = run.steps.filter((s) => s.status === 'completed').length;
  const skipped = run.steps.filter((s) => s.status === 'skipped').length;
  const took = run.startedAt && run.completedAt ? Date.parse(run.completedAt) - Date.parse(run.startedAt) : null;
  return (
    <p className="run-facts">
      <span>{`${completed} of ${run.steps.length} steps done${skipped > 0 ? `, ${skipped} skipped` : ''}`}</span>
      {run.completedAt && <span>Ended {formatDateTime(run.completedAt)}</span>}
      {took !== null && <span>Took {formatDuration(took)}</span>}
    </p>
  );
}

/** The outputs of the workflow's final steps (run.results, by step id). */
function Results({ run }: { run: ExecutionView }) {
  const results = Object.entries(run.results ?? {});
  if (results.length === 0) return <p className="muted">The workflow finished without results to show.</p>;
  return (
    <div className="run-results">
      {results.map(([stepId, output]) => (
        <section className="run-result" key={stepId}>
          <h4 className="sv-heading">{stepName(run, stepId)}</h4>
          {output === null ? <p className="muted">Skipped: the workflow took another path.</p> : <StructuredValue value={output} level={5} />}
        </section>
      ))}
    </div>
  );
}
