import { TRPCError } from '@trpc/server';

/** PostgreSQL error codes and driver errors that mean "the database is not reachable right now". */
const UNAVAILABLE_CODES = new Set([
  '57P01', // admin_shutdown (a restart)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up)
  '53300', // too_many_connections
  '08000',
  '08001',
  '08003',
  '08004',
  '08006', // connection failures
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
]);
const UNAVAILABLE_MESSAGES = /Connection terminated|terminating connection due to administrator command|connection timeout|Client has encountered a connection error|the database system is (starting up|shutting down)/i;

/** True when the error, or anything in its cause chain, is the database being down or restarting. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
  }
  return false;
}

/** The API's answer while the database is down: a 503 that says to try again. */
export function databaseUnavailable(cause: unknown): TRPCError {
  return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'The database is not answering right now; try again in a moment', cause: cause as Error });
}
