import { readPath } from './context';

/** `{{profile.income}}`: a dotted path into the context data (`input.*` or a step id). */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w]*(?:\.[\w]+)*)\s*\}\}/g;

export const NOT_PROVIDED = '(not provided)';

/** Every placeholder path in a prompt template, in order of first appearance. */
export function promptPlaceholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** Fills placeholders from the context data: text as is, other values as JSON, missing ones as "(not provided)". */
export function renderTemplate(template: string, data: Record<string, unknown>): string {
  return template.replace(PLACEHOLDER, (_match, path: string) => formatValue(readPath(data, path)));
}

function formatValue(value: unknown): string {
  if (value === undefined || value === null) return NOT_PROVIDED;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value, null, 2);
}

export interface PromptArgs {
  template: string;
  data: Record<string, unknown>;
  /** The reviewer's feedback when the previous answer was rejected. */
  feedback?: string | null;
  previousOutput?: unknown;
}

/** The full user prompt of an AI step, with a correction section after a rejected answer. */
export function buildPrompt({ template, data, feedback, previousOutput }: PromptArgs): string {
  const prompt = renderTemplate(template, data);
  if (!feedback) return prompt;
  return [
    prompt,
    '',
    '## Revision requested',
    'A reviewer rejected your previous answer.',
    '',
    'Previous answer:',
    previousOutput === undefined || previousOutput === null ? NOT_PROVIDED : JSON.stringify(previousOutput, null, 2),
    '',
    'Reviewer feedback:',
    feedback,
    '',
    'Give a corrected answer that addresses the feedback, in the same JSON format.',
  ].join('\n');
}
