import { parse, type ASTNode } from '@marcbachmann/cel-js';
import { checkCel, evaluateCel, type CelVariables } from './cel';
import { readPath } from './context';
import type { FieldRule, ValidationRules } from './definition';
import type { DefinitionIssue, FieldErrors } from './errors';

/** One rule's outcome, for showing every check (passed ones too), not only the problems. */
export interface RuleResult {
  /** The checked path, or null for a rule about the whole data. */
  field: string | null;
  /** What the rule asks: "required, at least 18, at most 100", or a CEL rule's condition. */
  rule: string;
  passed: boolean;
  /** Why it failed; null when it passed. */
  problem: string | null;
}

function describeFieldRule(rule: FieldRule): string {
  const parts = [
    rule.required && 'required',
    rule.min !== undefined && `at least ${rule.min}`,
    rule.max !== undefined && `at most ${rule.max}`,
    rule.min_length !== undefined && `at least ${rule.min_length} long`,
    rule.max_length !== undefined && `at most ${rule.max_length} long`,
    rule.pattern !== undefined && 'in the expected format',
  ].filter((p): p is string => typeof p === 'string');
  return rule.message ?? (parts.join(', ') || 'checked');
}

function celHolds(cel: string, data: Record<string, unknown>): boolean {
  // A rule that cannot be evaluated (a value is missing or of the wrong type) does not hold.
  try {
    return evaluateCel(cel, data) === true;
  } catch {
    return false;
  }
}

/**
 * Checks data against field rules (`field` is a dotted path into the data) and CEL rules (must be
 * true), in one pass. `errors` has messages per field, `_` for whole-form messages (empty when
 * everything passes); `results` has every rule with its outcome, in definition order (field
 * rules, then CEL rules).
 */
export function evaluateRulesWithResults(rules: ValidationRules, data: Record<string, unknown>): { errors: FieldErrors; results: RuleResult[] } {
  const errors: FieldErrors = {};
  const fields = rules.fields.map((rule): RuleResult => {
    const problems = fieldRuleProblems(rule, readPath(data, rule.field));
    if (problems.length > 0) addFieldErrors(errors, { [rule.field]: rule.message ? [rule.message] : problems });
    return { field: rule.field, rule: describeFieldRule(rule), passed: problems.length === 0, problem: problems.length ? (rule.message ?? problems.join(', ')) : null };
  });
  const cel = rules.rules.map((rule): RuleResult => {
    const passed = celHolds(rule.cel, data);
    if (!passed) addFieldErrors(errors, { [rule.field ?? '_']: [rule.message] });
    // A CEL rule's message describes its failure, so the rule itself is shown as its condition.
    return { field: rule.field ?? null, rule: rule.cel, passed, problem: passed ? null : rule.message };
  });
  return { errors, results: [...fields, ...cel] };
}

