import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@stepwise/server/live-events';
import { trpc } from './trpc';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type LiveState = 'connecting' | 'live' | 'offline';

interface Live {
  socket: LiveSocket;
  /** Joins a run's room (again after every reconnect) and refetches it on its events, until the returned function is called. */
  watch(runId: string): () => void;
}

const LiveContext = createContext<Live | null>(null);

/**
 * One socket.io connection per signed-in tab; the session cookie authenticates it. One listener
 * keeps every watched run's queries fresh, so a run shown in several views refetches once per event.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const utils = trpc.useUtils();
  const live = useMemo<Live>(() => {
    const socket: LiveSocket = io({ withCredentials: true });
    const watched = new Map<string, number>();
    const refresh = (runId: string) => void utils.executions.get.invalidate({ id: runId });
    socket.on('connect', () => {
      for (const runId of watched.keys()) {
        socket.emit('execution.join', { executionId: runId }, () => undefined);
        // Events missed while disconnected: catch up once connected again.
        refresh(runId);
      }
    });
    // Every engine event of a watched run refetches executions.get (and the lists), whoever acted.
    socket.on('run.event', (event) => {
      if (!watched.has(event.runId)) return;
      refresh(event.runId);
      void utils.executions.list.invalidate();
    });
    return {
      socket,
      watch(runId) {
        const count = watched.get(runId) ?? 0;
        watched.set(runId, count + 1);
        if (count === 0 && socket.connected) socket.emit('execution.join', { executionId: runId }, () => undefined);
        return () => {
          const left = (watched.get(runId) ?? 1) - 1;
          if (left > 0) return void watched.set(runId, left);
          watched.delete(runId);
          if (socket.connected) socket.emit('execution.leave', { executionId: runId });
        };
      },
    };
  }, [utils]);
  useEffect(() => () => void live.socket.disconnect(), [live]);
  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}

export function useLive(): Live | null {
  return useContext(LiveContext);
}

/** Whether live updates are flowing, for a small indicator. */
export function useLiveState(): LiveState {
  const live = useLive();
  const [state, setState] = useState<LiveState>(live?.socket.connected ? 'live' : 'connecting');
  useEffect(() => {
    if (!live) return;
    const up = () => setState('live');
    const down = () => setState('offline');
    live.socket.on('connect', up);
    live.socket.on('disconnect', down);
    live.socket.on('connect_error', down);
    if (live.socket.connected) up();
    return () => {
      live.socket.off('connect', up);
      live.socket.off('disconnect', down);
      live.socket.off('connect_error', down);
    };
  }, [live]);
  return state;
}

/** Keeps a run's queries fresh while the calling view is mounted: every open view of it updates live, whoever acted (chat, another tab, the API). */
export function useRunLive(runId: string | null | undefined): void {
  const live = useLive();
  useEffect(() => (live && runId ? live.watch(runId) : undefined), [live, runId]);
}
