import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { createdAt, uuidPk } from './columns';
import { User } from './user.entity';

/** A token for scripts and internal tools (`Authorization: Bearer sw_...`). Only its sha256 is stored. */
export const ApiToken = defineEntity({
  name: 'ApiToken',
  tableName: 'api_tokens',
  properties: (p) => ({
    id: uuidPk(),
    user: p.manyToOne(User).ref().deleteRule('cascade').index(),
    name: p.string().length(100),
    tokenHash: p.string().length(64).unique(),
    /** The token's first characters, so people can tell their tokens apart. */
    prefix: p.string().length(12),
    createdAt: createdAt(),
    lastUsedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  }),
});
export type IApiToken = InferEntity<typeof ApiToken>;
