import { ExplainToolCard } from './ExplainToolCard';
import { PlanToolCard } from './PlanToolCard';
import { RunToolCard } from './RunToolCard';
import { TemplatesToolCard } from './TemplatesToolCard';
import type { ToolCard, ToolName } from './types';

const runCard = (working: string, approval: string): ToolCard => ({ working, Output: RunToolCard, approval: () => approval });

/** Every tool the assistant has, and how the chat shows it. */
export const toolCards: Record<ToolName, ToolCard> = {
  list_templates: { working: 'Looking up the templates…', Output: TemplatesToolCard, approval: () => 'List the ready-made workflows.' },
  generate_workflow: { working: 'Designing your workflow…', Output: PlanToolCard, approval: () => 'Design a new workflow from your goal.' },
  modify_workflow: { working: 'Changing your workflow…', Output: PlanToolCard, approval: () => 'Change the workflow as you asked.' },
  start_workflow: runCard('Starting your workflow…', 'Start the workflow. Its AI steps may run on a paid model, which can cost money.'),
  get_status: runCard('Checking where your run is…', 'Look up where the run is.'),
  submit_step_input: runCard('Saving your answers…', 'Save your answers to the waiting step.'),
  accept_step: runCard('Accepting the proposal…', 'Accept the proposal so the run continues.'),
  reject_step: runCard('Asking for a new proposal…', 'Reject the proposal and have the step redone with your feedback.'),
  pause_workflow: runCard('Pausing the run…', 'Pause the run; nothing further runs until you resume it.'),
  resume_workflow: runCard('Resuming the run…', 'Resume the run where it stopped.'),
  cancel_workflow: runCard('Cancelling the run…', 'Cancel the run for good. It cannot be resumed afterwards.'),
  explain_step: { working: 'Looking into that step…', Output: ExplainToolCard, approval: () => 'Explain the step.' },
};
