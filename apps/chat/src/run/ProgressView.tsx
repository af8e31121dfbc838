import { WorkflowGraph } from '../cards/graph/WorkflowGraph';
import { ErrorNote, StatusBadge } from '../cards/pieces';
import { statusLabel, stepTypeLabel } from '../lib/format';
import type { ExecutionView } from '../lib/types';
import { useCancelConfirmation } from './CancelDialog';
import { canControl, type RunControl } from './run-controls';

export interface ProgressViewProps {
  run: ExecutionView;
  onControl: (control: RunControl) => void;
  /** A control is on its way to the server: the buttons wait. */
  busy?: boolean;
  error?: string | null;
}

const MARKS: Record<string, string> = { completed: '✓', failed: '!', cancelled: '×', skipped: '–', waiting: '…', running: '•' };

/** Every step with its status, the graph, and Pause / Resume / Cancel as the run's status allows. */
export function ProgressView({ run, onControl, busy = false, error }: ProgressViewProps) {
  const confirmCancel = useCancelConfirmation(run.workflowName, () => onControl('cancel'));
  const done = run.steps.filter((s) => s.status === 'completed' || s.status === 'skipped').length;
  // A run held at its budget goes on by approving more (its card), not by Resume.
  const held = Boolean(run.budget?.hold) && run.status === 'paused';
  const enabled = (control: RunControl) => !busy && canControl(run.status, control) && !(held && control === 'resume');
  return (
    <div className="progress-view">
      <header className="progress-head">
        <h2 className="progress-name">{run.workflowName}</h2>
        <StatusBadge status={run.status} />
      </header>
      <p className="muted progress-count">
        {done} of {run.steps.length} steps done
      </p>
      {error && <ErrorNote title="That did not work">{error}</ErrorNote>}
      <div className="progress-controls" role="group" aria-label="Run controls">
        <button type="button" className="btn btn-sm" disabled={!enabled('pause')} onClick={() => onControl('pause')}>
          Pause
        </button>
        <button type="button" className="btn btn-sm" disabled={!enabled('resume')} onClick={() => onControl('resume')}>
          Resume
        </button>
        <button type="button" className="btn btn-sm btn-danger" disabled={!enabled('cancel')} onClick={confirmCancel.ask}>
          Cancel
        </button>
      </div>
      <ol className="stepper" aria-label="Steps">
        {run.steps.map((step) => (
          <li key={step.stepId} className={`stepper-item stepper-${step.status}`} aria-current={step.status === 'waiting' ? 'step' : undefined}>
            <span className="stepper-mark" aria-hidden="true">
              {MARKS[step.status] ?? ''}
            </span>
            <span className="stepper-text">
              <span className="stepper-name">{step.name}</span>
              <span className="stepper-meta">
                {stepTypeLabel(step.type)} · {statusLabel(step.status)}
              </span>
            </span>
          </li>
        ))}
      </ol>
      <WorkflowGraph
        steps={run.steps.map((s) => ({ id: s.stepId, name: s.name, type: s.type, dependencies: s.dependencies }))}
        statuses={Object.fromEntries(run.steps.map((s) => [s.stepId, s.status]))}
        label={`How the steps of ${run.workflowName} connect`}
      />
      {confirmCancel.dialog}
    </div>
  );
}
