import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { insertUser } from '../testing/fixtures';
import { useTestDatabase } from '../testing/use-test-database';
import {
  createApiToken,
  createSession,
  deleteSession,
  deleteUserSessions,
  findApiToken,
  findSession,
  listApiTokens,
  revokeApiToken,
  sessionIdOf,
  touchApiToken,
  touchSession,
} from './auth';

const db = useTestDatabase();
const { em } = db;

const DAY = 86_400_000;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('sessions', () => {
  it('stores only the sha256 of the token and finds the session with its user', async () => {
    const userId = await insertUser(db.pool);
    const { token, session } = await createSession(em(), { userId, ttlMs: DAY, userAgent: 'vitest' });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.id).toBe(sha256(token));
    const { rows } = await db.pool.query('select * from sessions where user_id = $1', [userId]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0])).not.toContain(token);
    expect(rows[0]).toMatchObject({ id: sha256(token), user_agent: 'vitest' });
    expect(rows[0].expires_at.getTime() - rows[0].created_at.getTime()).toBe(DAY);

    const found = await findSession(em(), token);
    expect(found?.user.$.id).toBe(userId);
    expect(await findSession(em(), `${token}x`)).toBeNull();
  });

  it('does not find an expired session, and a new sign-in removes the user’s expired ones', async () => {
    const userId = await insertUser(db.pool);
    const { token } = await createSession(em(), { userId, ttlMs: DAY });
    expect(await findSession(em(), token, new Date(Date.now() + DAY + 1000))).toBeNull();
    await db.pool.query(`update sessions set expires_at = now() - interval '1 second' where id = $1`, [sessionIdOf(token)]);
    expect(await findSession(em(), token)).toBeNull();
    await createSession(em(), { userId, ttlMs: DAY });
    const { rows } = await db.pool.query('select id from sessions where user_id = $1', [userId]);
    expect(rows.map((r) => r.id)).not.toContain(sessionIdOf(token));
    expect(rows).toHaveLength(1);
  });

  it('deleteSession ends it; touchSession writes at most once a minute', async () => {
    const userId = await insertUser(db.pool);
    const { token, session } = await createSession(em(), { userId, ttlMs: DAY });
    const seen = async () => (await db.pool.query('select last_seen_at from sessions where id = $1', [session.id])).rows[0].last_seen_at.getTime();
    const first = await seen();
    await touchSession(em(), session.id, 60_000, new Date(first + 30_000));
    expect(await seen()).toBe(first);
    await touchSession(em(), session.id, 60_000, new Date(first + 61_000));
    expect(await seen()).toBe(first + 61_000);
    expect(await deleteSession(em(), session.id)).toBe(true);
    expect(await findSession(em(), token)).toBeNull();
    expect(await deleteSession(em(), session.id)).toBe(false);
  });

  it('deleteUserSessions ends all of a user’s sessions but the one kept', async () => {
    const userId = await insertUser(db.pool);
    const other = await insertUser(db.pool);
    const kept = await createSession(em(), { userId, ttlMs: DAY });
    const gone = await createSession(em(), { userId, ttlMs: DAY });
    const others = await createSession(em(), { userId: other, ttlMs: DAY });
    expect(await deleteUserSessions(em(), userId, kept.session.id)).toBe(1);
    expect(await findSession(em(), kept.token)).not.toBeNull();
    expect(await findSession(em(), gone.token)).toBeNull();
    expect(await findSession(em(), others.token)).not.toBeNull();
    expect(await deleteUserSessions(em(), userId)).toBe(1);
  });

  it('go away with their user', async () => {
    const userId = await insertUser(db.pool);
    await createSession(em(), { userId, ttlMs: DAY });
    await createApiToken(em(), { userId, name: 'ci' });
    await db.pool.query('delete from users where id = $1', [userId]);
    const count = async (table: string) => (await db.pool.query(`select count(*)::int as n from ${table} where user_id = $1`, [userId])).rows[0].n;
    expect(await count('sessions')).toBe(0);
    expect(await count('api_tokens')).toBe(0);
  });
});

describe('API tokens', () => {
  it('returns the plain token once and stores its hash and a display prefix', async () => {
    const userId = await insertUser(db.pool);
    const { token, apiToken } = await createApiToken(em(), { userId, name: 'deploy script' });
    expect(token).toMatch(/^sw_[A-Za-z0-9_-]{43}$/);
    const { rows } = await db.pool.query('select * from api_tokens where id = $1', [apiToken.id]);
    expect(rows[0]).toMatchObject({ name: 'deploy script', token_hash: sha256(token), prefix: token.slice(0, 12), last_used_at: null, revoked_at: null });
    expect(JSON.stringify(rows[0])).not.toContain(token);
    expect((await findApiToken(em(), token))?.user.$.id).toBe(userId);
    expect(await findApiToken(em(), 'sw_nope')).toBeNull();
    expect(await findApiToken(em(), token.slice(3))).toBeNull();
  });

  it('lists a user’s working tokens only, and revoking is scoped to the owner', async () => {
    const alice = await insertUser(db.pool);
    const bob = await insertUser(db.pool);
    const a1 = await createApiToken(em(), { userId: alice, name: 'one' });
    const a2 = await createApiToken(em(), { userId: alice, name: 'two' });
    await createApiToken(em(), { userId: bob, name: 'bob' });
    expect((await listApiTokens(em(), alice)).map((t) => t.name).sort()).toEqual(['one', 'two']);

    expect(await revokeApiToken(em(), bob, a1.apiToken.id)).toBe(false);
    expect(await findApiToken(em(), a1.token)).not.toBeNull();
    expect(await revokeApiToken(em(), alice, a1.apiToken.id)).toBe(true);
    expect(await revokeApiToken(em(), alice, a1.apiToken.id)).toBe(true);
    expect(await revokeApiToken(em(), alice, randomUUID())).toBe(false);
    expect(await findApiToken(em(), a1.token)).toBeNull();
    expect((await listApiTokens(em(), alice)).map((t) => t.id)).toEqual([a2.apiToken.id]);
  });

  it('touchApiToken records use at most once a minute', async () => {
    const userId = await insertUser(db.pool);
    const { apiToken } = await createApiToken(em(), { userId, name: 'cron' });
    const used = async () => (await db.pool.query('select last_used_at from api_tokens where id = $1', [apiToken.id])).rows[0].last_used_at?.getTime();
    const t0 = Date.now();
    await touchApiToken(em(), apiToken.id, 60_000, new Date(t0));
    expect(await used()).toBe(t0);
    await touchApiToken(em(), apiToken.id, 60_000, new Date(t0 + 59_000));
    expect(await used()).toBe(t0);
    await touchApiToken(em(), apiToken.id, 60_000, new Date(t0 + 61_000));
    expect(await used()).toBe(t0 + 61_000);
  });
});
