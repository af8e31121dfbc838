import { describe, expect, it } from 'vitest';
import { createDefaultRegistry } from '../../default-registry';
import { validateDefinition } from '../../validate-definition';
import { jsonModel } from '../../testing';
import { AIWorkflowGenerator, WorkflowGenerationError } from '.';
import { budgetAnalysis, budgetDefinition, cyclicDefinition, lastUserJson, unknownTypeDefinition } from './generator.fixture';

const registry = createDefaultRegistry();
const NOW = new Date('2025-03-01T12:00:00.000Z');

/** A model that answers each task from a script; `definitions` are used in order, the last repeats. */
function scriptedModel(definitions: unknown[], analyses: unknown[] = [budgetAnalysis]) {
  let a = 0;
  let d = 0;
  const mock = jsonModel((prompt) => {
    const task = lastUserJson(prompt).task;
    if (task === 'analyze_requirements') return analyses[Math.min(a++, analyses.length - 1)];
    if (task === 'generate_definition') return definitions[Math.min(d++, definitions.length - 1)];
    throw new Error(`unexpected task ${String(task)}`);
  });
  const requests = () => mock.prompts.map(lastUserJson);
  return { ...mock, requests };
}

function generator(model: ReturnType<typeof scriptedModel>['model'], maxAttempts = 3) {
  let n = 0;
  return new AIWorkflowGenerator({ model, registry, maxAttempts, now: () => NOW, newId: () => `wf-gen-${++n}` });
}

const GOAL = 'Ask for my income, expenses and savings goal, then if the surplus is under 500 warn me';

