import { useCallback, useState } from 'react';
import type { StepActions } from '../cards/types';
import { hasErrorCode, trpc } from '../lib/trpc';

export const CONFLICT_NOTICE = 'Someone else answered this step already (in another tab or through the assistant). Here is where the run is now.';

/**
 * The step cards' actions on a run, bound to the executions mutations. After each answer the run is
 * fetched again; a CONFLICT (the step was answered elsewhere) becomes a notice, not an error.
 */
export function useStepActions(runId: string): { actionsFor(stepId: string): StepActions; conflict: string | null } {
  const utils = trpc.useUtils();
  const submitInput = trpc.executions.submitInput.useMutation();
  const accept = trpc.executions.accept.useMutation();
  const reject = trpc.executions.reject.useMutation();
  const retryStep = trpc.executions.retryStep.useMutation();
  const [conflict, setConflict] = useState<string | null>(null);

  const settle = useCallback(
    async (action: () => Promise<unknown>): Promise<unknown> => {
      setConflict(null);
      try {
        const result = await action();
        await utils.executions.get.invalidate({ id: runId });
        return result;
      } catch (error) {
        if (!hasErrorCode(error, 'CONFLICT')) throw error;
        setConflict(CONFLICT_NOTICE);
        await utils.executions.get.invalidate({ id: runId });
        return undefined;
      }
    },
    [runId, utils],
  );

  const actionsFor = (stepId: string): StepActions => ({
    submit: (data) => settle(() => submitInput.mutateAsync({ id: runId, stepId, data })),
    accept: () => settle(() => accept.mutateAsync({ id: runId, stepId })),
    reject: (feedback) => settle(() => reject.mutateAsync({ id: runId, stepId, feedback })),
    retry: () => settle(() => retryStep.mutateAsync({ id: runId, stepId })),
  });
  return { actionsFor, conflict };
}
