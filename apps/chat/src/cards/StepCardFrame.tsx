import type { ReactNode } from 'react';
import { stepTypeLabel } from '../lib/format';
import { errorTitle, stepName } from './error-words';
import { StepTypeIcon } from './icons';
import { ActionError, BusyButton, Card, type CardTone, ErrorNote, Progress } from './pieces';
import type { StepCardProps } from './types';
import { useAction } from './use-action';

const TONES: Record<string, CardTone> = { waiting: 'attention', failed: 'danger', skipped: 'muted', cancelled: 'muted' };

/** A waiting step says what it waits for: "Waiting for your input" or "… review". */
const badgeStatus = (step: StepCardProps['step']) => (step.status === 'waiting' && step.waitingFor ? `waiting_for_${step.waitingFor}` : step.status);

/**
 * The frame every step card shares: type, name, status and description, plus the states all
 * step types have in common (not started, running, skipped, cancelled, failed with a retry).
 * `body` and `footer` render only while the step is waiting or completed: the card's own states.
 */
export function StepCardFrame({ run, step, actions, readOnly, runningLabel = 'Working on it…', body, footer, failedBody }: StepCardProps & {
  runningLabel?: string;
  body: () => ReactNode;
  footer?: ReactNode;
  /** Replaces the plain error note of a failed step when the card can say more. */
  failedBody?: ReactNode;
}) {
  const ownState = step.status === 'waiting' || step.status === 'completed';
  const retry = useAction(actions.retry);
  const canRetry = step.status === 'failed' && !readOnly;
  return (
    <Card
      kicker={stepTypeLabel(step.type)}
      title={step.name}
      status={badgeStatus(step)}
      icon={
        <span className={`type-icon type-${step.type}`}>
          <StepTypeIcon type={step.type} />
        </span>
      }
      tone={TONES[step.status] ?? 'default'}
      testId={`step-${step.stepId}`}
      actions={
        ownState ? footer : canRetry ? (
          <BusyButton className="btn btn-primary" busy={retry.busy} busyLabel="Retrying…" onClick={() => void retry.run()}>
            Retry
          </BusyButton>
        ) : undefined
      }
    >
      {step.description && <p className="card-description">{step.description}</p>}
      {ownState ? body() : step.status === 'failed' && failedBody ? failedBody : <CommonState run={run} step={step} runningLabel={runningLabel} />}
      {canRetry && <ActionError error={retry.error} title="Could not retry" />}
    </Card>
  );
}

function CommonState({ run, step, runningLabel }: Pick<StepCardProps, 'run' | 'step'> & { runningLabel: string }) {
  switch (step.status) {
    case 'pending':
      return <p className="muted step-note">{pendingText(run, step)}</p>;
    case 'running':
      return <Progress label={step.attempt > 1 ? `${runningLabel} (attempt ${step.attempt})` : runningLabel} />;
    case 'skipped':
      return <p className="muted step-note">Skipped: the workflow took another path.</p>;
    case 'cancelled':
      return <p className="muted step-note">Cancelled before it finished.</p>;
    case 'failed':
      return <ErrorNote title={errorTitle(step.error)}>{step.error?.message ?? 'No reason was recorded.'}</ErrorNote>;
    case 'waiting':
    case 'completed':
      return null;
    default:
      return unknownStatus(step.status);
  }
}

function pendingText(run: StepCardProps['run'], step: StepCardProps['step']): string {
  if (step.dependencies.length === 0) return 'Starts shortly.';
  return `Starts after ${step.dependencies.map((id) => stepName(run, id)).join(', ')}.`;
}

const unknownStatus = (status: never) => <p className="muted step-note">{String(status)}</p>;
