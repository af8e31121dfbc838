import type { JSONValue, LanguageModelV3Prompt, LanguageModelV3ToolResultOutput } from '@ai-sdk/provider';

/** One step of an execution as the chat tools return it (execution view). */
export interface RunStepView {
  stepId: string;
  name?: string;
  type?: string;
  status?: string;
  waitingFor?: string | null;
  output?: unknown;
}

/** An execution as the chat tools return it: what start, status and step operations answer. */
export interface RunView {
  id: string;
  status: string;
  workflowName?: string;
  steps: RunStepView[];
}

/** A tool result of the current turn, read back in plain values. */
export interface TurnResult {
  toolName: string;
  /** The tool's JSON (or text) output; null when the user denied it. */
  value: unknown;
  denied: boolean;
  failed: boolean;
}

/** What the built-in model knows of the conversation: the user's words and the ids tools returned. */
export interface ChatState {
  /** The user's latest words. */
  userText: string;
  /** Earlier user messages, newest first (to find the goal behind "build it"). */
  earlierUserTexts: string[];
  /** True when the last message is a tool result: the model now answers in words. */
  afterTool: boolean;
  /** Results that came back since the user's latest message. */
  turnResults: TurnResult[];
  /** Tools already called since the user's latest message. */
  turnToolNames: string[];
  workflowId: string | null;
  run: RunView | null;
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function isRunView(v: unknown): v is RunView {
  return isObject(v) && typeof v.id === 'string' && typeof v.status === 'string' && Array.isArray(v.steps);
}

function outputValue(output: LanguageModelV3ToolResultOutput): { value: unknown; denied: boolean; failed: boolean } {
  switch (output.type) {
    case 'json':
      return { value: output.value, denied: false, failed: isObject(output.value) && typeof output.value.error === 'string' };
    case 'text':
      return { value: parseMaybeJson(output.value), denied: false, failed: false };
    case 'error-text':
      return { value: { error: output.value }, denied: false, failed: true };
    case 'error-json':
      return { value: isObject(output.value) ? output.value : { error: JSON.stringify(output.value) }, denied: false, failed: true };
    case 'execution-denied':
      return { value: null, denied: true, failed: false };
    case 'content':
      return { value: output.value.map((p) => ('text' in p ? p.text : '')).join(''), denied: false, failed: false };
    default: {
      const never: never = output;
      return { value: never, denied: false, failed: false };
    }
  }
}

function parseMaybeJson(text: string): JSONValue | string {
  try {
    return JSON.parse(text) as JSONValue;
  } catch {
    return text;
  }
}

const userText = (message: LanguageModelV3Prompt[number]): string =>
  message.role === 'user' ? message.content.map((p) => (p.type === 'text' ? p.text : '')).join('') : '';

/** Reads the prompt once, oldest to newest, keeping the latest workflow and run the tools returned. */
export function readChatState(prompt: LanguageModelV3Prompt): ChatState {
  const state: ChatState = { userText: '', earlierUserTexts: [], afterTool: false, turnResults: [], turnToolNames: [], workflowId: null, run: null };
  for (const message of prompt) {
    if (message.role === 'user') {
      const text = userText(message);
      if (state.userText) state.earlierUserTexts.unshift(state.userText);
      state.userText = text;
      state.turnResults = [];
      state.turnToolNames = [];
    } else if (message.role === 'assistant') {
      for (const part of message.content) {
        if (part.type !== 'tool-call') continue;
        state.turnToolNames.push(part.toolName);
        const input = isObject(part.input) ? part.input : typeof part.input === 'string' ? parseMaybeJson(part.input) : null;
        if (isObject(input) && typeof input.workflowId === 'string') state.workflowId = input.workflowId;
      }
    }
    if (message.role === 'assistant' || message.role === 'tool') {
      for (const part of message.content) {
        if (part.type !== 'tool-result') continue;
        const read = outputValue(part.output);
        state.turnResults.push({ toolName: part.toolName, ...read });
        if (isObject(read.value) && typeof read.value.workflowId === 'string') state.workflowId = read.value.workflowId;
        if (isRunView(read.value)) state.run = read.value;
      }
    }
  }
  const last = prompt.at(-1);
  state.afterTool = last?.role === 'tool' && last.content.some((p) => p.type === 'tool-result');
  return state;
}

/** The step of the run waiting for the given kind of answer (a form or a review), if any. */
export function waitingStep(run: RunView | null, kind: 'input' | 'review'): RunStepView | null {
  return run?.steps.find((s) => s.status === 'waiting' && s.waitingFor === kind) ?? null;
}

/** The properties of a waiting form's JSON Schema (`output.schema.properties`). */
export function formProperties(step: RunStepView | null): Record<string, Record<string, unknown>> {
  const schema = isObject(step?.output) ? step.output.schema : null;
  const properties = isObject(schema) ? schema.properties : null;
  if (!isObject(properties)) return {};
  return Object.fromEntries(Object.entries(properties).filter((e): e is [string, Record<string, unknown>] => isObject(e[1])));
}
