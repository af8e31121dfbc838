import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { z } from 'zod';
import { authenticate } from '../auth/authenticate';
import type { Services } from '../services';
import { createLiveAdapter } from './adapter';
import { ADMIN_ROOM, ALERTS_ROOM, type AlertView, type ClientToServerEvents, type JoinResult, runRoom, type ServerToClientEvents, type SocketData } from './events';

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const joinArgs = z.object({ executionId: z.uuid() });

/**
 * socket.io on the same port: the handshake is authenticated like the API (session cookie or
 * Bearer token); a client joins only its own executions' rooms. Through the adapter (Redis when
 * REDIS_URL is set, else PostgreSQL) an event committed in one process reaches clients of any other.
 */
export async function startLiveHub(http: HttpServer, services: Services, databaseUrl: string) {
  const bus = await createLiveAdapter(services, databaseUrl);
  const io: LiveServer = new Server(http, { serveClient: false, maxHttpBufferSize: 100_000, adapter: bus.adapter });

  io.use((socket, next) => {
    const headers = { ...socket.handshake.headers };
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token === 'string' && !headers.authorization) headers.authorization = `Bearer ${token}`;
    authenticate(services, headers).then(
      (user) => {
        if (!user) return next(new Error('unauthorized: sign in first'));
        socket.data = { userId: user.id, role: user.role };
        next();
      },
      () => next(new Error('unauthorized: could not check your session')),
    );
  });

  io.on('connection', (socket) => {
    socket.on('execution.join', async (args, ack) => {
      const reply = typeof ack === 'function' ? ack : () => undefined;
      const parsed = joinArgs.safeParse(args);
      if (!parsed.success) return reply({ ok: false, error: 'BAD_REQUEST', message: 'executionId must be a UUID' });
      const run = await services.engine.getRun(parsed.data.executionId).catch(() => null);
      if (!run || run.userId !== socket.data.userId) {
        return reply({ ok: false, error: 'NOT_FOUND', message: `No execution ${parsed.data.executionId}` });
      }
      await socket.join(runRoom(run.id));
      reply({ ok: true });
    });
    socket.on('execution.leave', async (args, ack) => {
      const parsed = joinArgs.safeParse(args);
      if (parsed.success) await socket.leave(runRoom(parsed.data.executionId));
      if (typeof ack === 'function') ack({ ok: true } satisfies JoinResult);
    });
    const adminJoin = (room: string) => async (ack: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (result: JoinResult) => void) : () => undefined;
      if (socket.data.role !== 'admin') return reply({ ok: false, error: 'FORBIDDEN', message: 'Only administrators can join' });
      await socket.join(room);
      reply({ ok: true });
    };
    socket.on('admin.join', adminJoin(ADMIN_ROOM));
    socket.on('alerts.join', adminJoin(ALERTS_ROOM));
  });

  const unsubscribe = services.engine.on((event) => {
    io.to(runRoom(event.runId)).to(ADMIN_ROOM).emit('run.event', event);
  });

  return {
    io,
    /** Sends an alert change to every admin who joined the admin or alerts room, on any process. */
    toAdmins(event: 'alert.opened' | 'alert.cleared', alert: AlertView) {
      io.to(ADMIN_ROOM).to(ALERTS_ROOM).emit(event, alert);
    },
    async close() {
      unsubscribe();
      const closed = new Promise<void>((resolve) => io.close(() => resolve())); // also stops the HTTP server
      http.closeIdleConnections(); // keep-alive sockets would hold the close open
      await closed;
      await bus.close();
    },
  };
}
