import { Link, useParams } from 'react-router';
import { EmptyState, ErrorNote, PageLoading } from '../cards/pieces';
import { useRunLive } from '../lib/live';
import { errorMessage, hasErrorCode, trpc } from '../lib/trpc';
import { LiveRun } from '../run/LiveRun';
import { ProgressPanel } from '../run/ProgressPanel';
import { AttemptTimeline } from './execution/AttemptTimeline';
import { ExecutionHeader } from './execution/ExecutionHeader';

export function ExecutionPage() {
  const id = useParams().id ?? '';
  const run = trpc.executions.get.useQuery({ id }, { enabled: id !== '' });
  // Header and timeline refresh on every event of the run, whoever acted.
  useRunLive(run.data ? id : null);

  if (run.isLoading) return <PageLoading label="Loading the run" />;
  // A bad id and another user's run look the same on purpose: neither is yours.
  if (hasErrorCode(run.error, 'NOT_FOUND', 'BAD_REQUEST') || (!run.data && !run.error)) {
    return (
      <div className="page">
        <EmptyState title="There is no run of yours at this address" action={<Link className="btn btn-primary" to="/executions">See your runs</Link>}>
          The link may be mistyped, or the run may belong to another account.
        </EmptyState>
      </div>
    );
  }
  if (!run.data) {
    return (
      <div className="page">
        <ErrorNote title="The run could not be loaded">{errorMessage(run.error)}</ErrorNote>
      </div>
    );
  }
  const stepNames = Object.fromEntries(run.data.steps.map((s) => [s.stepId, s.name]));
  return (
    <div className="page exec-page">
      <ExecutionHeader run={run.data} />
      <div className="exec-layout">
        <aside className="exec-aside" aria-label="Progress">
          <ProgressPanel runId={id} />
        </aside>
        <div className="exec-main">
          <section aria-labelledby="now-title" className="exec-section">
            <h2 id="now-title">Where it stands</h2>
            <LiveRun runId={id} />
          </section>
          <section aria-labelledby="timeline-title" className="exec-section">
            <h2 id="timeline-title">Timeline</h2>
            <p className="muted">Every attempt of every step, oldest first.</p>
            <AttemptTimeline attempts={run.data.attempts} stepNames={stepNames} />
          </section>
        </div>
      </div>
    </div>
  );
}
