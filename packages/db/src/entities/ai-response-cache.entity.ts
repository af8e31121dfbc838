import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { createdAt } from './columns';

/** A model answer kept for a while, keyed by the sha256 of (model, system, prompt, output schema). */
export const AiResponseCache = defineEntity({
  name: 'AiResponseCache',
  tableName: 'ai_response_cache',
  properties: (p) => ({
    key: p.string().length(64).primary(),
    response: p.text(),
    model: p.string().length(100),
    createdAt: createdAt(),
    // Indexed so expired rows can be swept by range.
    expiresAt: p.datetime().index(),
  }),
});
export type IAiResponseCache = InferEntity<typeof AiResponseCache>;
