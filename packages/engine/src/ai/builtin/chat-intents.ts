import { type ChatState, formProperties, waitingStep } from './chat-state';
import { valuesFromText } from './chat-values';
import { parseGoal } from './goal-parser';

/** What the model does with the user's words: call one tool, or answer in text. */
export type ChatAction = { kind: 'tool'; toolName: string; input: Record<string, unknown> } | { kind: 'text'; text: string };

const BUILD = /\b(build|create|make|design|generate|set ?up|plan|help me|new workflow|workflow (for|to|that))\b/i;
const TEMPLATES = /\btemplates?\b|\bready[- ]made\b/i;
const START = /\b(start|run|begin|launch|kick (it )?off|go ahead|let'?s go)\b/i;
const STATUS = /\b(status|progress|where (are|is)|how('s| is) it going|what('s| is) (next|left|happening)|update)\b/i;
const PAUSE = /\b(pause|hold on|put (it )?on hold|wait a (bit|moment))\b/i;
const RESUME = /\b(resume|continue|unpause|carry on|pick (it )?up)\b/i;
const CANCEL = /\b(cancel|stop|abort|kill|terminate)\b/i;
const EXPLAIN = /\b(explain|why|what does|what is this step|what('s| is) (it|this) (waiting|asking) for)\b/i;
const ACCEPT = /\b(accept|approve|looks? good|lgtm|sounds good|that'?s (fine|good|great)|perfect|keep it)\b/i;
const REJECT = /\b(reject|redo|try again|do it again|not (good|right)|wrong|rewrite)\b/i;
const BUILD_IT = /^\s*(ok(ay)?,?\s*)?(please\s+)?(build|create|make) (it|that|this)( please)?[.!]?\s*$/i;

/** A command is short; a long sentence with "stop" in it is more likely a goal. */
const isCommand = (text: string) => text.trim().split(/\s+/).length <= 12;

const HELP_TEXT =
  'I can build a workflow from your goal (for example "help me plan my monthly budget: ask for my income and expenses, then warn me if the surplus is under 500"), ' +
  'list the templates, start a workflow, tell you its status, take the values a step asks for ("income 5000, expenses 3200"), ' +
  'accept or reject a proposal, explain a step, and pause, resume or cancel a run.';

/** The feedback in "reject it: make it shorter" / "try again with more detail". */
function feedbackOf(text: string): string {
  const rest = text.replace(/^.*?\b(reject(ed)?|redo|try again|do it again|not (good|right)|wrong|rewrite)\b(\s+(it|this|that))?[\s,:.!-]*/i, '').trim();
  return rest || text.trim();
}

function looksLikeGoal(text: string): boolean {
  const parsed = parseGoal(text);
  return parsed.data_to_collect.length > 0 || parsed.calculations.length > 0 || parsed.conditions.length > 0;
}

/** Decides from the user's latest words and what the tools returned so far; `has` says which tools exist. */
export function decideAction(state: ChatState, has: (tool: string) => boolean): ChatAction {
  const text = state.userText.trim();
  if (!text) return { kind: 'text', text: `Hello! ${HELP_TEXT}` };
  const run = state.run;
  const live = run && !['completed', 'cancelled'].includes(run.status) ? run : null;
  const call = (toolName: string, input: Record<string, unknown>): ChatAction | null => (has(toolName) ? { kind: 'tool', toolName, input } : null);
  const needRun = (what: string): ChatAction => ({ kind: 'text', text: `There is no run to ${what} yet. Build a workflow and say "start it" first.` });

  if (BUILD_IT.test(text)) {
    const goal = state.earlierUserTexts.find((t) => looksLikeGoal(t));
    if (goal) return call('generate_workflow', { goal }) ?? help();
  }
  const command = isCommand(text);
  if (command && TEMPLATES.test(text) && !BUILD.test(text.replace(TEMPLATES, ''))) return call('list_templates', {}) ?? help();

  if (command && live) {
    if (CANCEL.test(text)) return call('cancel_workflow', { executionId: live.id }) ?? help();
    if (RESUME.test(text) && live.status === 'paused') return call('resume_workflow', { executionId: live.id }) ?? help();
    if (PAUSE.test(text)) return call('pause_workflow', { executionId: live.id }) ?? help();
    if (RESUME.test(text)) return call('resume_workflow', { executionId: live.id }) ?? help();
    const review = waitingStep(live, 'review');
    if (review && REJECT.test(text)) return call('reject_step', { executionId: live.id, stepId: review.stepId, feedback: feedbackOf(text) }) ?? help();
    if (review && ACCEPT.test(text)) return call('accept_step', { executionId: live.id, stepId: review.stepId }) ?? help();
    // The run moved on since we last looked (an AI step finished): look first, then answer the review.
    if (!review && (ACCEPT.test(text) || REJECT.test(text))) return call('get_status', { executionId: live.id }) ?? help();
    if (EXPLAIN.test(text)) {
      const step = live.steps.find((s) => s.status === 'waiting') ?? live.steps.find((s) => s.status === 'pending') ?? live.steps.at(-1);
      if (step) return call('explain_step', { executionId: live.id, stepId: step.stepId }) ?? help();
    }
  }
  if (command && run && STATUS.test(text)) return call('get_status', { executionId: run.id }) ?? help();

  const form = waitingStep(live, 'input');
  if (live && form && !BUILD.test(text)) {
    const data = valuesFromText(text, formProperties(form));
    if (Object.keys(data).length > 0) return call('submit_step_input', { executionId: live.id, stepId: form.stepId, data }) ?? help();
  }

  if (command && START.test(text) && !BUILD.test(text)) {
    if (state.workflowId) return call('start_workflow', { workflowId: state.workflowId }) ?? help();
    return { kind: 'text', text: 'Which workflow should I start? Describe your goal and I will build one, or ask me to list the templates.' };
  }
  if (BUILD.test(text) || looksLikeGoal(text)) return call('generate_workflow', { goal: text.slice(0, 4000) }) ?? help();
  if (command && (CANCEL.test(text) || PAUSE.test(text) || RESUME.test(text))) return needRun('control');
  if (command && STATUS.test(text)) return needRun('report on');
  return help();
}

const help = (): ChatAction => ({ kind: 'text', text: HELP_TEXT });
