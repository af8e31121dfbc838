// Test helper: a card rendered inside a conversation, with mock chat actions and fake tRPC handlers.
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { type Handlers, renderWithTrpc } from '../run/testing';
import { type ChatActions, ChatActionsContext } from './chat-actions';

export function renderInChat(ui: ReactNode, handlers: Handlers = {}, actions: Partial<ChatActions> = {}) {
  const all: ChatActions = { send: vi.fn(async () => undefined), prefill: vi.fn(), respondToApproval: vi.fn(), fullRunCallId: null, busy: false, ...actions };
  const rendered = renderWithTrpc(<ChatActionsContext.Provider value={all}>{ui}</ChatActionsContext.Provider>, handlers);
  return { ...rendered, actions: all };
}
