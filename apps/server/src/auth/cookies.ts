import type { IncomingHttpHeaders } from 'node:http';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { Config } from '../config';

/** The session cookie: httpOnly (no script reads it), SameSite=Lax (not sent on cross-site POSTs). */
export const SESSION_COOKIE = 'sw_session';
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

// Browsers treat http://localhost as secure, so Secure in production also works for local checks.
const secure = (config: Pick<Config, 'NODE_ENV'>) => config.NODE_ENV === 'production';

/** Set-Cookie value that stores `token` for 30 days. */
export function sessionCookie(config: Pick<Config, 'NODE_ENV'>, token: string): string {
  return stringifySetCookie({
    name: SESSION_COOKIE,
    value: token,
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: secure(config),
    maxAge: SESSION_TTL_MS / 1000,
  });
}

/** Set-Cookie value that makes the browser forget the session. */
export function clearedSessionCookie(config: Pick<Config, 'NODE_ENV'>): string {
  return stringifySetCookie({
    name: SESSION_COOKIE,
    value: '',
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: secure(config),
    maxAge: 0,
    expires: new Date(0),
  });
}

/** The session token from the Cookie header, or null. */
export function readSessionToken(headers: IncomingHttpHeaders): string | null {
  const header = headers.cookie;
  if (!header) return null;
  return parseCookie(header)[SESSION_COOKIE] || null;
}
