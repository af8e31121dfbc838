import './monitoring.css';
import { NavLink } from 'react-router';
import { describeAlert, useAlerts } from './useAlerts';

/** For admins: the open alerts, above every page, updated live. */
export function AlertBanner({ isAdmin }: { isAdmin: boolean }) {
  const alerts = useAlerts(isAdmin);
  const open = alerts.data?.open ?? [];
  if (!isAdmin || open.length === 0) return null;
  return (
    <div className="note note-error alert-banner" role="status" aria-live="polite">
      <strong>
        {open.length === 1 ? '1 open alert' : `${open.length} open alerts`} · <NavLink to="/analytics#alerts">See alerts</NavLink>
      </strong>
      <ul>
        {open.slice(0, 3).map((a) => (
          <li key={a.id}>{describeAlert(a)}</li>
        ))}
      </ul>
    </div>
  );
}