/** The problems per field of `evaluateRulesWithResults`; empty when everything passes. */
export function evaluateRules(rules: ValidationRules, data: Record<string, unknown>): FieldErrors {
  return evaluateRulesWithResults(rules, data).errors;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

function fieldRuleProblems(rule: FieldRule, value: unknown): string[] {
  if (isEmpty(value)) return rule.required ? ['is required'] : [];
  const problems: string[] = [];
  if (rule.min !== undefined || rule.max !== undefined) {
    if (typeof value !== 'number' || !Number.isFinite(value)) problems.push('must be a number');
    else {
      if (rule.min !== undefined && value < rule.min) problems.push(`must be at least ${rule.min}`);
      if (rule.max !== undefined && value > rule.max) problems.push(`must be at most ${rule.max}`);
    }
  }
  if (rule.min_length !== undefined || rule.max_length !== undefined) {
    const size = typeof value === 'string' ? [...value].length : Array.isArray(value) ? value.length : undefined;
    const unit = typeof value === 'string' ? 'character' : 'item';
    if (size === undefined) problems.push('must be text or a list');
    else {
      if (rule.min_length !== undefined && size < rule.min_length) problems.push(`must be at least ${count(rule.min_length, unit)}`);
      if (rule.max_length !== undefined && size > rule.max_length) problems.push(`must be at most ${count(rule.max_length, unit)}`);
    }
  }
  if (rule.pattern !== undefined) {
    const regex = compilePattern(rule.pattern);
    if (typeof value !== 'string' && typeof value !== 'number') problems.push('must be text');
    else if (!(regex instanceof RegExp) || !regex.test(String(value))) problems.push('is not in the expected format');
  }
  return problems;
}

function count(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

const patterns = new Map<string, RegExp | string>();

/** Same dialect as JSON Schema `pattern` in Ajv (unicode, unanchored); an error message when invalid. */
function compilePattern(pattern: string): RegExp | string {
  let compiled = patterns.get(pattern);
  if (compiled === undefined) {
    try {
      compiled = new RegExp(pattern, 'u');
    } catch (error) {
      compiled = error instanceof Error ? error.message : String(error);
    }
    if (patterns.size >= 1000) patterns.clear();
    patterns.set(pattern, compiled);
  }
  return compiled;
}

/** Adds messages to `target`, skipping ones a field already has. */
export function addFieldErrors(target: FieldErrors, more: FieldErrors): FieldErrors {
  for (const [field, messages] of Object.entries(more)) {
    const list = (target[field] ??= []);
    for (const m of messages) if (!list.includes(m)) list.push(m);
  }
  return target;
}

/** Static checks of rules: patterns compile, bounds are ordered, paths and CEL name known values. */
export function checkRules(rules: ValidationRules, variables: CelVariables, path: string): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  rules.fields.forEach((rule, i) => {
    const at = `${path}.fields[${i}]`;
    const unknown = unknownPath(rule.field, variables);
    if (unknown) issues.push({ code: 'unknown_field', path: `${at}.field`, message: unknown });
    if (rule.pattern !== undefined) {
      const regex = compilePattern(rule.pattern);
      if (typeof regex === 'string') issues.push({ code: 'invalid_config', path: `${at}.pattern`, message: `The pattern is not a valid regular expression: ${regex}` });
    }
    if (rule.min !== undefined && rule.max !== undefined && rule.min > rule.max) {
      issues.push({ code: 'invalid_config', path: at, message: `min (${rule.min}) is greater than max (${rule.max}), so no value can pass` });
    }
    if (rule.min_length !== undefined && rule.max_length !== undefined && rule.min_length > rule.max_length) {
      issues.push({ code: 'invalid_config', path: at, message: `min_length (${rule.min_length}) is greater than max_length (${rule.max_length}), so no value can pass` });
    }
  });
  rules.rules.forEach((rule, i) => {
    const issue = celIssue(rule.cel, variables, `${path}.rules[${i}].cel`);
    if (issue) issues.push(issue);
  });
  return issues;
}

function unknownPath(field: string, variables: CelVariables): string | null {
  const [root = '', next] = field.split('.');
  if (!Object.hasOwn(variables, root)) {
    return `"${field}" does not start with a known name; use one of: ${Object.keys(variables).join(', ')}`;
  }
  const known = variables[root];
  if (known && next !== undefined && !known.includes(next)) {
    return `"${root}" has no field "${next}"; its fields are: ${known.join(', ') || '(none)'}`;
  }
  return null;
}

/**
 * A CEL expression checked against the variables it may use: `invalid_cel` when it does not parse
 * or type-check, `unknown_field` when it names a variable or field that is not available.
 */
export function celIssue(expression: string, variables: CelVariables, path: string): DefinitionIssue | null {
  const result = checkCel(expression, variables);
  if (result.ok) return null;
  if (result.kind === 'unknown_field') {
    const hint = result.message.startsWith('Unknown variable')
      ? ` (available here: ${Object.keys(variables).join(', ')}; a step must be a dependency, direct or indirect, to be used)`
      : '';
    return { code: 'unknown_field', path, message: `${result.message}${hint}` };
  }
  return { code: 'invalid_cel', path, message: `Not a valid CEL expression: ${result.message}` };
}

const MACROS = new Set(['all', 'exists', 'exists_one', 'existsOne', 'map', 'filter', 'transformList', 'transformMap']);

/**
 * Dotted paths an expression reads (`profile.income`, `input.age`, `income`), outermost first;
 * variables bound by macros (`items.all(x, x > 0)`) are left out. Empty when it does not parse.
 */
export function referencedPaths(expression: string): string[] {
  let ast: ASTNode;
  try {
    ast = parse(expression).ast;
  } catch {
    return [];
  }
  const found = new Set<string>();
  walk(ast, new Set(), found);
  return [...found];
}

function walk(node: ASTNode, bound: ReadonlySet<string>, found: Set<string>): void {
  if (node.op === 'value') return;
  const chain = staticChain(node);
  if (chain) {
    if (!bound.has(chain[0] ?? '')) found.add(chain.join('.'));
    return;
  }
  if (node.op === 'rcall') {
    const [name, target, args] = node.args;
    const isBind = name === 'bind' && target.op === 'id' && target.args === 'cel';
    if (!isBind) walk(target, bound, found);
    const names = MACROS.has(name) || isBind ? leadingIds(args, isBind ? 1 : args.length - 1) : [];
    const inner = new Set([...bound, ...names]);
    args.slice(names.length).forEach((arg, i) => walk(arg, isBind && i === 0 ? bound : inner, found));
    return;
  }
  visitChildren(node.args, (child) => walk(child, bound, found));
}

function leadingIds(args: readonly ASTNode[], max: number): string[] {
  const names: string[] = [];
  for (const arg of args.slice(0, max)) {
    if (arg.op !== 'id') break;
    names.push(arg.args);
  }
  return names;
}

/** `a`, `a.b.c`, `a["b"]` as path segments; null for anything computed. */
function staticChain(node: ASTNode): string[] | null {
  if (node.op === 'id') return [node.args];
  if (node.op === '.' || node.op === '.?') {
    const base = staticChain(node.args[0]);
    return base && [...base, node.args[1]];
  }
  if ((node.op === '[]' || node.op === '[?]') && node.args[1].op === 'value' && typeof node.args[1].args === 'string') {
    const base = staticChain(node.args[0]);
    return base && [...base, node.args[1].args];
  }
  return null;
}

function visitChildren(value: unknown, visit: (node: ASTNode) => void): void {
  if (Array.isArray(value)) for (const item of value) visitChildren(item, visit);
  else if (value !== null && typeof value === 'object' && 'op' in value) visit(value as ASTNode);
}
