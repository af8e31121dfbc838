import { PlanCard } from '../../cards/PlanCard';
import { useMe } from '../../auth/session';
import { useChatActions } from '../chat-actions';
import { useSaveAsTemplate } from './save-as-template';
import { ToolFailureNote } from './ToolFailureNote';
import { isPlan, type ToolOutputProps } from './types';

/** The message Start sends: the offline model and any other read "start" plus the workflow's id. */
export const startMessage = (workflowId: string) => `Start workflow ${workflowId}`;
export const changePrompt = (name: string, workflowId: string) => `Change the workflow "${name}" (${workflowId}): `;

/** A designed or changed workflow: Start it, ask for a change, or (admins) keep it as a template. */
export function PlanToolCard({ output }: ToolOutputProps) {
  const { send, prefill } = useChatActions();
  const { user } = useMe();
  const saver = useSaveAsTemplate();
  if (!isPlan(output)) return <ToolFailureNote output={output} />;
  const plan = output;
  return (
    <div className="plan-tool">
      <PlanCard
        plan={plan}
        onStart={() => send(startMessage(plan.workflowId))}
        onChange={() => prefill(changePrompt(plan.name, plan.workflowId))}
        // Templates are shared with everyone, so only admins may publish them.
        onSaveTemplate={user?.role === 'admin' ? () => saver.save(plan) : undefined}
      />
      {saver.note}
    </div>
  );
}
