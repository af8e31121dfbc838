/**
 * Structured answers for AI steps: walks the output JSON Schema and fills it with values grounded
 * in the prompt (numbers quoted from it, numbers reused where the property name matches), and
 * revises the answer when the prompt carries a reviewer's feedback.
 */
import { unfence } from '../../prompt';

type Schema = Record<string, unknown>;

export interface Fact {
  label: string;
  value: number;
}

export interface PromptReading {
  facts: Fact[];
  feedback: string | null;
  previous: unknown;
  dates: string[];
}

const STOP = new Set(['a', 'an', 'the', 'of', 'is', 'at', 'and', 'or', 'to', 'for', 'with', 'your', 'my', 'their', 'this', 'that', 'against', 'there', 'are', 'was', 'be', 'in', 'on', 'by', 'per', 'from', 'has', 'have', 'total']);

/** Numbers in the prompt with the words just before them ("surplus of 1800" -> surplus = 1800). */
export function readPrompt(fenced: string): PromptReading {
  // The built-in model reads the words themselves; fences only matter to models that follow instructions.
  const prompt = unfence(fenced);
  const feedbackMatch = /Reviewer feedback:\s*\n([\s\S]*?)(?:\n\s*\n|$)/.exec(prompt);
  const previousMatch = /Previous answer:\s*\n([\s\S]*?)\n\s*\nReviewer feedback:/.exec(prompt);
  let previous: unknown = null;
  try {
    previous = previousMatch ? JSON.parse(previousMatch[1]!) : null;
  } catch {
    previous = null;
  }
  // Facts come from the task itself, not from the revision section.
  const body = prompt.split('## Revision requested')[0] ?? prompt;
  const dates = [...body.matchAll(/\b\d{4}-\d{2}-\d{2}\b/g)].map((m) => m[0]);
  const clean = body.replace(/\b\d{4}-\d{2}(-\d{2})?(T[\d:.]+Z?)?\b/g, ' ').replace(/\{\{[^}]*\}\}/g, ' ');
  const facts: Fact[] = [];
  for (const m of clean.matchAll(/([A-Za-z][A-Za-z _'%()-]{0,80}?)[\s:=]*(-?)\$?(\d[\d,]*(?:\.\d+)?)(?![\d,])/g)) {
    const words = m[1]!.toLowerCase().replace(/[^a-z_ ]/g, ' ').replaceAll('_', ' ').split(/\s+/).filter((w) => w && !STOP.has(w));
    const label = words.slice(-3).join(' ');
    const value = Number(m[3]!.replaceAll(',', '')) * (m[2] ? -1 : 1);
    if (label && Number.isFinite(value) && !facts.some((f) => f.label === label)) facts.push({ label, value });
  }
  return { facts, feedback: feedbackMatch?.[1]?.trim() || null, previous, dates };
}

/** "1800" -> "1,800"; decimals kept to 2 places. */
function formatNumber(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

export function fillSchema(schema: unknown, prompt: string): unknown {
  const reading = readPrompt(prompt);
  const filler = new Filler(reading);
  let value = filler.fill(asSchema(schema), '', []);
  if (reading.feedback && reading.previous !== null && JSON.stringify(value) === JSON.stringify(reading.previous)) {
    filler.nudge = true;
    value = filler.fill(asSchema(schema), '', []);
  }
  return value;
}

function asSchema(s: unknown): Schema {
  return s !== null && typeof s === 'object' && !Array.isArray(s) ? (s as Schema) : {};
}

const SENTENCE_NAME = /summary|explanation|analysis|overview|rationale|reason|notes?|description|advice|recommendation|suggestion|how|why|text|message|comment|plan|insight|tip|detail|answer|conclusion|assessment|risk|note|step|action_item|point|finding|strategy|narrative/;

class Filler {
  nudge = false;
  constructor(private readonly r: PromptReading) {}

  fill(schema: Schema, name: string, path: (string | number)[], index = 0): unknown {
    if ('const' in schema) return schema.const;
    const variants = (schema.anyOf ?? schema.oneOf) as unknown;
    if (Array.isArray(variants) && variants.length > 0) {
      const choice = variants.map(asSchema).find((v) => v.type !== 'null') ?? asSchema(variants[0]);
      return this.fill({ ...schema, anyOf: undefined, oneOf: undefined, ...choice }, name, path, index);
    }
    if (Array.isArray(schema.allOf)) return this.fill(Object.assign({}, ...schema.allOf.map(asSchema), { ...schema, allOf: undefined }), name, path, index);
    if (Array.isArray(schema.enum) && schema.enum.length > 0) return this.pickEnum(schema.enum, path, index);
    switch (typeOf(schema)) {
      case 'object':
        return this.object(schema, path);
      case 'array':
        return this.array(schema, name, path);
      case 'integer':
        return this.number(schema, name, path, true);
      case 'number':
        return this.number(schema, name, path, false);
      case 'boolean':
        // A revision that must differ flips yes/no answers.
        return !this.nudge;
      case 'null':
        return null;
      default:
        return this.string(schema, name, path, index);
    }
  }

  private object(schema: Schema, path: (string | number)[]): Record<string, unknown> {
    const properties = asSchema(schema.properties);
    const required = Array.isArray(schema.required) ? schema.required.filter((k): k is string => typeof k === 'string') : [];
    const out: Record<string, unknown> = {};
    for (const [key, sub] of Object.entries(properties)) out[key] = this.fill(asSchema(sub), key, [...path, key]);
    for (const key of required) if (!(key in out)) out[key] = this.fill({}, key, [...path, key]);
    return out;
  }

  private array(schema: Schema, name: string, path: (string | number)[]): unknown[] {
    const items = asSchema(Array.isArray(schema.items) ? schema.items[0] : schema.items);
    const min = num(schema.minItems) ?? 0;
    const max = num(schema.maxItems) ?? Infinity;
    const enumSize = Array.isArray(items.enum) ? items.enum.length : Infinity;
    const count = Math.max(min, Math.min(max, enumSize, Math.max(1, Math.min(3, this.r.facts.length || 2))));
    const out = Array.from({ length: count }, (_, i) => this.fill(items, singular(name), [...path, i], i));
    // The reviewer's point becomes the first item of a list of sentences.
    if (this.r.feedback && typeOf(items) === 'string' && !Array.isArray(items.enum) && !items.pattern && !items.format && out.length > 0) {
      out[0] = fitLength(`Addressing your feedback: ${this.r.feedback}`, items);
    }
    return out;
  }

  private number(schema: Schema, name: string, path: (string | number)[], integer: boolean): number {
    const fact = this.factFor(name);
    const lo = num(schema.minimum) ?? (num(schema.exclusiveMinimum) !== undefined ? num(schema.exclusiveMinimum)! + (integer ? 1 : 0.01) : undefined);
    const hi = num(schema.maximum) ?? (num(schema.exclusiveMaximum) !== undefined ? num(schema.exclusiveMaximum)! - (integer ? 1 : 0.01) : undefined);
    let value = fact?.value ?? (lo !== undefined && hi !== undefined ? lo + (hi - lo) / 2 : (this.r.facts[0] ? Math.abs(this.r.facts[0].value) / 10 : 0));
    const fb = this.r.feedback?.toLowerCase() ?? '';
    if (/lower|less|reduce|smaller|conservative|cut/.test(fb)) value *= 0.9;
    else if (/higher|more|increase|bigger|aggressive/.test(fb)) value *= 1.1;
    if (this.nudge && path.length > 0) value += 1;
    value = integer ? Math.round(value) : Math.round(value * 100) / 100;
    if (lo !== undefined && value < lo) value = integer ? Math.ceil(lo) : lo;
    if (hi !== undefined && value > hi) value = integer ? Math.floor(hi) : hi;
    return value;
  }

  private pickEnum(values: unknown[], path: (string | number)[], index: number): unknown {
    let i = index % values.length;
    const before = readAt(this.r.previous, path);
    // A rejected choice is not offered again when there is another.
    if (this.r.feedback && values.length > 1 && JSON.stringify(values[i]) === JSON.stringify(before)) i = (i + 1) % values.length;
    return values[i];
  }

  private string(schema: Schema, name: string, path: (string | number)[], index: number): string {
    const format = typeof schema.format === 'string' ? schema.format : null;
    if (format === 'date') return this.r.dates[0] ?? '2025-12-31';
    if (format === 'date-time') return `${this.r.dates[0] ?? '2025-12-31'}T12:00:00Z`;
    if (format === 'email') return 'client@example.com';
    if (format === 'uri' || format === 'url') return 'https://example.com';
    if (typeof schema.pattern === 'string') return matchPattern(schema.pattern, index);
    const sentence = SENTENCE_NAME.test(name) || num(schema.minLength) !== undefined && num(schema.minLength)! > 20;
    let text = sentence ? this.sentence(name, index) : this.word(name, index);
    if (this.r.feedback && sentence && path.length <= 1) text = `Revised to address "${clip(this.r.feedback, 160)}": ${text}`;
    if (this.nudge && path.length <= 1) text = `Updated: ${text}`;
    return fitLength(text, schema);
  }

  private sentence(name: string, index: number): string {
    const facts = this.r.facts;
    if (facts.length === 0) return `Based on the information given, here is the ${name.replaceAll('_', ' ') || 'answer'}: review the figures and keep the plan simple.`;
    const f = (i: number) => facts[(index + i) % facts.length]!;
    const a = f(0);
    const b = facts.length > 1 ? f(1) : null;
    const quote = (x: Fact) => `${x.label} of ${formatNumber(x.value)}`;
    const templates = [
      `Your ${quote(a)}${b ? ` and ${quote(b)}` : ''} are the key figures; ${a.value < 0 ? 'closing that shortfall comes first' : 'they leave room to act on the plan'}.`,
      `Keep an eye on the ${quote(a)} and review it every month.`,
      `Set aside part of the ${quote(a)} automatically so progress does not depend on willpower.`,
      `Revisit the plan if the ${quote(a)} changes by more than 10%.`,
    ];
    return templates[index % templates.length]!;
  }

  private word(name: string, index: number): string {
    if (/symbol|ticker/.test(name)) return ['VTI', 'BND', 'VXUS'][index % 3]!;
    const fact = this.r.facts[index % Math.max(1, this.r.facts.length)];
    if (/category|asset|destination|item|area|label|title|name/.test(name) && fact) return fact.label;
    return `${name.replaceAll('_', ' ') || 'item'} ${index + 1}`.trim();
  }

  /** The prompt number whose words best match the property name. */
  private factFor(name: string): Fact | undefined {
    const want = tokens(name);
    if (want.length === 0) return undefined;
    let best: { fact: Fact; score: number } | undefined;
    for (const fact of this.r.facts) {
      const have = tokens(fact.label);
      const score = want.filter((w) => have.includes(w)).length / want.length;
      if (score > 0 && (!best || score > best.score)) best = { fact, score };
    }
    return best && best.score >= 0.5 ? best.fact : undefined;
  }
}

function typeOf(schema: Schema): string {
  const t = schema.type;
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return (t.find((x) => x !== 'null') as string | undefined) ?? 'null';
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  return 'string';
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function tokens(text: string): string[] {
  return text.toLowerCase().split(/[^a-z]+/).filter((w) => w.length > 2 && !STOP.has(w) && w !== 'pct').map((w) => (w.length > 4 && w.endsWith('s') ? w.slice(0, -1) : w));
}

function singular(name: string): string {
  return name.endsWith('ies') ? `${name.slice(0, -3)}y` : name.endsWith('s') ? name.slice(0, -1) : name;
}

function fitLength(text: string, schema: Schema): string {
  const min = num(schema.minLength) ?? 0;
  const max = num(schema.maxLength) ?? Infinity;
  let out = text;
  while ([...out].length < min) out += ' More detail follows in the plan.';
  return [...out].length > max ? [...out].slice(0, max).join('') : out;
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const PATTERN_CANDIDATES = ['VTI', 'BND', 'VXUS', 'AAPL', '2025-12', '2025-12-31', 'A1', 'abc', 'ABC', 'a', '1', '0', 'item-1', 'x'];

function matchPattern(pattern: string, index: number): string {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'u');
  } catch {
    return PATTERN_CANDIDATES[0]!;
  }
  const fits = PATTERN_CANDIDATES.filter((c) => regex.test(c));
  return fits[index % Math.max(1, fits.length)] ?? PATTERN_CANDIDATES[0]!;
}

function readAt(value: unknown, path: readonly (string | number)[]): unknown {
  let at = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}
