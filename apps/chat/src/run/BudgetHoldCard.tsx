import { useId, useState } from 'react';
import { ActionError, BusyButton, Card } from '../cards/pieces';
import { useAction } from '../cards/use-action';
import { formatCost, formatNumber } from '../lib/format';
import { trpc } from '../lib/trpc';
import type { ExecutionView } from '../lib/types';
import { useCancelConfirmation } from './CancelDialog';

export type BudgetHold = NonNullable<NonNullable<ExecutionView['budget']>['hold']>;

const amount = (hold: Pick<BudgetHold, 'unit'>, value: number) => (hold.unit === 'usd' ? formatCost(value) : `${formatNumber(value)} tokens`);

/** The hold in plain words: which cap, how much is spent, and what the next step needs. */
export function holdSentence(hold: BudgetHold, stepNames: string[]): string {
  const steps = stepNames.map((n) => `“${n}”`).join(' and ');
  const cap = hold.scope === 'run' ? `this run's budget of ${amount(hold, hold.cap)}` : `your daily AI budget of ${amount(hold, hold.cap)}`;
  const spent = hold.scope === 'run' ? `It has used ${amount(hold, hold.spent)}` : `You have used ${amount(hold, hold.spent)} today`;
  return `${spent} of ${cap}; ${steps} would need about ${amount(hold, hold.estimate)} more, so the run paused before asking the model.`;
}

/** A run paused at a budget cap: approve more (the suggested amount, or another) or stop it. */
export function BudgetHoldCard({ run, hold }: { run: ExecutionView; hold: BudgetHold }) {
  const utils = trpc.useUtils();
  const approveBudget = trpc.executions.approveBudget.useMutation();
  const cancel = trpc.executions.cancel.useMutation();
  const [extra, setExtra] = useState(String(hold.suggested));
  const fieldId = useId();
  const refresh = () => utils.executions.get.invalidate({ id: run.id });
  const approve = useAction(async () => {
    await approveBudget.mutateAsync({ id: run.id, extra: Number(extra) });
    await refresh();
  });
  const stop = useAction(async () => {
    await cancel.mutateAsync({ id: run.id });
    await refresh();
  });
  const confirmCancel = useCancelConfirmation(run.workflowName, () => void stop.run());
  const names = hold.stepIds.map((id) => run.steps.find((s) => s.stepId === id)?.name ?? id);
  const valid = Number(extra) > 0;
  const actions = (
    <>
      <BusyButton className="btn btn-primary" busy={approve.busy} busyLabel="Approving…" disabled={!valid || stop.busy} onClick={() => void approve.run()}>
        Approve {valid ? amount(hold, Number(extra)) : ''} and continue
      </BusyButton>
      <BusyButton className="btn btn-danger" busy={stop.busy} busyLabel="Stopping…" disabled={approve.busy} onClick={confirmCancel.ask}>
        Stop the run
      </BusyButton>
    </>
  );
  return (
    <Card title="Budget reached" kicker="Paused" tone="attention" testId="budget-hold" actions={actions}>
      <p>{holdSentence(hold, names)}</p>
      <div className="budget-approve">
        <label htmlFor={fieldId}>Approve more ({hold.unit === 'usd' ? 'US dollars' : 'tokens'})</label>
        <input id={fieldId} type="number" min="0" step={hold.unit === 'usd' ? '0.01' : '1'} value={extra} onChange={(e) => setExtra(e.target.value)} />
      </div>
      <ActionError error={approve.error ?? stop.error} />
      {confirmCancel.dialog}
    </Card>
  );
}
