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
  if (state.afterTool) {
    // A status look-up the model made on its own (to find the step to accept) is followed by the real action.
    if (state.turnToolNames.length === 1 && state.turnToolNames[0] === 'get_status') {
      const next = decideAction(state, (name) => tools.includes(name));
      if (next.kind === 'tool' && !state.turnToolNames.includes(next.toolName)) return next;
    }
    // Sum up what just came back; earlier look-ups of this turn were steps towards it.
    const last = call.prompt.at(-1);
    const latest = last?.role === 'tool' ? last.content.filter((p) => p.type === 'tool-result').length : 1;
    return { kind: 'text', text: summarizeResults(state.turnResults.slice(-latest)) };
  }
  const last = call.prompt.at(-1);
  if (last?.role !== 'user') return null;
  const action = decideAction(state, (name) => tools.includes(name));
  // One call per tool per user turn: a second one would loop until stopWhen.
  if (action.kind === 'tool' && state.turnToolNames.includes(action.toolName)) return { kind: 'text', text: summarizeResults(state.turnResults) };
  return action;
}
