import { BUILTIN_TEMPLATES } from '../../templates';
import { listInWords } from './chat-summary';
import { parseGoal } from './goal-parser';
import { FORMULA_USE } from './lexicon';

/** A short plain-text reply to a chat message (tool calls come from the chat layer later). */
export function replyText(message: string): string {
  const text = message.toLowerCase().trim();
  if (!text) return 'Hello! Tell me what you want to achieve with your money and I will build a step-by-step workflow for it.';
  if (/^(hi|hello|hey|good (morning|afternoon|evening))\b/.test(text)) {
    return 'Hello! I am the built-in offline assistant. Describe a financial goal, for example "ask for my income, expenses and savings goal, then warn me if the surplus is under 500", and I will turn it into a workflow.';
  }
  if (/template|what can you do|help\b|options/.test(text)) {
    const names = BUILTIN_TEMPLATES.map((t) => t.definition.name).join(', ');
    return `I can build a workflow from your own words or start from a template: ${names}. Tell me your goal and I will set it up.`;
  }
  const parsed = parseGoal(message);
  const parts: string[] = [];
  if (parsed.data_to_collect.length > 0) parts.push(`ask for ${listInWords(parsed.data_to_collect.map((f) => f.label.toLowerCase()))}`);
  if (parsed.calculations.length > 0) parts.push(`work out the ${listInWords(parsed.calculations.map((c) => FORMULA_USE.get(c.formula)?.name.toLowerCase() ?? c.formula))}`);
  for (const c of parsed.conditions) parts.push(`${c.action === 'advice' ? 'give advice' : c.action === 'confirm' ? 'ask you to confirm' : 'warn you'} when the ${c.words}`);
  if (parsed.ai_analyses.length > 0) parts.push('write a short analysis for you to review');
  if (parts.length === 0) {
    return 'I can help you plan budgets, savings, retirement, portfolios and taxes. Tell me what you want the workflow to do, for example which numbers to ask for and when to warn you.';
  }
  return `Here is what I understood: a workflow that will ${listInWords(parts)}. Say "build it" to create the workflow.`;
}
