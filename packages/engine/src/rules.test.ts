import { describe, expect, it } from 'vitest';
import type { CelRule, FieldRule } from './definition';
import { checkRules, evaluateRules, referencedPaths } from './rules';

const fields = (...rules: FieldRule[]) => ({ fields: rules, rules: [] });
const cel = (...rules: CelRule[]) => ({ fields: [], rules });

describe('field rules', () => {
  it('required fails on missing, null, blank text and empty lists, and passes on 0 and false', () => {
    const rules = fields({ field: 'a', required: true }, { field: 'b', required: true }, { field: 'c', required: true }, { field: 'd', required: true });
    expect(evaluateRules(rules, { b: null, c: '  ', d: [] })).toEqual({ a: ['is required'], b: ['is required'], c: ['is required'], d: ['is required'] });
    expect(evaluateRules(fields({ field: 'a', required: true }, { field: 'b', required: true }), { a: 0, b: false })).toEqual({});
  });

  it('skips the other checks of an optional field that is empty', () => {
    expect(evaluateRules(fields({ field: 'age', min: 18, pattern: '^x$' }), {})).toEqual({});
  });

  it('min and max compare numbers and reject values that are not numbers', () => {
    const rules = fields({ field: 'income', min: 0, max: 1000 });
    expect(evaluateRules(rules, { income: 0 })).toEqual({});
    expect(evaluateRules(rules, { income: 1000 })).toEqual({});
    expect(evaluateRules(rules, { income: -1 })).toEqual({ income: ['must be at least 0'] });
    expect(evaluateRules(rules, { income: 1001 })).toEqual({ income: ['must be at most 1000'] });
    expect(evaluateRules(rules, { income: '5' })).toEqual({ income: ['must be a number'] });
  });

  it('min_length and max_length count characters of text and items of lists', () => {
    const rules = fields({ field: 'name', min_length: 2, max_length: 3 });
    expect(evaluateRules(rules, { name: 'Jo' })).toEqual({});
    expect(evaluateRules(rules, { name: 'J' })).toEqual({ name: ['must be at least 2 characters'] });
    expect(evaluateRules(rules, { name: 'Joan' })).toEqual({ name: ['must be at most 3 characters'] });
    expect(evaluateRules(rules, { name: ['a', 'b', 'c', 'd'] })).toEqual({ name: ['must be at most 3 items'] });
    expect(evaluateRules(rules, { name: 7 })).toEqual({ name: ['must be text or a list'] });
  });

  it('pattern must match text', () => {
    const rules = fields({ field: 'zip', pattern: '^\\d{4}$' });
    expect(evaluateRules(rules, { zip: '0150' })).toEqual({});
    expect(evaluateRules(rules, { zip: '01500' })).toEqual({ zip: ['is not in the expected format'] });
    expect(evaluateRules(rules, { zip: { a: 1 } })).toEqual({ zip: ['must be text'] });
  });

  it('reads dotted paths and shows the rule message instead of the default ones', () => {
    const rules = fields({ field: 'profile.income', min: 0, message: 'Income cannot be negative' });
    expect(evaluateRules(rules, { profile: { income: -5 } })).toEqual({ 'profile.income': ['Income cannot be negative'] });
    expect(evaluateRules(rules, { profile: { income: 5 } })).toEqual({});
  });
});

describe('CEL rules', () => {
  const rule = { cel: 'end > start', field: 'end', message: 'End must be after start' };

  it('passes when the expression is true', () => {
    expect(evaluateRules(cel(rule), { start: 1, end: 2 })).toEqual({});
  });

  it('attaches the message to the field when false, or to _ without a field', () => {
    expect(evaluateRules(cel(rule), { start: 2, end: 1 })).toEqual({ end: ['End must be after start'] });
    expect(evaluateRules(cel({ cel: 'a + b <= 10', message: 'Too much in total' }), { a: 6, b: 5 })).toEqual({ _: ['Too much in total'] });
  });

  it('counts an expression that cannot be evaluated or is not true/false as failing', () => {
    expect(evaluateRules(cel(rule), { start: 2 })).toEqual({ end: ['End must be after start'] });
    expect(evaluateRules(cel({ cel: 'start', message: 'not a boolean' }), { start: 2 })).toEqual({ _: ['not a boolean'] });
  });

  it('merges field and CEL messages on the same field', () => {
    const rules = { fields: [{ field: 'end', max: 0 }], rules: [rule] };
    expect(evaluateRules(rules, { start: 2, end: 1 })).toEqual({ end: ['must be at most 0', 'End must be after start'] });
  });
});

describe('checkRules', () => {
  const variables = { input: null, income: null, profile: ['income', 'age'] };

  it('accepts rules that name known values', () => {
    const rules = { fields: [{ field: 'income', min: 0 }, { field: 'profile.age', max: 99 }, { field: 'input.x.y', required: true }], rules: [{ cel: 'income > profile.age', message: 'm' }] };
    expect(checkRules(rules, variables, 'steps[0].validation_rules')).toEqual([]);
  });

  it('reports a bad regular expression and inverted bounds as invalid_config', () => {
    const rules = fields({ field: 'income', pattern: '(' }, { field: 'income', min: 5, max: 1 }, { field: 'income', min_length: 3, max_length: 2 });
    expect(checkRules(rules, variables, 'p').map((i) => [i.code, i.path])).toEqual([
      ['invalid_config', 'p.fields[0].pattern'],
      ['invalid_config', 'p.fields[1]'],
      ['invalid_config', 'p.fields[2]'],
    ]);
  });

  it('reports field paths with an unknown root or an unknown output field', () => {
    const issues = checkRules(fields({ field: 'ghost.x' }, { field: 'profile.salary' }), variables, 'p');
    expect(issues.map((i) => [i.code, i.path])).toEqual([['unknown_field', 'p.fields[0].field'], ['unknown_field', 'p.fields[1].field']]);
    expect(issues[1]?.message).toBe('"profile" has no field "salary"; its fields are: income, age');
  });

  it('reports CEL that does not parse or type-check as invalid_cel and unknown names as unknown_field', () => {
    const issues = checkRules(
      cel({ cel: 'income >', message: 'm' }, { cel: 'ghost.x > 1', message: 'm' }, { cel: 'profile.salary > 1', message: 'm' }, { cel: '"a" + 1 == 2', message: 'm' }),
      variables,
      'p',
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['invalid_cel', 'p.rules[0].cel'],
      ['unknown_field', 'p.rules[1].cel'],
      ['unknown_field', 'p.rules[2].cel'],
      ['invalid_cel', 'p.rules[3].cel'],
    ]);
    expect(issues[1]?.message).toMatch(/Unknown variable: ghost .*available here: input, income, profile/);
  });
});

describe('referencedPaths', () => {
  it('lists the member paths an expression reads, not string contents', () => {
    expect(referencedPaths('profile.income >= 3000 && input.kind == "a.b" && size(items) > 0')).toEqual(['profile.income', 'input.kind', 'items']);
  });

  it('reads literal indexes as path segments', () => {
    expect(referencedPaths('profile["income"] > 1 && profile.list[0] == 2')).toEqual(['profile.income', 'profile.list']);
  });

  it('leaves out variables bound by macros and cel.bind', () => {
    expect(referencedPaths('plan.items.all(x, x.amount > input.min) && cel.bind(t, plan.total, t > 0)')).toEqual(['plan.items', 'input.min', 'plan.total']);
  });

  it('returns nothing for an expression that does not parse', () => {
    expect(referencedPaths('a >')).toEqual([]);
  });
});
