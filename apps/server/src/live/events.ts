import type { EngineEvent } from '@stepwise/engine';

export type JoinResult = { ok: true } | { ok: false; error: 'NOT_FOUND' | 'BAD_REQUEST' | 'FORBIDDEN'; message: string };

/** Server -> client: every engine event of the runs a client may see. */
export interface ServerToClientEvents {
  'run.event': (event: EngineEvent) => void;
}

/** Client -> server: join or leave the room of one execution (or, for admins, the admin room). */
export interface ClientToServerEvents {
  'execution.join': (args: { executionId: string }, ack: (result: JoinResult) => void) => void;
  'execution.leave': (args: { executionId: string }, ack?: (result: JoinResult) => void) => void;
  'admin.join': (ack: (result: JoinResult) => void) => void;
}

export interface SocketData {
  userId: string;
  role: 'user' | 'admin';
}

export const runRoom = (runId: string) => `run:${runId}`;
export const ADMIN_ROOM = 'admin';
