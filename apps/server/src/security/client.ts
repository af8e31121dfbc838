import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Config } from '../config';

/** The client's IP: the socket's, or behind a trusted proxy the one it appended to X-Forwarded-For. */
export function clientIp(req: IncomingMessage, config: Pick<Config, 'TRUST_PROXY'>): string {
  const forwarded = config.TRUST_PROXY ? String(req.headers['x-forwarded-for'] ?? '').split(',').at(-1)?.trim() : '';
  return (forwarded || req.socket.remoteAddress || 'unknown').slice(0, 64);
}

/** Whether the browser reached us over https (directly, or through a trusted proxy that says so). */
export function cameOverHttps(req: IncomingMessage | null, config: Pick<Config, 'TRUST_PROXY'>): boolean {
  if (!req) return false;
  if ((req.socket as TLSSocket).encrypted) return true;
  return config.TRUST_PROXY && String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim() === 'https';
}
