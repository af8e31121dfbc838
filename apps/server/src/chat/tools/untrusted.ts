import type { ModelMessage } from 'ai';
import type { ChatToolContext } from './context';

/**
 * Prompt-injection guard for the chat's state-changing tools. Per tool, what its result carries:
 * - get_status, start_workflow, submit_step_input, accept_step, reject_step, pause_workflow,
 *   resume_workflow, cancel_workflow return a run view: untrusted once it holds run data (input
 *   values, step outputs - form answers, AI answers -, a proposal under review, reviewer feedback).
 *   A fresh run's view (forms still empty) carries only the definition's own words.
 * - explain_step: always untrusted (a step's output, proposal or feedback).
 * - list_templates, generate_workflow, modify_workflow: plans from the template library and the
 *   person's own words: trusted.
 * The person's typed messages are theirs: never untrusted. `{ error }` answers carry no run data.
 */
const RUN_VIEW_TOOLS = new Set(['get_status', 'start_workflow', 'submit_step_input', 'accept_step', 'reject_step', 'pause_workflow', 'resume_workflow', 'cancel_workflow']);

const isEmpty = (value: unknown) =>
  value === null || value === undefined || value === '' || (typeof value === 'object' && Object.keys(value).length === 0);

interface RunViewLike {
  data?: Record<string, unknown>;
  steps?: { waitingFor?: string | null; output?: unknown; feedback?: string | null }[];
}

function runViewCarriesData(view: RunViewLike): boolean {
  if (Object.values(view.data ?? {}).some((v) => !isEmpty(v))) return true;
  return (view.steps ?? []).some((s) => !isEmpty(s.feedback) || (s.waitingFor === 'review' && !isEmpty(s.output)));
}

/** Whether one tool result puts text from people or models into the conversation. */
export function resultIsUntrusted(toolName: string, value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (typeof (value as { error?: unknown }).error === 'string') return false;
  if (toolName === 'explain_step') return true;
  return RUN_VIEW_TOOLS.has(toolName) && runViewCarriesData(value as RunViewLike);
}

/** Whether the conversation so far holds untrusted content (a tool result carrying run data). */
export function conversationIsTainted(messages: readonly ModelMessage[]): boolean {
  return messages.some(
    (m) =>
      m.role === 'tool' &&
      m.content.some((p) => p.type === 'tool-result' && (p.output.type === 'json' || p.output.type === 'error-json') && resultIsUntrusted(p.toolName, p.output.value)),
  );
}

/**
 * `needsApproval` for a state-changing tool: the person confirms any such call the model makes after
 * reading untrusted content. The built-in model is exempt: it picks its tool only from the person's
 * own words (run and step ids come from tool results, never instructions).
 */
export const approvalAfterUntrusted =
  (ctx: ChatToolContext) =>
  (_input: unknown, { messages }: { messages: ModelMessage[] }): boolean =>
    !ctx.model.builtin && conversationIsTainted(messages);
