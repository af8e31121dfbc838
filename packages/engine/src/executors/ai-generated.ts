import { APICallError, generateText, jsonSchema, type JSONSchema7, NoObjectGeneratedError, Output } from 'ai';
import { z } from 'zod';
import { type DefinitionIssue, AIExecutionError } from '../errors';
import { celVariablesFor } from '../graph';
import { compileJsonSchema } from '../json-schema';
import { buildPrompt, promptPlaceholders, UNTRUSTED_DATA_RULE } from '../prompt';
import { type ModelCallRecord, modelName, promptCacheKey } from '../ai/calls';
import type { ExecuteContext, StepExecutor } from './types';

const DEFAULT_CACHE_TTL_MS = 24 * 60 * 60 * 1000;

const configSchema = z.strictObject({
  /** JSON Schema (type object) the model's answer must satisfy. */
  output_schema: z.record(z.string(), z.unknown()),
  /** Skip the human review and complete with the model's answer. */
  auto_accept: z.boolean().default(false),
  system: z.string().max(20_000).optional(),
  temperature: z.number().min(0).max(2).optional(),
  max_output_tokens: z.int().min(1).max(200_000).optional(),
  /** How long an identical prompt is answered from the response cache; 0 turns the cache off. */
  cache_ttl_ms: z.int().min(0).default(DEFAULT_CACHE_TTL_MS),
});
export type AIGeneratedConfig = z.output<typeof configSchema>;

const DEFAULT_SYSTEM =
  'You are a careful financial planning assistant. Base your answer only on the data given, ' +
  'say when information is missing, and answer with JSON that matches the requested schema.';

