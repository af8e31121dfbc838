import type { IncomingMessage } from 'node:http';
import { type AuditActorKind, type AuditEntryInput, recordAudit } from '@stepwise/db';
import type { AuthUser } from '../auth/authenticate';
import { currentRequestId } from '../observability/request-context';
import type { Services } from '../services';

export interface AuditActor {
  actorId: string | null;
  actorKind: AuditActorKind;
}

export const actorOf = (user: Pick<AuthUser, 'id' | 'via'> | null): AuditActor => ({
  actorId: user?.id ?? null,
  actorKind: user?.via === 'token' ? 'api_token' : 'user',
});

/** The peer's address; no proxy header is trusted, so behind a proxy this is the proxy's. */
export const ipOf = (req: IncomingMessage | null | undefined): string | null => req?.socket.remoteAddress ?? null;

/**
 * Appends one audit entry with the current request id. A failed write is logged as a warning and
 * never fails the request it describes (the change already happened).
 */
export async function writeAudit(services: Pick<Services, 'pool' | 'log'>, entry: Omit<AuditEntryInput, 'requestId'>): Promise<void> {
  try {
    await recordAudit(services.pool, { ...entry, requestId: currentRequestId() ?? null });
  } catch (error) {
    services.log.warn({ err: String(error), action: entry.action }, 'audit entry not recorded');
  }
}
