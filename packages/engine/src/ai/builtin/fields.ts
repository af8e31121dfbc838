import type { GoalField } from './goal-parser';
import { FIELD_BY_NAME } from './lexicon';

const MONEY_NAME = /amount|income|expense|cost|price|value|balance|saving|payment|rent|debt|budget|fee|salary|goal|spend|mortgage|groceries|utilities|insurance|bill|contribution|principal/;

/** The JSON Schema of one form field: money is never negative, percentages stay within 0-100. */
function fieldSchema(field: GoalField): Record<string, unknown> {
  const known = FIELD_BY_NAME.get(field.name);
  const title = field.label || field.name;
  const base = { title, ...(field.description ? { description: field.description } : {}) };
  switch (known?.kind) {
    case 'money':
      return { ...base, type: 'number', minimum: 0 };
    case 'percent':
      return { ...base, type: 'number', minimum: 0, maximum: 100, ...(field.name === 'drift_threshold_pct' ? { default: 5 } : {}) };
    case 'age':
      return { ...base, type: 'integer', minimum: 0, maximum: 120 };
    case 'years':
      return { ...base, type: 'number', minimum: 0, maximum: 100 };
    case 'score':
      return { ...base, type: 'integer', minimum: 1, maximum: 5 };
    case 'count':
      return { ...base, type: 'integer', minimum: 1, maximum: 120 };
    case 'positions':
      return {
        ...base,
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          properties: {
            symbol: { type: 'string', title: 'Symbol', minLength: 1 },
            cost_basis: { type: 'number', title: 'Cost basis', minimum: 0 },
            market_value: { type: 'number', title: 'Market value', minimum: 0 },
          },
          required: ['symbol', 'cost_basis', 'market_value'],
          additionalProperties: false,
        },
      };
    default:
      break;
  }
  if (field.type === 'string') return { ...base, type: 'string', minLength: 1, maxLength: 500 };
  if (field.type === 'boolean') return { ...base, type: 'boolean' };
  if (field.type === 'integer') return { ...base, type: 'integer', ...(MONEY_NAME.test(field.name) ? { minimum: 0 } : {}) };
  return { ...base, type: 'number', ...(MONEY_NAME.test(field.name) ? { minimum: 0 } : {}) };
}

/** Optional fields: the rest of a form is required so formulas always get a value. */
function isOptional(field: GoalField): boolean {
  return field.name === 'drift_threshold_pct' || field.type === 'boolean' || /notes?|comments?/.test(field.name);
}

export function formSchema(fields: readonly GoalField[]): Record<string, unknown> {
  return {
    type: 'object',
    properties: Object.fromEntries(fields.map((f) => [f.name, fieldSchema(f)])),
    required: fields.filter((f) => !isOptional(f)).map((f) => f.name),
    additionalProperties: false,
  };
}

/** A snake_case name safe as a field and a CEL identifier. */
export function snake(text: string, max = 40): string {
  const s = text.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, max).replace(/_+$/, '');
  return /^[a-z]/.test(s) ? s : `f_${s}`.slice(0, max);
}
