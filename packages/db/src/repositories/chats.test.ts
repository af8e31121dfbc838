import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertUser } from '../testing/fixtures';
import { useTestDatabase } from '../testing/use-test-database';
import { createThread, listThreads, loadMessages, saveMessages, type StoredChatMessage } from './chats';

const db = useTestDatabase();
let em: EntityManager;
beforeAll(() => {
  em = db.em();
});

const text = (id: string, role: StoredChatMessage['role'], words: string): StoredChatMessage => ({ id, role, parts: [{ type: 'text', text: words }] });

describe('chat threads and messages', () => {
  it('creates a thread once; the same id again is the same thread; another user gets null', async () => {
    const [ada, bob] = [await insertUser(db.pool), await insertUser(db.pool)];
    const id = randomUUID();
    const first = await createThread(em, { id, userId: ada, title: '  Budget  ' });
    expect(first).toMatchObject({ created: true, thread: { id, title: 'Budget' } });
    expect(await createThread(em, { id, userId: ada, title: 'Other' })).toMatchObject({ created: false, thread: { id, title: 'Budget' } });
    expect(await createThread(em, { id, userId: bob, title: 'Mine now' })).toBeNull();
    const generated = await createThread(em, { userId: bob, title: 'x'.repeat(500) });
    expect(generated?.thread.title).toHaveLength(200);
    expect((await listThreads(em, ada)).map((t) => t.id)).toEqual([id]);
  });

  it('saves messages in order, upserts by id, and only the owner can load them', async () => {
    const [ada, bob] = [await insertUser(db.pool), await insertUser(db.pool)];
    const id = randomUUID();
    await createThread(em, { id, userId: ada, title: 'Plan' });
    const m1 = text(`u-${randomUUID()}`, 'user', 'build me a budget');
    const m2 = { id: `a-${randomUUID()}`, role: 'assistant' as const, parts: [{ type: 'tool-generate_workflow', toolCallId: 'c1', state: 'output-available', input: { goal: 'x' }, output: { workflowId: 'w' } }] };
    expect(await saveMessages(em, id, [m1, m2])).toBe(2);
    const m3 = text(`u-${randomUUID()}`, 'user', 'start it');
    // The client resends the whole history; the assistant message changed (an approval answered).
    const m2b = { ...m2, parts: [{ ...m2.parts[0], state: 'approval-responded' }] };
    expect(await saveMessages(em, id, [m1, m2b, m3])).toBe(3);
    const loaded = await loadMessages(em, id, ada);
    expect(loaded?.messages).toEqual([m1, m2b, m3]);
    expect(await loadMessages(em, id, bob)).toBeNull();
    expect(await loadMessages(em, randomUUID(), ada)).toBeNull();
  });

  it('an id already used in another thread is not overwritten', async () => {
    const [ada, bob] = [await insertUser(db.pool), await insertUser(db.pool)];
    const [adaThread, bobThread] = [randomUUID(), randomUUID()];
    await createThread(em, { id: adaThread, userId: ada, title: 'a' });
    await createThread(em, { id: bobThread, userId: bob, title: 'b' });
    const shared = `m-${randomUUID()}`;
    await saveMessages(em, adaThread, [text(shared, 'user', 'mine')]);
    expect(await saveMessages(em, bobThread, [text(shared, 'user', 'hijacked')])).toBe(0);
    expect((await loadMessages(em, adaThread, ada))?.messages).toEqual([text(shared, 'user', 'mine')]);
    expect((await loadMessages(em, bobThread, bob))?.messages).toEqual([]);
  });

  it('deleting the user deletes their threads and messages', async () => {
    const ada = await insertUser(db.pool);
    const id = randomUUID();
    await createThread(em, { id, userId: ada, title: 'gone' });
    await saveMessages(em, id, [text(`m-${randomUUID()}`, 'user', 'hi')]);
    await db.pool.query('delete from users where id = $1', [ada]);
    const { rows } = await db.pool.query('select count(*)::int as n from chat_messages where thread_id = $1', [id]);
    expect(rows[0].n).toBe(0);
  });
});
