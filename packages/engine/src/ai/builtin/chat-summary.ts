import { formProperties, isObject, isRunView, type RunStepView, type RunView, type TurnResult } from './chat-state';

/** Plain words for what the tools just returned: the plan, the run's state, or what went wrong. */
export function summarizeResults(results: readonly TurnResult[]): string {
  const parts = results.map(summarizeResult).filter(Boolean);
  return parts.length > 0 ? parts.join('\n\n') : 'Done.';
}

/** "a", "a and b", "a, b and c". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const words = (type: unknown) => String(type ?? 'step').replace(/_/g, ' ');

function summarizeResult(result: TurnResult): string {
  if (result.denied) return 'OK, I left it as it is.';
  const value = result.value;
  if (isObject(value) && typeof value.error === 'string') return failureText(value);
  if (isRunView(value)) return runText(value, result.toolName);
  if (isObject(value) && typeof value.workflowId === 'string' && Array.isArray(value.steps)) return planText(value);
  if (isObject(value) && Array.isArray(value.templates)) return templatesText(value.templates);
  if (isObject(value) && typeof value.why === 'string') {
    return `${String(value.name ?? value.stepId)}: ${String(value.whatItDoes ?? '')} ${value.why}`.replace(/\s+/g, ' ').trim();
  }
  if (typeof value === 'string') return value;
  return `The ${words(result.toolName)} tool is done.`;
}

function failureText(value: Record<string, unknown>): string {
  const fieldErrors = isObject(value.fieldErrors) ? value.fieldErrors : {};
  const fields = Object.entries(fieldErrors).map(([field, messages]) => `${field === '_' ? 'the answers' : field}: ${Array.isArray(messages) ? messages.join(', ') : String(messages)}`);
  const detail = fields.length > 0 ? ` Please check ${listInWords(fields)}.` : '';
  return `That did not work: ${String(value.error)}.${detail}`.replace(/\.\./g, '.');
}

function planText(plan: Record<string, unknown>): string {
  const steps = (plan.steps as unknown[]).filter(isObject);
  const lines = steps.map((s, i) => `${i + 1}. ${String(s.name ?? s.id)} (${words(s.type)})`);
  return `I built the workflow "${String(plan.name ?? 'Your workflow')}" with ${steps.length} steps:\n${lines.join('\n')}\nSay "start it" to run it.`;
}

function templatesText(templates: unknown[]): string {
  const rows = templates.filter(isObject);
  if (rows.length === 0) return 'There are no templates yet. Tell me your goal and I will build a workflow for it.';
  return `Here are the templates you can start from:\n${rows.map((t) => `- ${String(t.name)}${t.description ? `: ${String(t.description)}` : ''}`).join('\n')}`;
}

function fieldLabels(step: RunStepView): string[] {
  return Object.entries(formProperties(step)).map(([name, p]) => (typeof p.title === 'string' ? p.title : name.replace(/_/g, ' ')).toLowerCase());
}

function runText(run: RunView, toolName: string): string {
  const name = run.workflowName ? `"${run.workflowName}"` : 'workflow';
  const done = run.steps.filter((s) => s.status === 'completed').length;
  const progress = `${done} of ${run.steps.length} steps done`;
  const waiting = run.steps.find((s) => s.status === 'waiting');
  const lead = toolName === 'start_workflow' ? `I started your ${name} run. ` : toolName === 'submit_step_input' ? 'Thanks, I saved your answers. ' : '';
  switch (run.status) {
    case 'waiting_for_input': {
      const labels = waiting ? fieldLabels(waiting) : [];
      const what = labels.length > 0 ? `your ${listInWords(labels)}` : 'your input';
      const stepName = waiting?.name ? ` ("${waiting.name}")` : '';
      return `${lead}Your ${name} run is waiting for ${what}${stepName}; ${progress}. Tell me the values, for example "${labels[0] ?? 'value'} ${example(waiting)}".`;
    }
    case 'waiting_for_review':
      return `${lead}Your ${name} run has a proposal to review${waiting?.name ? ` from "${waiting.name}"` : ''}: ${proposalText(waiting?.output)} Say "accept" to keep it, or "reject" with what should change.`;
    case 'completed':
      return `${lead}Your ${name} run is complete (${progress}).${outcomeText(run)}`;
    case 'paused':
      return `${lead}Your ${name} run is paused (${progress}). Say "resume" to continue.`;
    case 'cancelled':
      return `${lead}Your ${name} run is cancelled.`;
    case 'failed': {
      const failed = run.steps.find((s) => s.status === 'failed');
      return `${lead}Your ${name} run failed${failed?.name ? ` at "${failed.name}"` : ''}.`;
    }
    default:
      return `${lead}Your ${name} run is ${words(run.status)} (${progress}).`;
  }
}

function example(step: RunStepView | undefined): string {
  const first = Object.values(formProperties(step ?? null))[0];
  return first?.type === 'boolean' ? 'yes' : '1000';
}

function proposalText(output: unknown): string {
  const text = JSON.stringify(output ?? {});
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** The decisions taken, in words: "Surplus under 500?: Surplus under 500". */
function outcomeText(run: RunView): string {
  const decisions = run.steps.filter((s) => s.type === 'decision' && s.status === 'completed' && isObject(s.output));
  const lines = decisions.map((s) => ` ${String(s.name ?? s.stepId)} ${String((s.output as Record<string, unknown>).label ?? '')}.`);
  return lines.join('');
}
