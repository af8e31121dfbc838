import { auditedTools } from '../../audit/chat-tools';
import { createAcceptStepTool } from './accept-step';
import { createCancelWorkflowTool } from './cancel-workflow';
import type { ChatToolContext } from './context';
import { createExplainStepTool } from './explain-step';
import { createGenerateWorkflowTool } from './generate-workflow';
import { createGetStatusTool } from './get-status';
import { createListTemplatesTool } from './list-templates';
import { createModifyWorkflowTool } from './modify-workflow';
import { createPauseWorkflowTool } from './pause-workflow';
import { createRejectStepTool } from './reject-step';
import { createResumeWorkflowTool } from './resume-workflow';
import { createStartWorkflowTool } from './start-workflow';
import { createSubmitStepInputTool } from './submit-step-input';

export type { ChatToolContext } from './context';

/** Every tool the assistant has, acting for `ctx.user` and audited; the names are what the UI's tool parts carry. */
export function createChatTools(ctx: ChatToolContext) {
  return auditedTools(ctx, {
    list_templates: createListTemplatesTool(ctx),
    generate_workflow: createGenerateWorkflowTool(ctx),
    modify_workflow: createModifyWorkflowTool(ctx),
    start_workflow: createStartWorkflowTool(ctx),
    get_status: createGetStatusTool(ctx),
    submit_step_input: createSubmitStepInputTool(ctx),
    accept_step: createAcceptStepTool(ctx),
    reject_step: createRejectStepTool(ctx),
    pause_workflow: createPauseWorkflowTool(ctx),
    resume_workflow: createResumeWorkflowTool(ctx),
    cancel_workflow: createCancelWorkflowTool(ctx),
    explain_step: createExplainStepTool(ctx),
  });
}

export type ChatTools = ReturnType<typeof createChatTools>;
