import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3FinishReason,
  LanguageModelV3GenerateResult,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';
import { analyzeRequirements, type AnalyzeRequirementsTask, generateDefinition, type GenerateDefinitionTask } from './definitions';
import { fillSchema } from './structured';
import { replyText } from './reply';
import { chatAction } from './chat';

export interface BuiltinModelOptions {
  /** Pause between streamed tokens, to look like a real model in demos; 0 (default) streams at once. */
  tokenDelayMs?: number;
}

/** What the model answers and whether it is JSON (streamed in JSON-sized tokens). */
interface TextAnswer {
  kind: 'text';
  text: string;
  json: boolean;
}

/** A chat turn the model answers with one tool call (input as a JSON string). */
interface ToolAnswer {
  kind: 'tool';
  toolName: string;
  input: string;
}

type Answer = TextAnswer | ToolAnswer;

const TOOL_CALLS: LanguageModelV3FinishReason = { unified: 'tool-calls', raw: 'tool_calls' };

/**
 * The built-in offline model: deterministic, no network. It answers the workflow generator's
 * JSON tasks, fills AI steps' output schemas from the prompt's values, and otherwise replies in
 * plain text, through the same LanguageModelV3 interface as a real provider.
 */
export function createBuiltinModel(options: BuiltinModelOptions = {}): LanguageModelV3 {
  const delay = options.tokenDelayMs ?? 0;
  let calls = 0;
  return {
    specificationVersion: 'v3',
    provider: 'stepwise',
    modelId: 'builtin',
    supportedUrls: {},

    async doGenerate(call: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
      call.abortSignal?.throwIfAborted();
      const answer = respond(call);
      if (answer.kind === 'tool') {
        const id = `builtin-${++calls}`;
        return {
          content: [{ type: 'tool-call', toolCallId: `call_${id}_${Date.now().toString(36)}`, toolName: answer.toolName, input: answer.input }],
          finishReason: TOOL_CALLS,
          usage: usage(call.prompt, answer.input),
          response: { id, modelId: 'builtin', timestamp: new Date() },
          warnings: [],
        };
      }
      const { text, finishReason } = limit(answer.text, call.maxOutputTokens);
      return {
        content: [{ type: 'text', text }],
        finishReason,
        usage: usage(call.prompt, text),
        response: { id: `builtin-${++calls}`, modelId: 'builtin', timestamp: new Date() },
        warnings: [],
      };
    },

    async doStream(call: LanguageModelV3CallOptions) {
      call.abortSignal?.throwIfAborted();
      const answer = respond(call);
      if (answer.kind === 'tool') return { stream: toolCallStream(`builtin-${++calls}`, answer, usage(call.prompt, answer.input)) };
      const { text, finishReason } = limit(answer.text, call.maxOutputTokens);
      const pieces = answer.json ? jsonTokens(text) : wordTokens(text);
      const id = `builtin-${++calls}`;
      const signal = call.abortSignal;
      const stream = new ReadableStream<LanguageModelV3StreamPart>({
        async start(controller) {
          controller.enqueue({ type: 'stream-start', warnings: [] });
          controller.enqueue({ type: 'response-metadata', id, modelId: 'builtin', timestamp: new Date() });
          controller.enqueue({ type: 'text-start', id: 'text-0' });
          for (const delta of pieces) {
            if (signal?.aborted) {
              controller.error(signal.reason);
              return;
            }
            if (delay > 0) await new Promise((r) => setTimeout(r, delay));
            controller.enqueue({ type: 'text-delta', id: 'text-0', delta });
          }
          controller.enqueue({ type: 'text-end', id: 'text-0' });
          controller.enqueue({ type: 'finish', finishReason, usage: usage(call.prompt, text) });
          controller.close();
        },
      });
      return { stream };
    },
  };
}

/**
 * The answer to one call, worked out once: the generator's JSON tasks, structured output, then a
 * chat turn (one tool call or words), else a plain reply.
 */
