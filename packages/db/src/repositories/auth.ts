import { createHash, randomBytes } from 'node:crypto';
import type { Loaded } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { ApiToken, type IApiToken } from '../entities/api-token.entity';
import { Session, type ISession } from '../entities/session.entity';

/** Sessions and API tokens. Only sha256 digests of the secrets reach the database. */

export const API_TOKEN_PREFIX = 'sw_';
const API_TOKEN_DISPLAY_LENGTH = 12;

export const sha256Hex = (value: string) => createHash('sha256').update(value).digest('hex');

/** A session's id: the sha256 of its token (what the cookie carries). */
export const sessionIdOf = sha256Hex;

export interface CreateSessionInput {
  userId: string;
  ttlMs: number;
  userAgent?: string | null;
}

/** Starts a session; returns the token to hand to the browser (shown once, never stored). */
export async function createSession(em: EntityManager, input: CreateSessionInput): Promise<{ token: string; session: ISession }> {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const session = em.create(Session, {
    id: sessionIdOf(token),
    user: input.userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + input.ttlMs),
    userAgent: input.userAgent?.slice(0, 500) ?? null,
  });
  await em.flush();
  // Housekeeping kept cheap: only this user's expired sessions (indexed by user_id).
  await em.nativeDelete(Session, { user: input.userId, expiresAt: { $lte: now } });
  return { token, session };
}

/** The live (not expired) session for a token, with its user loaded; null otherwise. */
export function findSession(em: EntityManager, token: string, now = new Date()): Promise<Loaded<ISession, 'user'> | null> {
  return em.findOne(Session, { id: sessionIdOf(token), expiresAt: { $gt: now } }, { populate: ['user'] });
}

/** Records activity; writes at most once per `everyMs` per session. */
export async function touchSession(em: EntityManager, sessionId: string, everyMs = 60_000, now = new Date()): Promise<void> {
  await em.nativeUpdate(Session, { id: sessionId, lastSeenAt: { $lt: new Date(now.getTime() - everyMs) } }, { lastSeenAt: now });
}

/** Ends a session by its id (sessionIdOf(token)); true when one was deleted. */
export async function deleteSession(em: EntityManager, sessionId: string): Promise<boolean> {
  return (await em.nativeDelete(Session, { id: sessionId })) > 0;
}

/** Ends every session of a user except `exceptId` (e.g. after a password change); returns how many. */
export function deleteUserSessions(em: EntityManager, userId: string, exceptId?: string): Promise<number> {
  return em.nativeDelete(Session, exceptId ? { user: userId, id: { $ne: exceptId } } : { user: userId });
}

export interface CreateApiTokenInput {
  userId: string;
  name: string;
}

/** Creates an API token; `token` (`sw_<43 base64url chars>`) is returned here only, never again. */
export async function createApiToken(em: EntityManager, input: CreateApiTokenInput): Promise<{ token: string; apiToken: IApiToken }> {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const apiToken = em.create(ApiToken, {
    user: input.userId,
    name: input.name,
    tokenHash: sha256Hex(token),
    prefix: token.slice(0, API_TOKEN_DISPLAY_LENGTH),
  });
  await em.flush();
  return { token, apiToken };
}

/** The token's record when it exists and is not revoked, with its user loaded; null otherwise. */
export function findApiToken(em: EntityManager, token: string): Promise<Loaded<IApiToken, 'user'> | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return Promise.resolve(null);
  return em.findOne(ApiToken, { tokenHash: sha256Hex(token), revokedAt: null }, { populate: ['user'] });
}

/** Records use; writes at most once per `everyMs` per token. */
export async function touchApiToken(em: EntityManager, id: string, everyMs = 60_000, now = new Date()): Promise<void> {
  await em.nativeUpdate(
    ApiToken,
    { id, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: new Date(now.getTime() - everyMs) } }] },
    { lastUsedAt: now },
  );
}

/** A user's tokens that still work, newest first. */
export function listApiTokens(em: EntityManager, userId: string): Promise<IApiToken[]> {
  return em.find(ApiToken, { user: userId, revokedAt: null }, { orderBy: { createdAt: 'desc', id: 'asc' } });
}

/**
 * Revokes a token of `userId`. False when the user has no token with this id (another user's
 * token counts as none, so callers can answer NOT_FOUND). Revoking twice is fine.
 */
export async function revokeApiToken(em: EntityManager, userId: string, id: string): Promise<boolean> {
  const found = await em.findOne(ApiToken, { id, user: userId });
  if (!found) return false;
  if (!found.revokedAt) {
    found.revokedAt = new Date();
    await em.flush();
  }
  return true;
}

export interface AuthLookup {
  /** The session id or API token id. */
  id: string;
  /** last_seen_at (sessions) or last_used_at (tokens). */
  lastAt: Date | null;
  user: { id: string; email: string; role: 'user' | 'admin' };
}

type LookupRow = { id: string; last_at: Date | null; user_id: string; email: string; role: 'user' | 'admin' };
const toLookup = (row: LookupRow | undefined): AuthLookup | null =>
  row ? { id: row.id, lastAt: row.last_at, user: { id: row.user_id, email: row.email, role: row.role } } : null;

/** The hot path of every authenticated request: one indexed query, no ORM. */
export async function lookupSessionUser(pool: pg.Pool, token: string, now = new Date()): Promise<AuthLookup | null> {
  const { rows } = await pool.query<LookupRow>({
    name: 'stepwise_lookup_session',
    text: `select s.id, s.last_seen_at as last_at, u.id as user_id, u.email, u.role
             from sessions s join users u on u.id = s.user_id where s.id = $1 and s.expires_at > $2`,
    values: [sessionIdOf(token), now],
  });
  return toLookup(rows[0]);
}

export async function lookupTokenUser(pool: pg.Pool, token: string): Promise<AuthLookup | null> {
  const { rows } = await pool.query<LookupRow>({
    name: 'stepwise_lookup_api_token',
    text: `select t.id, t.last_used_at as last_at, u.id as user_id, u.email, u.role
             from api_tokens t join users u on u.id = t.user_id where t.token_hash = $1 and t.revoked_at is null`,
    values: [sha256Hex(token)],
  });
  return toLookup(rows[0]);
}
