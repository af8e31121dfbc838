import type { ReactNode } from 'react';
import { NavLink, useNavigate } from 'react-router';
import { useLiveState } from '../lib/live';
import { trpc } from '../lib/trpc';
import type { User } from '../lib/types';
import { AlertBanner } from '../pages/analytics/AlertBanner';
import { Logo } from './Logo';

const NAV = [
  { to: '/chat', label: 'Chat' },
  { to: '/library', label: 'Library' },
  { to: '/executions', label: 'History' },
  { to: '/analytics', label: 'Analytics' },
  { to: '/audit', label: 'Audit', adminOnly: true },
];

/** The links this user may follow: administrators also get the audit log. */
export const navFor = (role: User['role']) => NAV.filter((item) => !item.adminOnly || role === 'admin');

/** The frame around every signed-in page: navigation, the model in use, live status and the account. */
export function AppShell({ user, children }: { user: User; children: ReactNode }) {
  const info = trpc.meta.info.useQuery(undefined, { staleTime: Infinity });
  const live = useLiveState();
  const utils = trpc.useUtils();
  const navigate = useNavigate();
  const signOut = trpc.auth.signOut.useMutation({
    onSuccess: async () => {
      utils.auth.me.setData(undefined, null);
      await utils.invalidate();
      navigate('/sign-in');
    },
  });
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <NavLink to="/chat" className="brand" aria-label="Stepwise home">
          <Logo />
        </NavLink>
        <nav aria-label="Main" className="nav">
          {navFor(user.role).map((item) => (
            <NavLink key={item.to} to={item.to} className={({ isActive }) => `nav-link${isActive ? ' active' : ''}`}>
              {item.label}
            </NavLink>
          ))}
        </nav>
        <div className="topbar-meta">
          {info.data && (
            <span className="model-chip" title="The model that writes plans and analyses">
              {info.data.model.label}
            </span>
          )}
          <span className={`live-dot live-${live}`} role="status" aria-label={live === 'live' ? 'Live updates on' : 'Live updates reconnecting'} title={live === 'live' ? 'Live' : 'Reconnecting…'} />
          <span className="user-email" title={user.email}>
            {user.email}
          </span>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <AlertBanner isAdmin={user.role === 'admin'} />
        {children}
      </main>
    </div>
  );
}
