import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger';

interface RequestScope {
  requestId: string;
}

const scope = new AsyncLocalStorage<RequestScope>();

/** The id of the request being handled, if any: the logger stamps it on every line. */
export function currentRequestId(): string | undefined {
  return scope.getStore()?.requestId;
}

// A client-sent id is kept only when it is short and plain, so it cannot forge log content.
const CLIENT_ID = /^[\w.:-]{1,100}$/;

function requestIdOf(req: IncomingMessage): string {
  const sent = req.headers['x-request-id'];
  return typeof sent === 'string' && CLIENT_ID.test(sent) ? sent : randomUUID();
}

/**
 * Runs a request's handler with its request id in scope (echoed as x-request-id) and logs one line
 * when it ends: method, path without the query string (tRPC queries carry inputs), status, time.
 */
export function withRequestScope(log: Logger, req: IncomingMessage, res: ServerResponse, handle: () => void): void {
  const requestId = requestIdOf(req);
  res.setHeader('x-request-id', requestId);
  const started = process.hrtime.bigint();
  const path = (req.url ?? '/').split('?')[0];
  res.once('finish', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // API calls are news; static files and health checks are detail.
    const level = res.statusCode >= 500 ? 'error' : path?.startsWith('/trpc/') || path?.startsWith('/api/') ? 'info' : 'debug';
    log[level]({ requestId, method: req.method, path, status: res.statusCode, ms: Math.round(ms) }, 'request');
  });
  scope.run({ requestId }, handle);
}
