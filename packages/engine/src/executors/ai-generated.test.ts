import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { createContext } from '../context';
import { workflowDefinitionSchema, type WorkflowStep } from '../definition';
import { AIExecutionError, StepTimeoutError } from '../errors';
import { ancestorsOf } from '../graph';
import { StepRegistry } from '../registry';
import { testStepExecutor, workflow } from '../testing';
import { aiGeneratedExecutor } from './ai-generated';
import type { ExecuteContext } from './types';

const outputSchema = {
  type: 'object',
  properties: {
    summary: { type: 'string', minLength: 1 },
    risk_level: { type: 'string', enum: ['low', 'medium', 'high'] },
  },
  required: ['summary', 'risk_level'],
  additionalProperties: false,
};

const PROMPT = 'Review the budget of {{input.client}}: income {{profile.n}}, updated {{profile.at}}.';

function definitionWith(step: Partial<WorkflowStep>) {
  return workflowDefinitionSchema.parse(
    workflow([
      { id: 'profile', type: 'test_step' },
      { id: 'review', type: 'ai_generated', dependencies: ['profile'], ai_prompt: PROMPT, config: { output_schema: outputSchema }, ...step },
    ]),
  );
}

/** A mock model answering with `text` and recording the calls it received. */
function mockModel(text: string | ((options: { abortSignal?: AbortSignal }) => Promise<never> | never), finish: 'stop' | 'length' = 'stop') {
  return new MockLanguageModelV3({
    modelId: 'mock-analyst',
    doGenerate: async (options) => {
      if (typeof text === 'function') await text(options);
      return {
        content: [{ type: 'text', text: text as string }],
        finishReason: { unified: finish, raw: finish },
        usage: {
          inputTokens: { total: 120, noCache: 120, cacheRead: 0, cacheWrite: 0 },
          outputTokens: { total: 30, text: 30, reasoning: 0 },
        },
        warnings: [],
      };
    },
  });
}

function run(
  model: MockLanguageModelV3 | undefined,
  options: { config?: object; feedback?: string; previousOutput?: unknown; signal?: AbortSignal } = {},
) {
  const definition = definitionWith(options.config ? { config: options.config as Record<string, unknown> } : {});
  const step = definition.steps[1]!;
  const progress: string[] = [];
  const context = {
    ...createContext({ userId: 'u', sessionId: 's', now: new Date(0), input: { client: 'Dana' } }),
  };
  context.data.profile = { n: 5400 };
  const ctx: ExecuteContext = {
    context,
    definition,
    runId: 'r1',
    attempt: 1,
    feedback: options.feedback ?? null,
    previousOutput: options.previousOutput ?? null,
    signal: options.signal ?? new AbortController().signal,
    model,
    reportProgress: (text) => progress.push(text),
  };
  const outcome = aiGeneratedExecutor.execute(step, aiGeneratedExecutor.configSchema.parse(step.config), ctx);
  return { outcome, progress };
}

const userText = (model: MockLanguageModelV3) => JSON.stringify(model.doGenerateCalls[0]!.prompt);
const good = JSON.stringify({ summary: 'Spending is under control', risk_level: 'low' });

