import { APICallError, generateText, type LanguageModel, type LanguageModelUsage, NoObjectGeneratedError, type OutputInterface, TypeValidationError } from 'ai';
import { AIExecutionError } from '../../errors';
import type { GenerationIssue, ModelPrompt } from './prompts';

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

export const NO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };

export function addUsage(sum: TokenUsage, usage: LanguageModelUsage | undefined): TokenUsage {
  const input = usage?.inputTokens ?? 0;
  const output = usage?.outputTokens ?? 0;
  return {
    inputTokens: sum.inputTokens + input,
    outputTokens: sum.outputTokens + output,
    totalTokens: sum.totalTokens + (usage?.totalTokens ?? input + output),
  };
}

export type CallOutcome<T> =
  | { ok: true; value: T; usage: LanguageModelUsage | undefined }
  | { ok: false; issue: GenerationIssue; usage: LanguageModelUsage | undefined };

/**
 * One structured-output call. An unusable answer (not JSON, wrong shape) is a value the caller
 * feeds back to the model; a provider failure or cancellation is thrown.
 */
export async function callModel<T>(
  model: LanguageModel,
  prompt: ModelPrompt,
  output: OutputInterface<T>,
  shapeCode: string,
  abortSignal?: AbortSignal,
): Promise<CallOutcome<T>> {
  try {
    const result = await generateText({ model, system: prompt.system, messages: prompt.messages, output, abortSignal });
    return { ok: true, value: result.output, usage: result.totalUsage };
  } catch (error) {
    if (NoObjectGeneratedError.isInstance(error)) return { ok: false, issue: unusableAnswer(error, shapeCode), usage: error.usage };
    if (abortSignal?.aborted) throw abortSignal.reason instanceof Error ? abortSignal.reason : error;
    if (APICallError.isInstance(error)) {
      throw new AIExecutionError(`The model provider failed: ${error.message}`, { retryable: error.isRetryable });
    }
    throw error;
  }
}

const QUOTED_TEXT = 200;

function unusableAnswer(error: NoObjectGeneratedError, shapeCode: string): GenerationIssue {
  const cause = error.cause instanceof Error ? (error.cause.message.split('\n')[0] ?? '') : '';
  if (error.finishReason === 'length') {
    return { code: 'truncated_answer', path: '(root)', message: 'the answer was cut off at the output token limit; answer more briefly' };
  }
  if (TypeValidationError.isInstance(error.cause)) {
    const reason = error.cause.cause instanceof Error ? error.cause.cause.message : cause;
    return { code: shapeCode, path: '(root)', message: `the answer does not match the expected shape: ${reason}` };
  }
  const text = (error.text ?? '').trim();
  const quoted = text.length > QUOTED_TEXT ? `${text.slice(0, QUOTED_TEXT)}…` : text;
  return { code: 'invalid_json', path: '(root)', message: `the answer was not one JSON object (${cause || 'no text'}): ${JSON.stringify(quoted)}` };
}
