import type { EntityManager } from '@mikro-orm/postgresql';

/** Chat threads and their UI messages. A thread is visible to its owner only. */

export interface ChatThreadRow {
  id: string;
  title: string;
  /** ISO 8601, UTC. */
  createdAt: string;
  updatedAt: string;
}

/** A UI message as the AI SDK shapes it; `parts` is kept verbatim (text, tool calls, results, approvals). */
export interface StoredChatMessage {
  id: string;
  role: 'system' | 'user' | 'assistant';
  parts: unknown[];
}

export const MAX_THREAD_TITLE_LENGTH = 200;
const LIST_LIMIT = 100;

interface ThreadSqlRow {
  id: string;
  user_id: string;
  title: string;
  created_at: Date;
  updated_at: Date;
}

const toThread = (r: ThreadSqlRow): ChatThreadRow => ({
  id: r.id,
  title: r.title,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/**
 * Creates the user's thread `id` unless it exists. Returns the thread and whether it was created,
 * or null when the id belongs to another user (callers answer NOT_FOUND so existence does not leak).
 */
export async function createThread(
  em: EntityManager,
  input: { id?: string; userId: string; title: string },
): Promise<{ thread: ChatThreadRow; created: boolean } | null> {
  const title = input.title.trim().slice(0, MAX_THREAD_TITLE_LENGTH) || 'New chat';
  const inserted = await em.execute<ThreadSqlRow[]>(
    `insert into chat_threads (id, user_id, title) values (coalesce(?::uuid, gen_random_uuid()), ?, ?)
     on conflict (id) do nothing returning *`,
    [input.id ?? null, input.userId, title],
  );
  if (inserted[0]) return { thread: toThread(inserted[0]), created: true };
  const [existing] = await em.execute<ThreadSqlRow[]>('select * from chat_threads where id = ?', [input.id ?? null]);
  if (!existing || existing.user_id !== input.userId) return null;
  return { thread: toThread(existing), created: false };
}

/** The user's threads, most recently active first (at most 100). */
export async function listThreads(em: EntityManager, userId: string): Promise<ChatThreadRow[]> {
  const rows = await em.execute<ThreadSqlRow[]>(
    'select * from chat_threads where user_id = ? order by updated_at desc, id desc limit ?',
    [userId, LIST_LIMIT],
  );
  return rows.map(toThread);
}

/** The thread's messages in conversation order; null when the thread is not the user's (or does not exist). */
export async function loadMessages(
  em: EntityManager,
  threadId: string,
  userId: string,
): Promise<{ thread: ChatThreadRow; messages: StoredChatMessage[] } | null> {
  const [thread] = await em.execute<ThreadSqlRow[]>('select * from chat_threads where id = ? and user_id = ?', [threadId, userId]);
  if (!thread) return null;
  const rows = await em.execute<StoredChatMessage[]>(
    'select id, role, parts from chat_messages where thread_id = ? order by created_at, id',
    [threadId],
  );
  return { thread: toThread(thread), messages: rows.map((r) => ({ id: r.id, role: r.role, parts: r.parts })) };
}

/**
 * Upserts `messages` (by id) into the thread in the order given, and marks the thread active.
 * A new message sorts after the ones already there; an updated one keeps its place. An id already
 * used in ANOTHER thread is left untouched (ids come from clients); returns how many were written.
 */
export async function saveMessages(em: EntityManager, threadId: string, messages: readonly StoredChatMessage[]): Promise<number> {
  if (messages.length === 0) return 0;
  const rows = messages.map((m) => ({ id: m.id, role: m.role, parts: m.parts }));
  const written = await em.execute<{ id: string }[]>(
    `insert into chat_messages (id, thread_id, role, parts, created_at)
     select m.id, ?::uuid, m.role, m.parts, clock_timestamp() + (m.n * interval '1 microsecond')
       from rows from (jsonb_to_recordset(?::jsonb) as (id varchar, role varchar, parts jsonb)) with ordinality as m(id, role, parts, n)
     on conflict (id) do update set role = excluded.role, parts = excluded.parts
       where chat_messages.thread_id = excluded.thread_id
     returning id`,
    [threadId, JSON.stringify(rows)],
  );
  await em.execute('update chat_threads set updated_at = now() where id = ?', [threadId]);
  return written.length;
}
