import type { WorkflowDefinition } from '@stepwise/engine';

/**
 * Field names encrypted in every workflow, as word sequences: a field is sensitive when its name
 * (split into words at _, -, ., spaces, digits and camelCase; case-insensitive) contains one of
 * them in a row: `monthlyIncome`, `account_number`, `IBAN`, `national-id-number`.
 * Other fields are encrypted when their step's JSON Schema marks them `"x-sensitive": true`.
 */
export const DEFAULT_SENSITIVE_FIELDS: readonly string[] = [
  'income', 'incomes', 'salary', 'salaries', 'wage', 'wages', 'earnings',
  'balance', 'balances', 'net worth', 'networth',
  'account number', 'account no', 'account num', 'accountnumber', 'iban', 'routing number', 'sort code', 'bic',
  'card number', 'cardnumber', 'credit card', 'pan', 'cvv', 'cvc',
  'ssn', 'social security', 'national id', 'national insurance', 'tax id', 'taxid', 'tin', 'passport',
];

const DEFAULT_PATTERNS = DEFAULT_SENSITIVE_FIELDS.map((phrase) => phrase.split(' '));

/** `monthlyIncome2` -> ['monthly', 'income']; `profile.account_number` -> ['profile', 'account', 'number']. */
function words(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (needle.every((word, j) => haystack[i + j] === word)) return true;
  }
  return false;
}

/** Answers by name: every stored value's every key is asked on each commit, and names repeat. */
const answers = new Map<string, boolean>();
const ANSWERS_KEPT = 10_000;

export function isDefaultSensitive(name: string): boolean {
  let answer = answers.get(name);
  if (answer === undefined) {
    const parts = words(name);
    answer = DEFAULT_PATTERNS.some((pattern) => containsRun(parts, pattern));
    if (answers.size >= ANSWERS_KEPT) answers.clear();
    answers.set(name, answer);
  }
  return answer;
}

/** Property names marked `"x-sensitive": true` anywhere in a JSON Schema (nested objects and array items too). */
function markedProperties(schema: unknown, into: Set<string>): void {
  if (schema === null || typeof schema !== 'object') return;
  if (Array.isArray(schema)) return schema.forEach((s) => markedProperties(s, into));
  const properties = (schema as Record<string, unknown>).properties;
  if (properties && typeof properties === 'object' && !Array.isArray(properties)) {
    for (const [name, sub] of Object.entries(properties)) {
      if (sub && typeof sub === 'object' && (sub as Record<string, unknown>)['x-sensitive'] === true) into.add(name);
    }
  }
  for (const value of Object.values(schema)) markedProperties(value, into);
}

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

/**
 * Which fields of one workflow's runs are encrypted. A name marked in any step's schema (a form's
 * `schema`, an AI step's `output_schema`) is sensitive everywhere in the run, because later steps
 * copy values under the same name (calculation params, decision values, rule inputs).
 */
export class SensitiveFields {
  private readonly marked = new Set<string>();
  /** AI steps whose prompt text quotes a sensitive field: their stored `prompt` is sensitive too. */
  private readonly promptSteps = new Set<string>();

  constructor(definition: WorkflowDefinition) {
    for (const step of definition.steps) markedProperties(step.config, this.marked);
    for (const step of definition.steps) {
      const placeholders = [...(step.ai_prompt ?? '').matchAll(PLACEHOLDER)].map((m) => m[1]!);
      if (placeholders.some((p) => this.has(p))) this.promptSteps.add(step.id);
    }
  }

  /** `name` may be a dotted path (`profile.income`, as decision values are keyed): any sensitive part counts. */
  has(name: string): boolean {
    if (isDefaultSensitive(name)) return true;
    return name.split('.').some((part) => this.marked.has(part));
  }

  /** Sensitivity inside step `stepId`'s stored input, where `prompt` can carry quoted values. */
  inStepInput(stepId: string): (name: string) => boolean {
    if (!this.promptSteps.has(stepId)) return (name) => this.has(name);
    return (name) => name === 'prompt' || this.has(name);
  }
}