function respond(call: LanguageModelV3CallOptions): Answer {
  const last = lastUserText(call.prompt);
  const task = generatorTask(last);
  const json = (value: unknown): Answer => ({ kind: 'text', text: JSON.stringify(value), json: true });
  if (task?.task === 'analyze_requirements') return json(analyzeRequirements(task as unknown as AnalyzeRequirementsTask));
  if (task?.task === 'generate_definition') return json(generateDefinition(task as unknown as GenerateDefinitionTask));
  if (task) return json({ error: `The built-in model does not know the task "${String(task.task)}"` });
  if (call.responseFormat?.type === 'json') {
    const schema = call.responseFormat.schema ?? { type: 'object', properties: { answer: { type: 'string' } } };
    return json(fillSchema(schema, allUserText(call.prompt)));
  }
  const action = chatAction(call);
  if (action?.kind === 'tool') return { kind: 'tool', toolName: action.toolName, input: JSON.stringify(action.input) };
  return { kind: 'text', text: action?.kind === 'text' ? action.text : replyText(last), json: false };
}

/** A tool call streamed as a provider does: the input in pieces, then the whole call. */
function toolCallStream(id: string, tool: ToolAnswer, used: LanguageModelV3Usage): ReadableStream<LanguageModelV3StreamPart> {
  const toolCallId = `call_${id}_${Date.now().toString(36)}`;
  return new ReadableStream<LanguageModelV3StreamPart>({
    start(controller) {
      controller.enqueue({ type: 'stream-start', warnings: [] });
      controller.enqueue({ type: 'response-metadata', id, modelId: 'builtin', timestamp: new Date() });
      controller.enqueue({ type: 'tool-input-start', id: toolCallId, toolName: tool.toolName });
      for (const delta of jsonTokens(tool.input)) controller.enqueue({ type: 'tool-input-delta', id: toolCallId, delta });
      controller.enqueue({ type: 'tool-input-end', id: toolCallId });
      controller.enqueue({ type: 'tool-call', toolCallId, toolName: tool.toolName, input: tool.input });
      controller.enqueue({ type: 'finish', finishReason: TOOL_CALLS, usage: used });
      controller.close();
    },
  });
}

/** The last user message as one JSON object with a `task`, if it is one. */
function generatorTask(text: string): Record<string, unknown> | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return null;
  try {
    const value: unknown = JSON.parse(trimmed);
    return value && typeof value === 'object' && !Array.isArray(value) && typeof (value as { task?: unknown }).task === 'string'
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function messageText(message: LanguageModelV3Prompt[number]): string {
  if (message.role === 'system') return message.content;
  return message.content.map((part) => ('text' in part && typeof part.text === 'string' ? part.text : '')).join('');
}

function lastUserText(prompt: LanguageModelV3Prompt): string {
  const last = [...prompt].reverse().find((m) => m.role === 'user');
  return last ? messageText(last) : '';
}

function allUserText(prompt: LanguageModelV3Prompt): string {
  return prompt.filter((m) => m.role === 'user').map(messageText).join('\n\n');
}

/** About 1.3 tokens a word, and never fewer than one per 4 characters (JSON has few spaces). */
export function countTokens(text: string): number {
  if (!text) return 0;
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.ceil(Math.max(words * 1.3, text.length / 4)));
}

function usage(prompt: LanguageModelV3Prompt, output: string): LanguageModelV3Usage {
  const input = countTokens(prompt.map(messageText).join('\n'));
  const out = countTokens(output);
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: out, text: out, reasoning: 0 },
  };
}

/** Cuts the answer at maxOutputTokens, as a real model would, and says so in the finish reason. */
function limit(text: string, maxOutputTokens: number | undefined): { text: string; finishReason: LanguageModelV3FinishReason } {
  if (maxOutputTokens === undefined || countTokens(text) <= maxOutputTokens) return { text, finishReason: { unified: 'stop', raw: 'stop' } };
  let keep = Math.floor((text.length * maxOutputTokens) / countTokens(text));
  while (keep > 1 && countTokens(text.slice(0, keep)) > maxOutputTokens) keep = Math.floor(keep * 0.9);
  return { text: text.slice(0, Math.max(1, keep)), finishReason: { unified: 'length', raw: 'length' } };
}

/** Words with their trailing space: "Hello ", "there". */
function wordTokens(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);
}

/** JSON split as a tokenizer would: punctuation, keys and values; long strings word by word. */
function jsonTokens(text: string): string[] {
  const out: string[] = [];
  for (const piece of text.match(/"(?:[^"\\]|\\.)*"|[{}[\],:]|[^{}[\],:"]+/g) ?? []) {
    if (piece.length > 24 && piece.startsWith('"')) out.push(...wordTokens(piece));
    else out.push(piece);
  }
  return out;
}
