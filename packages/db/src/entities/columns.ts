import { randomUUID } from 'node:crypto';
import { p } from '@mikro-orm/core';

/** Shared column builders so every table spells ids and timestamps the same way. */
export const uuidPk = () => p.uuid().primary().onCreate(() => randomUUID()).defaultRaw('gen_random_uuid()');

/** timestamptz defaulting to now() in SQL (raw inserts) and set by the ORM on create. */
export const createdAt = () => p.datetime().onCreate(() => new Date()).defaultRaw('now()');

export const updatedAt = () =>
  p
    .datetime()
    .onCreate(() => new Date())
    .onUpdate(() => new Date())
    .defaultRaw('now()');
