import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { EngineEvent } from '@stepwise/engine';
import type { ClientToServerEvents, ServerToClientEvents } from '@stepwise/server/live-events';
import { trpc } from './trpc';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type LiveState = 'connecting' | 'live' | 'offline';

interface Live {
  socket: LiveSocket;
  /** Joins a run's room (again after every reconnect) until the returned function is called. */
  watch(runId: string): () => void;
}

const LiveContext = createContext<Live | null>(null);

/** One socket.io connection per signed-in tab; the session cookie authenticates it. */
export function LiveProvider({ children, url }: { children: ReactNode; url?: string }) {
  const live = useMemo<Live>(() => {
    const socket: LiveSocket = url ? io(url, { withCredentials: true }) : io({ withCredentials: true });
    const watched = new Map<string, number>();
    socket.on('connect', () => {
      for (const runId of watched.keys()) socket.emit('execution.join', { executionId: runId }, () => undefined);
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
  }, [url]);
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

/**
 * Keeps a run's queries fresh: every engine event of the run refetches executions.get (and the
 * lists), so every open view of it updates live, whoever acted (chat, another tab, the API).
 */
export function useRunLive(runId: string | null | undefined, onEvent?: (event: EngineEvent) => void): void {
  const live = useLive();
  const utils = trpc.useUtils();
  useEffect(() => {
    if (!live || !runId) return;
    const stop = live.watch(runId);
    const handler = (event: EngineEvent) => {
      if (event.runId !== runId) return;
      void utils.executions.get.invalidate({ id: runId });
      void utils.executions.list.invalidate();
      onEvent?.(event);
    };
    live.socket.on('run.event', handler);
    // Events missed while disconnected: catch up once connected again.
    const refresh = () => void utils.executions.get.invalidate({ id: runId });
    live.socket.on('connect', refresh);
    return () => {
      live.socket.off('run.event', handler);
      live.socket.off('connect', refresh);
      stop();
    };
  }, [live, runId, utils, onEvent]);
}