describe('AIWorkflowGenerator', () => {
  it('analyses the goal, writes a definition from the step library and returns it validated', async () => {
    const model = scriptedModel([budgetDefinition()]);
    const result = await generator(model.model).generate({ goal: GOAL, createdBy: 'user-7' });

    const [analysisRequest, definitionRequest] = model.requests();
    expect(model.prompts).toHaveLength(2);
    expect(analysisRequest).toMatchObject({ task: 'analyze_requirements', goal: GOAL });
    expect(analysisRequest!.categories).toContain('Budgeting');
    expect(analysisRequest!.templates).toContainEqual(
      expect.objectContaining({ key: 'monthly-budget-review', category: 'Budgeting', step_types: expect.arrayContaining(['calculation', 'decision']) }),
    );
    expect(definitionRequest).toMatchObject({ task: 'generate_definition', goal: GOAL, analysis: budgetAnalysis, previous_attempt: null, errors: [] });
    expect((definitionRequest!.reference_template as { id: string }).id).toBe('monthly-budget-review');
    expect((definitionRequest!.step_library as { type: string }[]).map((s) => s.type).sort()).toEqual(
      ['ai_generated', 'calculation', 'data_collection', 'decision', 'validation'],
    );
    expect((definitionRequest!.rules as string[]).some((r) => r.includes('snake_case'))).toBe(true);
    // A system message explains the job for real models.
    expect(JSON.parse(model.prompts[1]!)[0]).toMatchObject({ role: 'system', content: expect.stringContaining('workflow definition') });

    expect(() => validateDefinition(result.definition, registry)).not.toThrow();
    expect(result.definition.steps.map((s) => s.type)).toEqual(['data_collection', 'calculation', 'decision', 'ai_generated']);
    expect(result).toMatchObject({
      attempts: 1,
      templateKey: 'monthly-budget-review',
      analysis: budgetAnalysis,
      usage: { inputTokens: 200, outputTokens: 40, totalTokens: 240 },
      model: 'mock-provider:mock-model-id',
    });
    expect(result.timeMs).toBeGreaterThanOrEqual(0);
  });

  it('owns id, created_by and the timestamps whatever the model wrote', async () => {
    const answer = { ...budgetDefinition(), created_by: 'the-model', created_at: 'yesterday', updated_at: 'yesterday' };
    const result = await generator(scriptedModel([answer]).model).generate({ goal: GOAL, createdBy: 'user-7' });
    expect(result.definition).toMatchObject({ id: 'wf-gen-1', created_by: 'user-7', created_at: NOW.toISOString(), updated_at: NOW.toISOString() });
  });

  it('feeds the exact validation errors back and returns the repaired definition', async () => {
    const model = scriptedModel([cyclicDefinition(), budgetDefinition()]);
    const result = await generator(model.model).generate({ goal: GOAL });

    expect(result.attempts).toBe(2);
    expect(() => validateDefinition(result.definition, registry)).not.toThrow();
    const second = model.requests()[2]!;
    expect(second.task).toBe('generate_definition');
    expect(second.previous_attempt).toEqual(cyclicDefinition());
    expect(second.errors).toEqual([{ code: 'cycle', path: 'steps[1].dependencies', message: expect.stringContaining('surplus -> check -> surplus') }]);
    expect(result.usage.totalTokens).toBe(3 * 120);
  });

  it('repairs an unknown step type', async () => {
    const model = scriptedModel([unknownTypeDefinition(), budgetDefinition()]);
    const result = await generator(model.model).generate({ goal: GOAL });
    expect(result.attempts).toBe(2);
    expect(model.requests()[2]!.errors).toEqual([
      { code: 'unknown_step_type', path: 'steps[3].type', message: expect.stringContaining('"send_email"') },
    ]);
  });

  it('gives up past the attempt limit with every attempt’s errors and returns nothing', async () => {
    const model = scriptedModel([cyclicDefinition()]);
    const run = generator(model.model, 3).generate({ goal: GOAL });

    const error = await run.then(
      () => expect.unreachable('an invalid definition was returned'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowGenerationError);
    const failure = error as WorkflowGenerationError;
    expect(failure).toMatchObject({ code: 'generation_failed', retryable: false });
    expect(failure.message).toMatch(/3 attempts.*steps\[1\]\.dependencies: steps surplus -> check -> surplus form a cycle/);
    expect(failure.details).toEqual({ attempts: [1, 2, 3].map((attempt) => ({ attempt, stage: 'definition', errors: [expect.objectContaining({ code: 'cycle' })] })) });
    expect(model.requests().map((r) => r.task)).toEqual(['analyze_requirements', 'generate_definition', 'generate_definition', 'generate_definition']);
  });

  it('counts an answer that is not JSON as a failed attempt and recovers', async () => {
    const model = scriptedModel(['Sure! Here is your workflow: {"name": ', budgetDefinition()]);
    const result = await generator(model.model).generate({ goal: GOAL });

    expect(result.attempts).toBe(2);
    const second = model.requests()[2]!;
    expect(second.previous_attempt).toBeNull();
    expect(second.errors).toEqual([{ code: 'invalid_json', path: '(root)', message: expect.stringContaining('Sure! Here is your workflow') }]);
  });

  it('retries an analysis that does not match its schema, keeping the JSON request last', async () => {
    const model = scriptedModel([budgetDefinition()], [{ intent: 'budget' }, budgetAnalysis]);
    const result = await generator(model.model).generate({ goal: GOAL });

    expect(result.attempts).toBe(2);
    expect(model.requests().map((r) => r.task)).toEqual(['analyze_requirements', 'analyze_requirements', 'generate_definition']);
    const retry = JSON.parse(model.prompts[1]!) as { role: string; content: { text: string }[] }[];
    expect(retry.filter((m) => m.role === 'user')[0]!.content[0]!.text).toMatch(/previous analysis could not be used: .*category/);
  });

  it('shows the best keyword match as a reference when the analysis names no existing template, without claiming it was used', async () => {
    const model = scriptedModel([budgetDefinition()], [{ ...budgetAnalysis, template_key: 'no-such-template' }]);
    const result = await generator(model.model).generate({ goal: 'A monthly budget review of my spending and savings goal' });
    expect(result.templateKey).toBeNull();
    expect(model.prompts.at(-1)).toContain('monthly-budget-review');
  });

  it('rejects an empty goal before calling the model', async () => {
    const model = scriptedModel([budgetDefinition()]);
    await expect(generator(model.model).generate({ goal: '   ' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(model.prompts).toHaveLength(0);
  });
});