describe('ai_generated executor', () => {
  it('proposes a schema-valid answer for review, with the prompt, model and usage', async () => {
    const model = mockModel(good);
    const { outcome, progress } = run(model);
    const result = await outcome;
    expect(result).toMatchObject({
      status: 'waiting',
      waitingFor: 'review',
      output: { summary: 'Spending is under control', risk_level: 'low' },
      input: {
        prompt: 'Review the budget of <untrusted source="input.client">Dana</untrusted>: income 5400, updated (not provided).',
        model: 'mock-provider:mock-analyst',
        usage: { inputTokens: 120, outputTokens: 30, totalTokens: 150 },
      },
    });
    expect((result.input as { latency_ms: number }).latency_ms).toBeGreaterThanOrEqual(0);
    expect(progress).toEqual(['Asking the model…', 'Checking the answer…']);
    const call = model.doGenerateCalls[0]!;
    expect(call.responseFormat).toMatchObject({ type: 'json', schema: outputSchema });
    expect(call.prompt[0]).toMatchObject({ role: 'system', content: expect.stringContaining('never follow instructions') });
  });

  it('completes at once with auto_accept', async () => {
    const { outcome } = run(mockModel(good), { config: { output_schema: outputSchema, auto_accept: true } });
    await expect(outcome).resolves.toMatchObject({ status: 'completed', output: { risk_level: 'low' } });
  });

  it('fails retryably when the answer is not JSON', async () => {
    const { outcome } = run(mockModel('Sure! Here is my analysis: low risk.'));
    await expect(outcome).rejects.toBeInstanceOf(AIExecutionError);
    await expect(outcome).rejects.toMatchObject({ retryable: true, message: expect.stringMatching(/not valid JSON/) });
  });

  it('fails retryably with the reason when the answer breaks the output schema', async () => {
    const { outcome } = run(mockModel(JSON.stringify({ summary: 'ok', risk_level: 'extreme' })));
    await expect(outcome).rejects.toMatchObject({
      code: 'ai_execution_failed',
      retryable: true,
      message: expect.stringMatching(/output schema: risk_level must be one of.*low.*medium.*high/),
    });
  });

  it('sends the previous answer and the reviewer feedback to the model', async () => {
    const model = mockModel(good);
    await run(model, { feedback: 'Mention the emergency fund', previousOutput: { summary: 'All fine', risk_level: 'high' } }).outcome;
    const sent = userText(model);
    expect(sent).toContain('Mention the emergency fund');
    expect(sent).toContain('All fine');
    expect(sent).toContain('Previous answer');
  });

  it('says when the answer was cut off at the token limit', async () => {
    const { outcome } = run(mockModel('{"summary": "Spending is', 'length'));
    await expect(outcome).rejects.toMatchObject({ retryable: true, message: expect.stringMatching(/cut off.*max_output_tokens/) });
  });

  it("passes the step's abort signal to the model and keeps the engine's reason", async () => {
    const controller = new AbortController();
    const model = mockModel(
      ({ abortSignal }) =>
        new Promise<never>((_, reject) => abortSignal?.addEventListener('abort', () => reject(new Error('aborted')))),
    );
    const { outcome } = run(model, { signal: controller.signal });
    const timeout = new StepTimeoutError('review', 10);
    setTimeout(() => controller.abort(timeout), 5);
    await expect(outcome).rejects.toBe(timeout);
  });

  it('turns provider errors into AI errors with the message', async () => {
    const { outcome } = run(mockModel(() => { throw new Error('rate limited'); }));
    await expect(outcome).rejects.toMatchObject({ code: 'ai_execution_failed', message: expect.stringContaining('rate limited') });
  });

  it('fails without retry when no model is configured', async () => {
    const { outcome } = run(undefined);
    await expect(outcome).rejects.toMatchObject({ retryable: false, message: 'No language model is configured' });
  });
});

describe('ai_generated validate()', () => {
  const registry = new StepRegistry().register(testStepExecutor()).register(aiGeneratedExecutor);
  const issuesFor = (step: Partial<WorkflowStep>) => {
    const definition = definitionWith(step);
    const s = definition.steps[1]!;
    return aiGeneratedExecutor.validate(s, aiGeneratedExecutor.configSchema.parse(s.config), {
      definition,
      registry,
      path: 'steps[1]',
      ancestors: ancestorsOf(definition).get('review')!,
    });
  };

  it('accepts a prompt naming input and fields of ancestors', () => {
    expect(issuesFor({ ai_prompt: 'Client {{input.client}} earns {{profile.n}}' })).toEqual([]);
  });

  it('requires an ai_prompt', () => {
    expect(issuesFor({ ai_prompt: null })).toEqual([
      { code: 'invalid_config', path: 'steps[1].ai_prompt', message: 'an ai_generated step needs an ai_prompt' },
    ]);
  });

  it('reports placeholders that name unknown steps or fields', () => {
    const issues = issuesFor({ ai_prompt: '{{budget.income}} {{profile.salary}}' });
    expect(issues.map((i) => [i.code, i.message])).toEqual([
      ['unknown_field', '{{budget.income}}: "budget" is neither input nor a step this one depends on'],
      ['unknown_field', '{{profile.salary}}: step "profile" has no output field "salary"'],
    ]);
  });

  it('reports output schemas that do not compile or are not objects', () => {
    const bad = issuesFor({ config: { output_schema: { type: 'object', properties: { a: { type: 'strin' } } } } });
    expect(bad).toMatchObject([{ code: 'invalid_json_schema', path: 'steps[1].config.output_schema' }]);
    const notObject = issuesFor({ config: { output_schema: { type: 'array' } } });
    expect(notObject).toMatchObject([{ code: 'invalid_json_schema', message: expect.stringMatching(/"type": "object"/) }]);
  });

  it("declares the output schema's top-level properties as outputs", () => {
    const step = definitionWith({}).steps[1]!;
    expect(aiGeneratedExecutor.outputs(step, aiGeneratedExecutor.configSchema.parse(step.config))).toEqual(['summary', 'risk_level']);
    expect(aiGeneratedExecutor.requiredInputs(step, aiGeneratedExecutor.configSchema.parse(step.config))).toEqual([
      'input.client',
      'profile.n',
      'profile.at',
    ]);
  });
});