export const aiGeneratedExecutor: StepExecutor<AIGeneratedConfig> = {
  type: 'ai_generated',
  description:
    'Asks the language model for a structured answer (JSON matching output_schema) from a prompt with {{step.field}} placeholders; a person reviews it unless auto_accept.',
  configSchema,
  long: true,

  validate(step, config, ctx) {
    const issues: DefinitionIssue[] = [];
    const compiled = compileJsonSchema(config.output_schema);
    if (!compiled.ok) {
      issues.push({ code: 'invalid_json_schema', path: `${ctx.path}.config.output_schema`, message: compiled.message });
    } else if (config.output_schema.type !== 'object') {
      issues.push({ code: 'invalid_json_schema', path: `${ctx.path}.config.output_schema`, message: 'the output schema must have "type": "object"' });
    }
    if (!step.ai_prompt?.trim()) {
      issues.push({ code: 'invalid_config', path: `${ctx.path}.ai_prompt`, message: 'an ai_generated step needs an ai_prompt' });
      return issues;
    }
    const variables = celVariablesFor(ctx.definition, ctx.registry, step.id, ctx.ancestors);
    for (const path of promptPlaceholders(step.ai_prompt)) {
      const [root, field] = path.split('.');
      const fields = variables[root!];
      const problem =
        fields === undefined
          ? `"${root}" is neither input nor a step this one depends on`
          : fields !== null && field !== undefined && !fields.includes(field)
            ? `step "${root}" has no output field "${field}"`
            : null;
      if (problem) issues.push({ code: 'unknown_field', path: `${ctx.path}.ai_prompt`, message: `{{${path}}}: ${problem}` });
    }
    return issues;
  },

  requiredInputs(step) {
    return promptPlaceholders(step.ai_prompt ?? '');
  },

  outputs(_step, config) {
    const properties = config.output_schema.properties;
    return properties && typeof properties === 'object' ? Object.keys(properties) : [];
  },

  async execute(step, config, ctx) {
    if (!ctx.model) throw new AIExecutionError('No language model is configured', { retryable: false });
    const compiled = compileJsonSchema(config.output_schema);
    if (!compiled.ok) throw new AIExecutionError(`The output schema is invalid: ${compiled.message}`, { retryable: false });
    const prompt = buildPrompt({
      template: step.ai_prompt ?? '',
      data: ctx.context.data,
      feedback: ctx.feedback,
      previousOutput: ctx.previousOutput,
    });

    const model = modelName(ctx.model);
    // The fence rule goes with every system prompt, a step's own included: the prompt's fences rely on it.
    const system = `${config.system ?? DEFAULT_SYSTEM}\n\n${UNTRUSTED_DATA_RULE}`;
    // A reject (even with empty feedback) asks for a new answer: it never reads or fills the cache.
    const cache = ctx.ai?.cache && config.cache_ttl_ms > 0 && ctx.feedback === null ? ctx.ai.cache : undefined;
    const cacheKey = promptCacheKey(model, system, prompt, config.output_schema);
    const record = (call: Omit<ModelCallRecord, 'runId' | 'stepId' | 'attempt' | 'model' | 'prompt'>) =>
      recordCall(ctx, { runId: ctx.runId, stepId: step.id, attempt: ctx.attempt, model, prompt, ...call });

    const cachedText = cache ? await cache.get(cacheKey).catch(() => null) : null;
    const cachedAnswer = cachedText === null ? undefined : parseCached(cachedText, compiled.validate);
    if (cachedAnswer !== undefined) {
      record({ response: cachedText!, inputTokens: 0, outputTokens: 0, totalTokens: 0, latencyMs: 0, cached: true });
      const input = { prompt, model, usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 }, latency_ms: 0, cached: true };
      return config.auto_accept
        ? { status: 'completed', output: cachedAnswer, input }
        : { status: 'waiting', waitingFor: 'review', output: cachedAnswer, input };
    }

    await ctx.ai?.beforeCall?.({ runId: ctx.runId, stepId: step.id, userId: ctx.context.user_id, model });
    ctx.reportProgress('Asking the model…');
    const started = Date.now();
    let result: Awaited<ReturnType<typeof generateText>>;
    try {
      result = await generateText({
        model: ctx.model,
        system,
        prompt,
        output: Output.object({ schema: jsonSchema(config.output_schema as JSONSchema7) }),
        temperature: config.temperature,
        maxOutputTokens: config.max_output_tokens,
        abortSignal: ctx.signal,
        // The engine's retry policy owns retries (with backoff and a time limit per attempt).
        maxRetries: 0,
      });
    } catch (error) {
      throw toAIError(error, ctx.signal);
    }
    const latencyMs = Date.now() - started;

    ctx.reportProgress('Checking the answer…');
    let output: unknown;
    try {
      output = result.output;
    } catch {
      throw new AIExecutionError(`The model gave no answer (finish reason: ${result.finishReason})`);
    }
    const usage = result.totalUsage;
    const tokens = { inputTokens: usage.inputTokens ?? 0, outputTokens: usage.outputTokens ?? 0, totalTokens: usage.totalTokens ?? 0 };
    // Recorded before validation: a rejected answer still spent tokens.
    record({ response: JSON.stringify(output), ...tokens, latencyMs, cached: false });
    const fieldErrors = compiled.validate(output);
    if (Object.keys(fieldErrors).length > 0) {
      const reasons = Object.entries(fieldErrors).map(([field, messages]) => `${field} ${messages.join(', ')}`);
      throw new AIExecutionError(`The model's answer does not match the output schema: ${reasons.join('; ')}`, {
        // The tokens were spent all the same: budgets count them.
        details: { fieldErrors, output, model, usage: tokens },
      });
    }
    if (cache) await cache.set(cacheKey, JSON.stringify(output), config.cache_ttl_ms).catch(() => undefined);

    const input = {
      prompt,
      model,
      usage: { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, totalTokens: usage.totalTokens },
      latency_ms: latencyMs,
    };
    const answer = output as Record<string, unknown>;
    return config.auto_accept
      ? { status: 'completed', output: answer, input }
      : { status: 'waiting', waitingFor: 'review', output: answer, input };
  },
};

/** A cached answer still has to satisfy today's schema; anything else is a miss. */
function parseCached(text: string, validate: (value: unknown) => Record<string, string[]>): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return Object.keys(validate(value)).length === 0 ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Bookkeeping must never fail the step. */
function recordCall(ctx: ExecuteContext, call: ModelCallRecord): void {
  try {
    ctx.ai?.record?.(call);
  } catch {
    // The recorder reports its own failures; the answer is still good.
  }
}

function toAIError(error: unknown, signal: AbortSignal): Error {
  // A time limit or cancellation: keep the engine's own reason (e.g. StepTimeoutError).
  if (signal.aborted) {
    return signal.reason instanceof Error ? signal.reason : new AIExecutionError('The model call was cancelled', { retryable: false });
  }
  if (NoObjectGeneratedError.isInstance(error) && error.finishReason === 'length') {
    return new AIExecutionError("The model's answer was cut off at the output token limit; raise max_output_tokens or ask for less", {
      details: { text: error.text },
    });
  }
  if (NoObjectGeneratedError.isInstance(error)) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message.split('\n')[0]}` : '';
    return new AIExecutionError(`The model's answer was not valid JSON${cause}`, { details: { text: error.text } });
  }
  if (APICallError.isInstance(error)) {
    return new AIExecutionError(`The model provider failed: ${error.message}`, { retryable: error.isRetryable });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AIExecutionError(`The model call failed: ${message}`);
}
