import type pg from 'pg';
import type { AuditActorKind } from '../entities/audit-log.entity';

/**
 * The audit trail: one INSERT per entry and keyset-paginated reads, newest first. Append-only:
 * nothing here (or anywhere) updates or deletes a row.
 */

/** Plain labels only; the closed key set keeps form values, passwords and tokens out by construction. */
export type AuditDetails = Partial<Record<'email' | 'stepId' | 'threadId', string>>;

export interface AuditEntryInput {
  actorId: string | null;
  actorKind: AuditActorKind;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  outcome: string;
  requestId?: string | null;
  ip?: string | null;
  details?: AuditDetails;
}

export interface AuditEntry extends Required<Omit<AuditEntryInput, 'details'>> {
  id: string;
  at: string;
  /** The actor's email when the account still exists. */
  actorEmail: string | null;
  details: AuditDetails;
}

export interface AuditQuery {
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  /** The `next` of the previous page. */
  after?: { at: string; id: string };
  limit: number;
}

const MAX_DETAIL_LENGTH = 320;

/** Appends one entry in its own statement (never inside a caller's transaction: see the commit mode below). */
export async function recordAudit(pool: pg.Pool, entry: AuditEntryInput): Promise<void> {
  const details = Object.fromEntries(Object.entries(entry.details ?? {}).map(([k, v]) => [k, String(v).slice(0, MAX_DETAIL_LENGTH)]));
  await pool.query({
    name: 'stepwise_record_audit',
    // Asynchronous commit for this one statement: the request does not wait for a WAL flush (about
    // 7 ms -> 2 ms here). The row is written before the caller answers; only a PostgreSQL crash
    // within a fraction of a second, before any later commit flushes the WAL, could lose it.
    text: `with async_commit as (select set_config('synchronous_commit', 'off', true))
           insert into audit_log (actor_id, actor_kind, action, target_type, target_id, outcome, request_id, ip, details)
           select $1::uuid, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text, $9::jsonb from async_commit`,
    values: [
      entry.actorId,
      entry.actorKind,
      entry.action.slice(0, 100),
      entry.targetType ?? null,
      entry.targetId?.slice(0, 100) ?? null,
      entry.outcome.slice(0, 50),
      entry.requestId?.slice(0, 100) ?? null,
      entry.ip?.slice(0, 45) ?? null,
      JSON.stringify(details),
    ],
  });
}

type AuditRow = {
  id: string;
  at: string;
  actor_id: string | null;
  actor_kind: AuditActorKind;
  actor_email: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: string;
  request_id: string | null;
  ip: string | null;
  details: AuditDetails;
};

/** Entries matching every given filter, newest first; `next` is set when there are more. */
export async function listAudit(pool: pg.Pool, q: AuditQuery): Promise<{ items: AuditEntry[]; next: { at: string; id: string } | null }> {
  const { rows } = await pool.query<AuditRow>(
    `select a.id, to_char(a.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at,
            a.actor_id, a.actor_kind, u.email as actor_email, a.action, a.target_type, a.target_id,
            a.outcome, a.request_id, a.ip, a.details
       from audit_log a left join users u on u.id = a.actor_id
      where ($1::uuid is null or a.actor_id = $1)
        and ($2::text is null or a.action = $2)
        and ($3::text is null or a.target_type = $3)
        and ($4::text is null or a.target_id = $4)
        and ($5::timestamptz is null or a.at >= $5)
        and ($6::timestamptz is null or a.at < $6)
        and ($7::timestamptz is null or (a.at, a.id) < ($7, $8::uuid))
      order by a.at desc, a.id desc
      limit $9`,
    [q.actorId ?? null, q.action ?? null, q.targetType ?? null, q.targetId ?? null, q.from ?? null, q.to ?? null, q.after?.at ?? null, q.after?.id ?? null, q.limit + 1],
  );
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      actorKind: r.actor_kind,
      actorEmail: r.actor_email,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      outcome: r.outcome,
      requestId: r.request_id,
      ip: r.ip,
      details: r.details,
    })),
    next: rows.length > q.limit && last ? { at: last.at, id: last.id } : null,
  };
}
