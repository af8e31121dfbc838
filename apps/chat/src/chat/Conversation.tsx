import { useChat } from '@ai-sdk/react';
import { useQueryClient } from '@tanstack/react-query';
import { DefaultChatTransport, lastAssistantMessageIsCompleteWithApprovalResponses, type UIMessage } from 'ai';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ErrorNote } from '../cards/pieces';
import { ChatActionsContext, type ChatActions } from './chat-actions';
import { chatErrorMessage, threadsKey } from './chat-api';
import { Composer, Suggestions } from './Composer';
import { MessageView, TypingIndicator } from './MessageView';
import { latestRunMention } from './run-mentions';
import { useStickToBottom } from './use-stick-to-bottom';

export interface ConversationProps {
  threadId: string;
  initialMessages: UIMessage[];
  /** The run the thread speaks of last (for the progress panel), or null. */
  onActiveRun: (runId: string | null) => void;
}

/** One thread: its messages with cards inline, the composer, and what went wrong in plain words. */
export function Conversation({ threadId, initialMessages, onActiveRun }: ConversationProps) {
  const queryClient = useQueryClient();
  const transport = useMemo(() => new DefaultChatTransport({ api: '/api/chat' }), []);
  const chat = useChat({
    id: threadId,
    messages: initialMessages,
    transport,
    // An approval answered in a card goes back to the server on its own.
    sendAutomaticallyWhen: lastAssistantMessageIsCompleteWithApprovalResponses,
    onFinish: () => void queryClient.invalidateQueries({ queryKey: threadsKey }),
  });
  const [draft, setDraft] = useState('');
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const { atBottom, scrollToBottom } = useStickToBottom(listRef);
  const busy = chat.status === 'submitted' || chat.status === 'streaming';
  const mention = useMemo(() => latestRunMention(chat.messages), [chat.messages]);

  useEffect(() => onActiveRun(mention?.runId ?? null), [mention?.runId, onActiveRun]);

  const actions: ChatActions = {
    send: async (text) => {
      scrollToBottom();
      await chat.sendMessage({ text });
    },
    prefill: (text) => {
      setDraft(text);
      requestAnimationFrame(() => {
        const box = inputRef.current;
        box?.focus();
        box?.setSelectionRange(text.length, text.length);
      });
    },
    respondToApproval: (id, approved) => void chat.addToolApprovalResponse({ id, approved }),
    fullRunCallId: mention?.toolCallId ?? null,
    busy,
  };
  const last = chat.messages.at(-1);
  const thinking = chat.status === 'submitted' || (chat.status === 'streaming' && last?.role !== 'assistant');
  const lastText = last?.role === 'assistant' ? last.parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join(' ') : '';

  return (
    <ChatActionsContext.Provider value={actions}>
      <div className="conversation">
        <section className="messages" aria-label="Conversation" ref={listRef}>
          {chat.messages.length === 0 && <Suggestions onPick={(text) => void actions.send(text)} />}
          {chat.messages.map((message) => (
            <MessageView key={message.id} message={message} />
          ))}
          {thinking && <TypingIndicator />}
          {chat.error && (
            <ErrorNote title="The assistant could not answer">
              <p>{chatErrorMessage(chat.error)}</p>
              <button type="button" className="btn btn-sm" onClick={() => void chat.regenerate()}>
                Retry
              </button>
            </ErrorNote>
          )}
        </section>
        {/* Screen readers hear that a reply is coming, then the reply once it is complete. */}
        <p className="sr-only" role="status" aria-live="polite">
          {busy ? 'Stepwise is replying…' : lastText}
        </p>
        <div className="composer-dock">
          {!atBottom && (
            <button type="button" className="btn btn-sm jump-latest" onClick={() => scrollToBottom(true)}>
              ↓ Latest
            </button>
          )}
          <Composer
            value={draft}
            onChange={setDraft}
            streaming={busy}
            onStop={() => void chat.stop()}
            inputRef={inputRef}
            onSend={(text) => {
              setDraft('');
              void actions.send(text);
            }}
          />
        </div>
      </div>
    </ChatActionsContext.Provider>
  );
}
