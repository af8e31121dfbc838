import { useEffect } from 'react';
import type { RouterOutputs } from '@stepwise/server/client';
import { useLive } from '../../lib/live';
import { trpc } from '../../lib/trpc';

export type AlertItem = RouterOutputs['analytics']['alerts']['open'][number];

/** Open and recent alerts for an admin, refetched whenever the server announces a change (and after reconnects). */
export function useAlerts(isAdmin: boolean) {
  const live = useLive();
  const utils = trpc.useUtils();
  const alerts = trpc.analytics.alerts.useQuery(undefined, { enabled: isAdmin, staleTime: 30_000 });
  useEffect(() => {
    if (!live || !isAdmin) return;
    // The alerts room, not the admin room: an admin's browser need not receive every run's events.
    const join = () => live.socket.emit('alerts.join', () => undefined);
    const refresh = () => void utils.analytics.alerts.invalidate();
    const onConnect = () => {
      join();
      refresh();
    };
    live.socket.on('connect', onConnect);
    live.socket.on('alert.opened', refresh);
    live.socket.on('alert.cleared', refresh);
    if (live.socket.connected) join();
    return () => {
      live.socket.off('connect', onConnect);
      live.socket.off('alert.opened', refresh);
      live.socket.off('alert.cleared', refresh);
    };
  }, [live, isAdmin, utils]);
  return alerts;
}

/** One line about an alert, for the banner and the list. */
export function describeAlert(a: AlertItem): string {
  switch (a.kind) {
    case 'workflow_success_rate':
      return `${a.subjectName ?? 'A workflow'} succeeded in ${percent(a.value)} of recent runs (alert below ${percent(a.threshold)})`;
    case 'ai_daily_cost':
      return `AI cost today reached $${a.value.toFixed(2)} (limit $${a.threshold.toFixed(2)})`;
    default: {
      const never: never = a.kind;
      return String(never);
    }
  }
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;
