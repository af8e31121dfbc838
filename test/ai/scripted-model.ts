import { randomUUID } from 'node:crypto';
import type { LanguageModelV3CallOptions, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { createBuiltinModel } from '@stepwise/engine';
import { MockLanguageModelV3 } from 'ai/test';

/**
 * A chat model that plays scripts: each streamed call plays the next one (tool calls, text);
 * workflow generation (generateText) is answered by the built-in model.
 */

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 5, text: 5, reasoning: 0 },
};
export const toolCall = (toolName: string, input: unknown, toolCallId = `call-${randomUUID()}`): LanguageModelV3StreamPart[] => [
  { type: 'tool-call', toolCallId, toolName, input: JSON.stringify(input) },
  { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage },
];
export const text = (...deltas: string[]): LanguageModelV3StreamPart[] => [
  { type: 'text-start', id: 't1' },
  ...deltas.map((delta): LanguageModelV3StreamPart => ({ type: 'text-delta', id: 't1', delta })),
  { type: 'text-end', id: 't1' },
  { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
];

export function scriptedModel() {
  const scripts: LanguageModelV3StreamPart[][] = [];
  const streamCalls: LanguageModelV3CallOptions[] = [];
  const builtin = createBuiltinModel();
  const model = new MockLanguageModelV3({
    provider: 'test',
    modelId: 'scripted',
    doGenerate: (options) => builtin.doGenerate(options),
    doStream: async (options) => {
      streamCalls.push(options);
      const parts = scripts.shift() ?? text('(no script left)');
      return {
        stream: new ReadableStream<LanguageModelV3StreamPart>({
          start(controller) {
            controller.enqueue({ type: 'stream-start', warnings: [] });
            for (const part of parts) controller.enqueue(part);
            controller.close();
          },
        }),
      };
    },
  });
  return { model, scripts, streamCalls };
}
