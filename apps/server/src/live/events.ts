import type { EngineEvent } from '@stepwise/engine';

export type JoinResult = { ok: true } | { ok: false; error: 'NOT_FOUND' | 'BAD_REQUEST' | 'FORBIDDEN'; message: string };

/** A monitoring alert as admins see it (no user data: workflow names and platform totals only). */
export interface AlertView {
  id: string;
  kind: 'workflow_success_rate' | 'ai_daily_cost';
  /** A workflow id (success rate) or `all` (daily AI cost). */
  subject: string;
  /** The workflow's name, for success-rate alerts. */
  subjectName: string | null;
  value: number;
  threshold: number;
  openedAt: string;
  clearedAt: string | null;
}

/** Server -> client: every engine event of the runs a client may see; alerts to the admin room. */
export interface ServerToClientEvents {
  'run.event': (event: EngineEvent) => void;
  'alert.opened': (alert: AlertView) => void;
  'alert.cleared': (alert: AlertView) => void;
}

/** Client -> server: join or leave the room of one execution (or, for admins, the admin room). */
export interface ClientToServerEvents {
  'execution.join': (args: { executionId: string }, ack: (result: JoinResult) => void) => void;
  'execution.leave': (args: { executionId: string }, ack?: (result: JoinResult) => void) => void;
  'admin.join': (ack: (result: JoinResult) => void) => void;
  /** Admins: alert changes only (the admin room also carries every run's events). */
  'alerts.join': (ack: (result: JoinResult) => void) => void;
}

export interface SocketData {
  userId: string;
  role: 'user' | 'admin';
}

export const runRoom = (runId: string) => `run:${runId}`;
export const ADMIN_ROOM = 'admin';
export const ALERTS_ROOM = 'alerts';
