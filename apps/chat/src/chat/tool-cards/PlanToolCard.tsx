import { PlanCard } from '../../cards/PlanCard';
import type { PlanForecastState } from '../../cards/types';
import { trpc } from '../../lib/trpc';
import { useChatActions } from '../chat-actions';
import { useSaveAsTemplate } from './save-as-template';
import { ToolFailureNote } from './ToolFailureNote';
import { isPlan, type ToolOutputProps } from './types';

/** The message Start sends: the offline model and any other read "start" plus the workflow's id. */
export const startMessage = (workflowId: string) => `Start workflow ${workflowId}`;
export const changePrompt = (name: string, workflowId: string) => `Change the workflow "${name}" (${workflowId}): `;

/** A designed or changed workflow: Start it, ask for a change, or keep it as one of your templates. */
export function PlanToolCard({ output }: ToolOutputProps) {
  const { send, prefill } = useChatActions();
  const saver = useSaveAsTemplate();
  const workflowId = isPlan(output) ? output.workflowId : null;
  // A forecast is a nice-to-have: no retries, and a failure only mutes its line.
  const query = trpc.analytics.forecast.useQuery({ workflowId: workflowId ?? '' }, { enabled: workflowId !== null, retry: false, staleTime: 60_000 });
  if (!isPlan(output)) return <ToolFailureNote output={output} />;
  const plan = output;
  const forecast: PlanForecastState = query.data ? { status: 'ready', forecast: query.data } : query.isError ? { status: 'error' } : { status: 'loading' };
  return (
    <div className="plan-tool">
      <PlanCard
        plan={plan}
        onStart={() => send(startMessage(plan.workflowId))}
        onChange={() => prefill(changePrompt(plan.name, plan.workflowId))}
        onSaveTemplate={() => saver.save(plan)}
        forecast={forecast}
      />
      {saver.note}
    </div>
  );
}
