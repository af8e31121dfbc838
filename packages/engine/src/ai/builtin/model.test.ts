import type { LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { generateText, jsonSchema, type JSONSchema7, Output, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createDefaultRegistry } from '../../default-registry';
import { DefinitionError } from '../../errors';
import { validateDefinition } from '../../validate-definition';
import { countTokens, createBuiltinModel } from './model';

async function collect(stream: ReadableStream<LanguageModelV3StreamPart>): Promise<LanguageModelV3StreamPart[]> {
  const parts: LanguageModelV3StreamPart[] = [];
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
  return parts;
}

const userPrompt = (text: string) => [{ role: 'user' as const, content: [{ type: 'text' as const, text }] }];

describe('built-in model: LanguageModelV3', () => {
  it('identifies itself', () => {
    const model = createBuiltinModel();
    expect(model).toMatchObject({ specificationVersion: 'v3', provider: 'stepwise', modelId: 'builtin', supportedUrls: {} });
  });

  it('streams plain text word by word, then finishes with usage', async () => {
    const { stream } = await createBuiltinModel().doStream({ prompt: userPrompt('hello there') });
    const parts = await collect(stream);
    expect(parts.map((p) => p.type).slice(0, 3)).toEqual(['stream-start', 'response-metadata', 'text-start']);
    expect(parts.slice(-2).map((p) => p.type)).toEqual(['text-end', 'finish']);
    const deltas = parts.filter((p) => p.type === 'text-delta').map((p) => p.delta);
    expect(deltas.length).toBeGreaterThan(10);
    for (const d of deltas) expect(d.trim().split(/\s+/)).toHaveLength(1);
    const text = deltas.join('');
    expect(text).toMatch(/^Hello!/);
    const finish = parts.at(-1) as Extract<LanguageModelV3StreamPart, { type: 'finish' }>;
    expect(finish.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
    expect(finish.usage.outputTokens.total).toBe(countTokens(text));
    expect(finish.usage.inputTokens.total).toBeGreaterThan(0);
  });

  it('streams JSON answers in pieces that join to the same JSON', async () => {
    const schema: JSONSchema7 = { type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'] };
    const { stream } = await createBuiltinModel().doStream({ prompt: userPrompt('A surplus of 1800 this month.'), responseFormat: { type: 'json', schema } });
    const deltas = (await collect(stream)).filter((p) => p.type === 'text-delta').map((p) => p.delta);
    expect(deltas.length).toBeGreaterThan(5);
    expect(JSON.parse(deltas.join(''))).toEqual({ summary: expect.stringContaining('1,800') });
  });

  it('works with generateText and streamText from the AI SDK', async () => {
    const model = createBuiltinModel();
    const generated = await generateText({ model, prompt: 'What templates do you have?' });
    expect(generated.text).toContain('Monthly budget review');
    expect(generated.usage.totalTokens).toBeGreaterThan(0);

    const streamed = streamText({ model, prompt: 'ask for my income and expenses, then if the surplus is under 500 warn me' });
    const chunks: string[] = [];
    for await (const chunk of streamed.textStream) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.join('')).toMatch(/monthly income.*monthly surplus.*warn you when the surplus under 500/i);
    expect((await streamed.usage).outputTokens).toBeGreaterThan(0);
  });

  it('answers structured output through Output.object', async () => {
    const schema: JSONSchema7 = { type: 'object', properties: { tip: { type: 'string' }, surplus: { type: 'number' } }, required: ['tip', 'surplus'], additionalProperties: false };
    const result = await generateText({ model: createBuiltinModel(), prompt: 'The surplus is 899.5. Give one tip.', output: Output.object({ schema: jsonSchema(schema) }) });
    expect(result.output).toMatchObject({ surplus: 899.5 });
  });

  it('cuts an answer at maxOutputTokens and says so', async () => {
    const result = await createBuiltinModel().doGenerate({ prompt: userPrompt('hello'), maxOutputTokens: 5 });
    expect(result.finishReason.unified).toBe('length');
    expect(result.usage.outputTokens.total).toBeLessThanOrEqual(5);
  });
});

describe('built-in model: generator repair', () => {
  const goal = 'ask for my income and expenses, then if the surplus is under 500 warn me';
  const ask = async (payload: object) => JSON.parse((await generateText({ model: createBuiltinModel(), messages: [{ role: 'user', content: JSON.stringify(payload) }] })).text) as unknown;
  const issuesOf = (def: unknown) => {
    try {
      validateDefinition(def, createDefaultRegistry());
      return [];
    } catch (error) {
      return (error as DefinitionError).issues;
    }
  };

  it('fixes a previous attempt with a cycle, an unknown step type and a dangling dependency', async () => {
    const broken = {
      id: 'wf',
      name: 'Budget',
      category: 'Budgeting',
      steps: [
        { id: 'form', name: 'Form', type: 'data_collection', dependencies: ['check'], config: { schema: { type: 'object', properties: { income: { type: 'number' } }, required: ['income'] } } },
        { id: 'check', name: 'Check', type: 'validation', dependencies: ['form', 'ghost'], config: { fields: [{ field: 'form.income', min: 0 }] } },
        { id: 'email', name: 'Email', type: 'send_email', dependencies: ['check'], config: {} },
      ],
      entry_points: ['form'],
      exit_points: ['email'],
    };
    const errors = issuesOf(broken);
    expect(errors.map((e) => e.code)).toEqual(expect.arrayContaining(['unknown_step_type', 'cycle', 'dangling_dependency']));
    const fixed = await ask({ task: 'generate_definition', goal, analysis: null, step_library: [], reference_template: null, rules: [], previous_attempt: broken, errors });
    expect(issuesOf(fixed)).toEqual([]);
    expect((fixed as { steps: { id: string }[] }).steps.map((s) => s.id)).toEqual(['form', 'check']);
  });

  it('composes afresh from the goal when the previous attempt cannot be repaired', async () => {
    const fixed = await ask({ task: 'generate_definition', goal, analysis: null, step_library: [], reference_template: null, rules: [], previous_attempt: { steps: 'nope' }, errors: [{ code: 'invalid_shape', path: 'steps', message: 'expected array' }] });
    expect(issuesOf(fixed)).toEqual([]);
    expect(JSON.stringify(fixed)).toContain('surplus.surplus < 500.0');
  });

  it('uses only the step types the step library offers', async () => {
    const fixed = (await ask({ task: 'generate_definition', goal, analysis: null, step_library: [{ type: 'data_collection' }, { type: 'calculation' }], reference_template: null, rules: [], previous_attempt: null, errors: [] })) as { steps: { type: string }[] };
    expect(new Set(fixed.steps.map((s) => s.type))).toEqual(new Set(['data_collection', 'calculation']));
  });
});
