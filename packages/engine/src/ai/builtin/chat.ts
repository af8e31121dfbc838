import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import { type ChatAction, decideAction } from './chat-intents';
import { readChatState } from './chat-state';
import { summarizeResults } from './chat-summary';

export type { ChatAction } from './chat-intents';

/**
 * The chat side of the built-in model: with tools on offer it acts on the user's words (one tool
 * call), and once the tools have answered it says what happened in plain words. Null when the call
 * is not a chat turn (no tools, or tools switched off), so the caller answers as before.
 */
export function chatAction(call: LanguageModelV3CallOptions): ChatAction | null {
  const tools = (call.tools ?? []).filter((t) => t.type === 'function').map((t) => t.name);
  if (tools.length === 0 || call.toolChoice?.type === 'none') return null;
  const state = readChatState(call.prompt);
  if (state.afterTool) return { kind: 'text', text: summarizeResults(state.turnResults) };
  const last = call.prompt.at(-1);
  if (last?.role !== 'user') return null;
  const action = decideAction(state, (name) => tools.includes(name));
  // One call per tool per user turn: a second one would loop until stopWhen.
  if (action.kind === 'tool' && state.turnToolNames.includes(action.toolName)) return { kind: 'text', text: summarizeResults(state.turnResults) };
  return action;
}
