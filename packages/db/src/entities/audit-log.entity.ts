import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { createdAt, uuidPk } from './columns';

export const AUDIT_ACTOR_KINDS = ['user', 'api_token', 'system'] as const;
export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];

/**
 * Who did what to which workflow, execution or account, and when. Append-only: no code path
 * updates or deletes a row. actor_id has no foreign key so the trail outlives deleted accounts.
 */
export const AuditLog = defineEntity({
  name: 'AuditLog',
  tableName: 'audit_log',
  properties: (p) => ({
    id: uuidPk(),
    at: createdAt(),
    /** Null for failed sign-ins (nobody proved who they are). */
    actorId: p.uuid().nullable(),
    actorKind: p.enum(() => [...AUDIT_ACTOR_KINDS]).length(20),
    /** A procedure path (`workflows.save`), `chat.tool.<name>` or `auth.sign_in[_failed]`. */
    action: p.string().length(100),
    targetType: p.string().length(30).nullable(),
    targetId: p.string().length(100).nullable(),
    /** `ok`, or the error code the caller got (`NOT_FOUND`, `tool_error`, ...). */
    outcome: p.string().length(50),
    requestId: p.string().length(100).nullable(),
    ip: p.string().length(45).nullable(),
    /** Plain labels only (email tried, step id, chat thread): never form values, passwords or tokens. */
    details: p.json<Record<string, string>>().defaultRaw(`'{}'`),
  }),
  indexes: [
    { name: 'audit_log_at_index', properties: ['at', 'id'] },
    { name: 'audit_log_target_index', properties: ['targetType', 'targetId', 'at'] },
    { name: 'audit_log_actor_index', properties: ['actorId', 'at'] },
  ],
});
export type IAuditLog = InferEntity<typeof AuditLog>;
