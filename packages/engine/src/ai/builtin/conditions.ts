import { FIELDS, FORMULA_USE, OUTPUT_WORDS } from './lexicon';

/** The form step of a composed workflow; conditions on raw answers read `details.income`. */
export const FORM_STEP_ID = 'details';

export type ActionKind = 'warning' | 'advice' | 'confirm';

export interface ParsedCondition {
  cel: string;
  /** Formula whose output the condition reads, or null for a form field. */
  formula: string | null;
  /** Short words for labels: "surplus under 500". */
  words: string;
  action: ActionKind;
  /** What the default branch does ("otherwise ..."), if said. */
  otherwise: ActionKind | null;
}

const COMPARATORS: { op: string; pattern: RegExp }[] = [
  { op: '>=', pattern: /\b(at least|no less than|or more)\b/ },
  { op: '<=', pattern: /\b(at most|no more than|or less)\b/ },
  { op: '<', pattern: /\b(under|below|less than|lower than|smaller than|fewer than|drops?|falls?|dips?)\b/ },
  { op: '>', pattern: /\b(over|above|more than|greater than|higher than|bigger than|exceeds?|tops?|goes? past)\b/ },
];

/** `500` -> `500.0`: JSON numbers are doubles in CEL, and double < int does not type-check. */
function celNumber(n: number): string {
  return Number.isInteger(n) ? `${n}.0` : String(n);
}

/** The first amount in the text: "$2,500", "5k", "10%", "1.5". */
function firstNumber(text: string): number | null {
  const m = /(-?)\$?(\d[\d,]*(?:\.\d+)?)\s*(k\b|thousand)?/.exec(text);
  if (!m) return null;
  const n = Number(m[2]!.replaceAll(',', '')) * (m[3] ? 1000 : 1);
  return m[1] ? -n : n;
}

export function parseAction(text: string): ActionKind | null {
  if (/confirm|approv|sign[- ]off/.test(text)) return 'confirm';
  if (/advi[cs]e|suggest|recommend|\bplan\b|ideas|tips|explain|cuts?\b|what (to|i should) do|analy[sz]/.test(text)) return 'advice';
  if (/warn|alert|flag|notify|tell me|let me know|remind|show (me )?a (message|warning)/.test(text)) return 'warning';
  return null;
}

/**
 * Reads one condition in words ("the surplus is under 500, warn me; otherwise give me advice")
 * as CEL over the composed workflow's step ids, or null when it names nothing known.
 */
export function parseCondition(words: string): ParsedCondition | null {
  const text = words.toLowerCase().replace(/^\s*(if|when|whenever|in case)\s+/, '');
  const [main = '', otherwisePart] = text.split(/\b(?:otherwise|else|if not)\b/);
  const subject = findSubject(main);
  if (!subject) return null;
  const after = main.slice(subject.index + subject.length);
  const predicate = subject.kind === 'boolean' ? booleanPredicate(main, subject.ref) : numericPredicate(after, subject.ref);
  if (!predicate) return null;
  return {
    cel: predicate.cel,
    formula: subject.formula,
    words: subject.kind === 'boolean' ? `${predicate.words}${subject.label}` : `${subject.label} ${predicate.words}`.trim(),
    action: parseAction(after.slice(predicate.end)) ?? parseAction(after) ?? 'warning',
    otherwise: otherwisePart ? parseAction(otherwisePart) : null,
  };
}

interface Subject {
  ref: string;
  formula: string | null;
  kind: 'number' | 'boolean';
  label: string;
  index: number;
  length: number;
}

function findSubject(text: string): Subject | null {
  let best: Subject | null = null;
  const consider = (s: Subject) => {
    if (!best || s.index < best.index) best = s;
  };
  for (const w of OUTPUT_WORDS) {
    const m = w.pattern.exec(text);
    const use = FORMULA_USE.get(w.formula);
    if (m && use) consider({ ref: `${use.stepId}.${w.output}`, formula: w.formula, kind: w.kind, label: m[0], index: m.index, length: m[0].length });
  }
  if (best) return best;
  for (const field of FIELDS) {
    if (field.kind === 'text' || field.kind === 'positions') continue;
    const m = field.pattern.exec(text);
    if (m) consider({ ref: `${FORM_STEP_ID}.${field.name}`, formula: null, kind: field.kind === 'flag' ? 'boolean' : 'number', label: m[0], index: m.index, length: m[0].length });
  }
  return best;
}

function numericPredicate(after: string, ref: string): { cel: string; words: string; end: number } | null {
  if (/\b(is |goes |turns |becomes )?negative\b|in the red/.test(after)) {
    const m = /negative|in the red/.exec(after)!;
    return { cel: `${ref} < 0.0`, words: 'is negative', end: m.index + m[0].length };
  }
  const number = /(-?)\$?(\d[\d,]*(?:\.\d+)?)\s*(k\b|thousand|%)?/.exec(after);
  if (!number) return null;
  const before = after.slice(0, number.index);
  const trailing = after.slice(number.index + number[0].length, number.index + number[0].length + 12);
  const op =
    COMPARATORS.find((c) => c.pattern.test(trailing) && (c.op === '>=' || c.op === '<='))?.op ??
    COMPARATORS.find((c) => c.pattern.test(before))?.op;
  if (!op) return null;
  const value = firstNumber(number[0])!;
  const shown = number[0].trim();
  return { cel: `${ref} ${op} ${celNumber(value)}`, words: `${opWords(op)} ${shown}`, end: number.index + number[0].length };
}

function booleanPredicate(text: string, ref: string): { cel: string; words: string; end: number } {
  const negative = /\b(not|miss(es|ing)?|behind|isn't|is not|aren't|fail|short of|off track)\b/.test(text);
  return { cel: negative ? `!${ref}` : ref, words: negative ? 'not ' : '', end: 0 };
}

function opWords(op: string): string {
  return { '<': 'under', '>': 'over', '<=': 'at most', '>=': 'at least' }[op] ?? op;
}

/** Root step ids a CEL expression reads (`surplus` in `surplus.surplus < 500.0`). */
export function celRoots(cel: string): string[] {
  const withoutStrings = cel.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  return [...new Set([...withoutStrings.matchAll(/(?<![\w.])([a-z_][a-z0-9_]*)\s*\./g)].map((m) => m[1]!))];
}
