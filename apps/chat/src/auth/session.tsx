import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { trpc } from '../lib/trpc';
import type { User } from '../lib/types';
import { LiveProvider } from '../lib/live';
import { PageLoading } from '../cards/pieces';

/** The signed-in user, or null; undefined while it is being checked. */
export function useMe(): { user: User | null | undefined; refresh: () => Promise<unknown> } {
  const me = trpc.auth.me.useQuery(undefined, { staleTime: 60_000 });
  const utils = trpc.useUtils();
  return { user: me.isPending ? undefined : (me.data ?? null), refresh: () => utils.invalidate() };
}

/** Renders its children for a signed-in user (with live updates connected); otherwise sends them to sign in. */
export function RequireUser({ children }: { children: (user: User) => ReactNode }) {
  const { user } = useMe();
  const location = useLocation();
  if (user === undefined) return <PageLoading label="Loading your workspace" />;
  if (user === null) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <LiveProvider key={user.id}>{children(user)}</LiveProvider>;
}
