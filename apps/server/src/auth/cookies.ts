import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { Config } from '../config';
import { cameOverHttps } from '../security/client';

/** The session cookie: httpOnly (no script reads it), SameSite=Lax (not sent on cross-site POSTs). */
export const SESSION_COOKIE = 'sw_session';
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

type CookieConfig = Pick<Config, 'NODE_ENV' | 'COOKIE_SECURE' | 'TRUST_PROXY'>;

/** Secure unless configured off; `auto`: in production (browsers accept it on http://localhost) and on https requests. */
function secure(config: CookieConfig, req: IncomingMessage | null): boolean {
  if (config.COOKIE_SECURE !== 'auto') return config.COOKIE_SECURE === 'always';
  return config.NODE_ENV === 'production' || cameOverHttps(req, config);
}

function setCookie(config: CookieConfig, req: IncomingMessage | null, value: string, maxAgeS: number): string {
  return stringifySetCookie({
    name: SESSION_COOKIE,
    value,
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: secure(config, req),
    maxAge: maxAgeS,
    ...(maxAgeS === 0 ? { expires: new Date(0) } : {}),
  });
}

/** Set-Cookie value that stores `token` for 30 days. */
export function sessionCookie(config: CookieConfig, token: string, req: IncomingMessage | null = null): string {
  return setCookie(config, req, token, SESSION_TTL_MS / 1000);
}

/** Set-Cookie value that makes the browser forget the session. */
export function clearedSessionCookie(config: CookieConfig, req: IncomingMessage | null = null): string {
  return setCookie(config, req, '', 0);
}

/** The session token from the Cookie header, or null. */
export function readSessionToken(headers: IncomingHttpHeaders): string | null {
  const header = headers.cookie;
  if (!header) return null;
  return parseCookie(header)[SESSION_COOKIE] || null;
}
