import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { ChatThread } from './chat-thread.entity';
import { createdAt } from './columns';

/** A UI message of a thread, stored as the AI SDK sends it (parts include tool calls, results and approvals). */
export const ChatMessage = defineEntity({
  name: 'ChatMessage',
  tableName: 'chat_messages',
  properties: (p) => ({
    /** The UI message id (chosen by the client or the AI SDK), not a UUID. */
    id: p.string().length(100).primary(),
    thread: p.manyToOne(ChatThread).ref().deleteRule('cascade'),
    role: p.string().$type<'system' | 'user' | 'assistant'>().length(20),
    parts: p.json<unknown[]>().columnType('jsonb'),
    createdAt: createdAt(),
  }),
  indexes: [{ name: 'chat_messages_thread_id_created_at_index', properties: ['thread', 'createdAt'] }],
});
export type IChatMessage = InferEntity<typeof ChatMessage>;
