import { tool } from 'ai';
import { z } from 'zod';
import { executionView } from '../../routers/execution-view';
import { type ChatToolContext, noRun, ownRun, toolResult } from './context';
import { executionId, stepId } from './inputs';

type StepView = ReturnType<typeof executionView>['steps'][number];

/** Why a step is where it is, in words the model can pass on. */
function why(step: StepView, steps: StepView[], runStatus: string): string {
  const blockers = step.dependencies.filter((d) => !['completed', 'skipped'].includes(steps.find((s) => s.stepId === d)?.status ?? ''));
  switch (step.status) {
    case 'waiting':
      return step.waitingFor === 'review'
        ? 'It has produced a proposal and waits for the user to accept it (accept_step) or reject it with feedback (reject_step).'
        : 'It waits for the user to give the values its form asks for (submit_step_input).';
    case 'pending':
      if (runStatus === 'paused') return 'The run is paused; resume_workflow lets it continue.';
      return blockers.length ? `It starts once these steps are done: ${blockers.join(', ')}.` : 'It is about to start.';
    case 'running':
      return 'It is running now.';
    case 'completed':
      return 'It is done; its output is below.';
    case 'skipped':
      return 'It was skipped: a decision earlier in the workflow took another branch.';
    case 'failed':
      return `It failed: ${step.error?.message ?? 'no reason recorded'}.`;
    case 'cancelled':
      return 'The run was cancelled before it finished.';
    default: {
      const never: never = step.status;
      return String(never);
    }
  }
}

export function createExplainStepTool(ctx: ChatToolContext) {
  return tool({
    description: 'Explain one step of an execution: what it does, why it is waiting (or not yet running) and what it needs from the user.',
    inputSchema: z.object({ executionId, stepId }),
    execute: ({ executionId: id, stepId: wanted }) =>
      toolResult(async () => {
        const run = await ownRun(ctx, id);
        if (!run) return noRun(id);
        const view = executionView(run);
        const step = view.steps.find((s) => s.stepId === wanted);
        if (!step) return { error: `Execution ${id} has no step ${wanted}; its steps are ${view.steps.map((s) => s.stepId).join(', ')}` };
        const definition = run.definition.steps.find((s) => s.id === wanted);
        return {
          stepId: step.stepId,
          name: step.name,
          type: step.type,
          whatItDoes: step.description || `A ${step.type.replace(/_/g, ' ')} step.`,
          status: step.status,
          why: why(step, view.steps, view.status),
          dependsOn: step.dependencies,
          /** The form to fill, the proposal to review, or the output of a finished step. */
          needs: step.status === 'waiting' ? step.output : null,
          output: step.status === 'completed' ? step.output : null,
          config: definition?.config ?? {},
          feedback: step.feedback,
        };
      }),
  });
}
