import { createContext, useContext } from 'react';

/** What cards inside the conversation can do to it, without threading callbacks through every layer. */
export interface ChatActions {
  /** Sends a message as the person, as if typed; resolves when the reply is complete. */
  send(text: string): Promise<void>;
  /** Puts text into the composer and focuses it, for the person to finish. */
  prefill(text: string): void;
  /** Answers a tool call waiting for the person's approval. */
  respondToApproval(approvalId: string, approved: boolean): void;
  /** The tool call that shows the thread's run in full; other mentions of runs are one line. */
  fullRunCallId: string | null;
  /** True while the assistant is answering: cards that send messages wait. */
  busy: boolean;
}

const noop = () => undefined;
export const ChatActionsContext = createContext<ChatActions>({ send: async () => undefined, prefill: noop, respondToApproval: noop, fullRunCallId: null, busy: false });

export const useChatActions = () => useContext(ChatActionsContext);
