import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { createdAt, updatedAt, uuidPk } from './columns';
import { User } from './user.entity';

/** One conversation with the assistant; its id is the thread id the chat client sends. */
export const ChatThread = defineEntity({
  name: 'ChatThread',
  tableName: 'chat_threads',
  properties: (p) => ({
    id: uuidPk(),
    user: p.manyToOne(User).ref().deleteRule('cascade'),
    title: p.string().length(200),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  }),
  // The thread list: a user's threads, most recently active first.
  indexes: [{ name: 'chat_threads_user_id_updated_at_index', properties: ['user', 'updatedAt'] }],
});
export type IChatThread = InferEntity<typeof ChatThread>;
