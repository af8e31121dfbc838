import { Link } from 'react-router';
import { stepCards } from '../cards/registry';
import { RunSummaryCard } from '../cards/RunSummaryCard';
import { InfoNote, StatusBadge } from '../cards/pieces';
import type { StepActions } from '../cards/types';
import { isFinal, type ExecutionView, type StepView } from '../lib/types';
import { BudgetHoldCard } from './BudgetHoldCard';
import { RunFeedback } from './RunFeedback';

/** A step has started once it ran, waits, or ended by itself; pending and skipped ones have not. */
export const hasStarted = (step: StepView) => step.startedAt !== null || ['running', 'waiting', 'completed', 'failed'].includes(step.status);

/** The step the run is at: the one waiting, else running, else failed. */
export function currentStep(run: ExecutionView): StepView | undefined {
  return (
    run.steps.find((s) => s.status === 'waiting') ?? run.steps.find((s) => s.status === 'running') ?? run.steps.find((s) => s.status === 'failed')
  );
}

export function RunHeader({ run }: { run: ExecutionView }) {
  return (
    <header className="run-header">
      <div className="run-title">
        <p className="run-kicker">Workflow run</p>
        <h3>{run.workflowName}</h3>
      </div>
      <StatusBadge status={run.status} />
      <Link className="run-link" to={`/executions/${run.id}`}>
        Open run page<span className="sr-only"> for {run.workflowName}</span>
      </Link>
    </header>
  );
}

/** An older mention of the run: one line that still stays current. */
export function CompactRun({ run }: { run: ExecutionView }) {
  const step = currentStep(run);
  return (
    <p className="run-compact" data-testid="run-compact">
      <span className="run-compact-name">{run.workflowName}</span>
      <StatusBadge status={run.status} />
      {step && !isFinal(run.status) && <span className="run-compact-step muted">at “{step.name}”</span>}
      <Link to={`/executions/${run.id}`} className="run-compact-link">
        Details<span className="sr-only"> of {run.workflowName}</span>
      </Link>
    </p>
  );
}

/** The run in full: every started step's card in definition order, then the summary once it is over. */
export function FullRun({ run, actionsFor, notice }: { run: ExecutionView; actionsFor: (stepId: string) => StepActions; notice: string | null }) {
  return (
    <section className="run-full" aria-label={`${run.workflowName} run`} data-testid="run-full">
      <RunHeader run={run} />
      {notice && <InfoNote>{notice}</InfoNote>}
      <div className="run-steps">
        {run.steps.filter(hasStarted).map((step) => {
          const StepCard = stepCards[step.type];
          if (!StepCard) return <InfoNote key={step.stepId}>“{step.name}” is a kind of step this page cannot show yet; open the run page for it.</InfoNote>;
          return <StepCard key={step.stepId} run={run} step={step} actions={actionsFor(step.stepId)} readOnly={isFinal(run.status)} />;
        })}
      </div>
      {run.status === 'paused' &&
        (run.budget?.hold ? <BudgetHoldCard run={run} hold={run.budget.hold} /> : <InfoNote>This run is paused. Resume it to continue.</InfoNote>)}
      {isFinal(run.status) && <RunSummaryCard run={run} />}
      {(run.status === 'completed' || run.status === 'failed') && <RunFeedback runId={run.id} />}
    </section>
  );
}
