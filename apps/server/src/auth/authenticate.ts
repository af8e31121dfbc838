import type { IncomingHttpHeaders } from 'node:http';
import { lookupSessionUser, lookupTokenUser, touchApiToken, touchSession } from '@stepwise/db';
import type { Services } from '../services';
import { readSessionToken } from './cookies';

export interface AuthUser {
  id: string;
  email: string;
  role: 'user' | 'admin';
  /** How this request proved who it is. */
  via: 'session' | 'token';
  sessionId?: string;
}

// Writing "last seen / last used" on every request would make every read a write.
const TOUCH_EVERY_MS = 60_000;
// Longer values cannot be ours (tokens are ~46 characters); skip hashing junk.
const MAX_SECRET_LENGTH = 200;

function bearerToken(headers: IncomingHttpHeaders): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  return match?.[1] ?? null;
}

const stale = (at: Date | null | undefined, now: Date) => !at || now.getTime() - at.getTime() >= TOUCH_EVERY_MS;

/**
 * Resolves the signed-in user from `Authorization: Bearer sw_...` (tried first: it is explicit)
 * or the `sw_session` cookie. Null when neither is present or valid.
 */
export async function authenticate(services: Services, headers: IncomingHttpHeaders): Promise<AuthUser | null> {
  const now = new Date();
  const bearer = bearerToken(headers);
  if (bearer) {
    if (bearer.length > MAX_SECRET_LENGTH) return null;
    const found = await lookupTokenUser(services.pool, bearer);
    if (!found) return null;
    if (stale(found.lastAt, now)) await touchApiToken(services.orm.em.fork(), found.id, TOUCH_EVERY_MS, now);
    return { ...found.user, via: 'token' };
  }
  const token = readSessionToken(headers);
  if (!token || token.length > MAX_SECRET_LENGTH) return null;
  const found = await lookupSessionUser(services.pool, token, now);
  if (!found) return null;
  if (stale(found.lastAt, now)) await touchSession(services.orm.em.fork(), found.id, TOUCH_EVERY_MS, now);
  return { ...found.user, via: 'session', sessionId: found.id };
}
