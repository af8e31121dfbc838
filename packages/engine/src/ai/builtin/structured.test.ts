import { describe, expect, it } from 'vitest';
import { compileJsonSchema } from '../../json-schema';
import { buildPrompt } from '../../prompt';
import { BUILTIN_TEMPLATES } from '../../templates';
import { fillSchema, readPrompt } from './structured';

const advice = {
  type: 'object',
  properties: {
    summary: { type: 'string', minLength: 1, maxLength: 400 },
    risk_level: { type: 'string', enum: ['low', 'medium', 'high'] },
    surplus: { type: 'number' },
    recommendations: { type: 'array', minItems: 2, maxItems: 4, items: { type: 'string', minLength: 5 } },
  },
  required: ['summary', 'risk_level', 'surplus', 'recommendations'],
  additionalProperties: false,
};

const PROMPT = buildPrompt({ template: 'Income {{b.income}}, expenses {{b.expenses}}, surplus of {{s.surplus}}. Advise.', data: { b: { income: 5400, expenses: 3600 }, s: { surplus: 1800 } } });

function valid(schema: object, value: unknown) {
  const compiled = compileJsonSchema(schema);
  if (!compiled.ok) throw new Error(compiled.message);
  return compiled.validate(value);
}

describe('structured answers for AI steps', () => {
  it('reads labelled numbers from the prompt', () => {
    expect(readPrompt(PROMPT).facts).toEqual([
      { label: 'income', value: 5400 },
      { label: 'expenses', value: 3600 },
      { label: 'surplus', value: 1800 },
    ]);
  });

  it('fills a schema validly, quoting the numbers and reusing the one whose name matches', () => {
    const answer = fillSchema(advice, PROMPT) as { summary: string; surplus: number; recommendations: string[]; risk_level: string };
    expect(valid(advice, answer)).toEqual({});
    expect(answer.surplus).toBe(1800);
    expect(answer.summary).toMatch(/5,400/);
    expect(answer.recommendations.length).toBeGreaterThanOrEqual(2);
    expect(new Set(answer.recommendations).size).toBe(answer.recommendations.length);
  });

  it.each(BUILTIN_TEMPLATES.flatMap((t) => t.definition.steps.filter((s) => s.type === 'ai_generated').map((s) => [`${t.key}/${s.id}`, s.config!.output_schema] as const)))(
    'gives a schema-valid answer for the template step %s',
    (_name, schema) => {
      const answer = fillSchema(schema, 'Budget for 2025-06: take-home pay 5200, total expenses 4450, surplus 750, savings goal 1000.');
      expect(valid(schema as object, answer)).toEqual({});
    },
  );

  it('respects bounds, integers, formats, patterns and nested arrays', () => {
    const schema = {
      type: 'object',
      properties: {
        score: { type: 'integer', minimum: 1, maximum: 5 },
        pct: { type: 'number', exclusiveMinimum: 0, maximum: 100 },
        review_on: { type: 'string', format: 'date' },
        symbol: { type: 'string', pattern: '^[A-Z]{1,5}$' },
        orders: { type: 'array', minItems: 1, items: { type: 'object', properties: { asset: { type: 'string', enum: ['stocks', 'bonds'] }, amount: { type: 'number', minimum: 0 } }, required: ['asset', 'amount'] } },
        maybe: { type: ['string', 'null'] },
      },
      required: ['score', 'pct', 'review_on', 'symbol', 'orders'],
    };
    const answer = fillSchema(schema, 'Drift of 15 on a portfolio of 100000, next review 2025-12-31.') as Record<string, unknown>;
    expect(valid(schema, answer)).toEqual({});
    expect(answer.review_on).toBe('2025-12-31');
  });

  it('revises the answer after a reviewer rejects it: different, and reflecting the feedback', () => {
    const first = fillSchema(advice, PROMPT) as { summary: string; risk_level: string; recommendations: string[] };
    const revisedPrompt = buildPrompt({
      template: 'Income {{b.income}}, expenses {{b.expenses}}, surplus of {{s.surplus}}. Advise.',
      data: { b: { income: 5400, expenses: 3600 }, s: { surplus: 1800 } },
      feedback: 'Mention the emergency fund',
      previousOutput: first,
    });
    const second = fillSchema(advice, revisedPrompt) as typeof first;
    expect(valid(advice, second)).toEqual({});
    expect(second).not.toEqual(first);
    expect(second.summary).toContain('Mention the emergency fund');
    expect(second.recommendations[0]).toContain('Mention the emergency fund');
    expect(second.risk_level).not.toBe(first.risk_level);
  });

  it('changes even an answer with no text when the feedback asks for a revision', () => {
    const schema = { type: 'object', properties: { amount: { type: 'number', minimum: 0 } }, required: ['amount'] };
    const first = fillSchema(schema, 'amount 100');
    const second = fillSchema(schema, buildPrompt({ template: 'amount 100', data: {}, feedback: 'Try again', previousOutput: first }));
    expect(second).not.toEqual(first);
  });
});
