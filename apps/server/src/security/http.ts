import type { IncomingMessage, ServerResponse } from 'node:http';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import helmet from 'helmet';
import type { Config } from '../config';
import { SESSION_COOKIE } from '../auth/cookies';

type SecurityConfig = Pick<Config, 'MAX_BODY_BYTES' | 'TRUST_PROXY' | 'TRUSTED_ORIGINS'>;

/** A request refused before it reaches a route: a status and a message saying what to do. */
export interface Refusal {
  status: number;
  error: string;
}

// Only a plain host[:port] goes into the policy (a Host header is client-written).
const PLAIN_HOST = /^[a-z0-9.-]+(?::\d{1,5})?$|^\[[0-9a-f:.]+\](?::\d{1,5})?$/i;
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Security headers on every response. The built chat UI loads only its own scripts and styles (no
 * inline script); socket.io needs ws(s) to this host; the favicon and charts use data: URLs.
 */
// The forms validate against each step's JSON Schema with ajv, which compiles validators with new Function.
const SCRIPT_SRC = ["'self'", "'unsafe-eval'"];
function securityHeaders() {
  const sockets = (req: IncomingMessage) => {
    const host = req.headers.host ?? '';
    return PLAIN_HOST.test(host) ? `ws://${host} wss://${host}` : '';
  };
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: SCRIPT_SRC,
        styleSrc: ["'self'"],
        // React sets style attributes; they cannot run script.
        styleSrcAttr: ["'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", (req) => sockets(req as IncomingMessage)],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
}

/** Same origin as the Host it was sent to (or, behind a trusted proxy, the host the browser used), or one of TRUSTED_ORIGINS. */
function trustedOrigin(origin: string, req: IncomingMessage, config: SecurityConfig): boolean {
  if (config.TRUSTED_ORIGINS.includes(origin)) return true;
  const forwardedHost = config.TRUST_PROXY ? String(req.headers['x-forwarded-host'] ?? '').split(',')[0]?.trim() : '';
  try {
    const host = new URL(origin).host;
    return host === req.headers.host || (!!forwardedHost && host === forwardedHost);
  } catch {
    return false;
  }
}

/**
 * Why a state-changing request may be a cross-site forgery, or null. Browsers send Origin on every
 * POST; without one, a session cookie still needs a JSON body, which no plain HTML form can send.
 */
function forgeryProblem(req: IncomingMessage, config: SecurityConfig): Refusal | null {
  if (!STATE_CHANGING.has(req.method ?? '')) return null;
  const origin = req.headers.origin;
  if (origin !== undefined) {
    if (trustedOrigin(origin, req, config)) return null;
    return { status: 403, error: `Requests from ${origin.slice(0, 100)} may not change anything here; use the app on its own address (or add the origin to TRUSTED_ORIGINS)` };
  }
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return { status: 403, error: 'Cross-site requests may not change anything here' };
  const cookieSession = (req.headers.cookie ?? '').includes(`${SESSION_COOKIE}=`) && !req.headers.authorization;
  if (cookieSession && !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    return { status: 415, error: 'Send JSON (content-type: application/json) when signed in with a session cookie' };
  }
  return null;
}

/**
 * Runs before every route: sets the security headers, then refuses oversized bodies and
 * possible cross-site forgeries. Returns the refusal it answered with, or null to go on.
 */
export function createHttpGuard(config: SecurityConfig): (req: IncomingMessage, res: ServerResponse) => Refusal | null {
  const headers = securityHeaders();
  return (req, res) => {
    headers(req, res, () => undefined);
    const declared = Number(req.headers['content-length'] ?? 0);
    const refusal: Refusal | null =
      declared > config.MAX_BODY_BYTES ? { status: 413, error: `The request is too large (at most ${config.MAX_BODY_BYTES} bytes)` } : forgeryProblem(req, config);
    if (!refusal) return null;
    // An unread body would otherwise keep the connection busy.
    res.writeHead(refusal.status, { 'content-type': 'application/json', connection: 'close' }).end(JSON.stringify(refusalBody(req, refusal)));
    return refusal;
  };
}

const TRPC_CODES = { 403: 'FORBIDDEN', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' } as const;

/** `{ error }` for plain routes; for /trpc/ the shape tRPC clients read (one per call of a batch), so they get a typed error. */
function refusalBody(req: IncomingMessage, refusal: Refusal): unknown {
  const url = new URL(req.url ?? '/', 'http://local');
  if (!url.pathname.startsWith('/trpc/')) return { error: refusal.error };
  const code = TRPC_CODES[refusal.status as keyof typeof TRPC_CODES] ?? 'BAD_REQUEST';
  const paths = decodeURIComponent(url.pathname.slice('/trpc/'.length)).split(',');
  const shaped = (path: string) => ({ error: { message: refusal.error, code: TRPC_ERROR_CODES_BY_KEY[code], data: { code, httpStatus: refusal.status, path } } });
  return url.searchParams.get('batch') === '1' ? paths.map(shaped) : shaped(paths[0]!);
}
