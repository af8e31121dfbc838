import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { createdAt } from './columns';
import { User } from './user.entity';

/** A signed-in browser. The id is the sha256 hex of the cookie's token: the token itself is never stored. */
export const Session = defineEntity({
  name: 'Session',
  tableName: 'sessions',
  properties: (p) => ({
    id: p.string().length(64).primary(),
    user: p.manyToOne(User).ref().deleteRule('cascade').index(),
    createdAt: createdAt(),
    expiresAt: p.datetime(),
    lastSeenAt: createdAt(),
    userAgent: p.string().length(500).nullable(),
  }),
});
export type ISession = InferEntity<typeof Session>;
