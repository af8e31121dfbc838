import './monitoring.css';
import { ErrorNote, Progress } from '../../cards/pieces';
import { formatDuration } from '../../lib/format';
import { errorMessage, trpc } from '../../lib/trpc';
import type { Period } from './types';
import { describeAlert, useAlerts } from './useAlerts';

const when = (iso: string) => new Date(iso).toLocaleString();
const share = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)}%`);

/** AI cost and quality per model over the period; for admins, everyone's, and the alerts. */
export function MonitoringPanel({ days }: { days: Period }) {
  const me = trpc.auth.me.useQuery(undefined, { staleTime: Infinity });
  const isAdmin = me.data?.role === 'admin';
  const perf = trpc.analytics.aiPerformance.useQuery({ days });
  const alerts = useAlerts(isAdmin);
  return (
    <>
      <section className="lib-section" aria-labelledby="ai-performance-title">
        <div className="section-header">
          <h2 id="ai-performance-title">AI performance by model</h2>
          {perf.data && <span className="muted">{perf.data.scope === 'all' ? 'Everyone' : 'Your runs'} · ${perf.data.totals.costUsd.toFixed(2)} in total</span>}
        </div>
        {perf.error ? (
          <ErrorNote title="The AI figures could not be loaded">{errorMessage(perf.error)}</ErrorNote>
        ) : !perf.data ? (
          <Progress label="Adding up AI calls…" />
        ) : perf.data.models.length === 0 ? (
          <p className="muted">No AI calls in this period.</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Calls</th>
                <th scope="col">Tokens</th>
                <th scope="col">Cost</th>
                <th scope="col">Average time</th>
                <th scope="col">Accepted</th>
              </tr>
            </thead>
            <tbody>
              {perf.data.models.map((m) => (
                <tr key={m.model}>
                  <th scope="row">{m.model}</th>
                  <td>{m.stepCalls + m.generations}</td>
                  <td>{m.tokens.toLocaleString()}</td>
                  <td>${m.costUsd.toFixed(2)}</td>
                  <td>{m.avgLatencyMs === null ? '–' : formatDuration(m.avgLatencyMs)}</td>
                  <td>{share(m.successRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {isAdmin && (
        <section className="lib-section" id="alerts" aria-labelledby="alerts-title">
          <div className="section-header">
            <h2 id="alerts-title">Alerts</h2>
          </div>
          {alerts.error ? (
            <ErrorNote title="The alerts could not be loaded">{errorMessage(alerts.error)}</ErrorNote>
          ) : !alerts.data ? (
            <Progress label="Loading alerts…" />
          ) : alerts.data.open.length + alerts.data.recent.length === 0 ? (
            <p className="muted">No alerts in the last 7 days.</p>
          ) : (
            <ul className="alert-list">
              {[...alerts.data.open, ...alerts.data.recent].map((a) => (
                <li key={a.id} className={a.clearedAt ? 'alert-cleared' : 'alert-open'}>
                  <span className={`badge ${a.clearedAt ? 'badge-completed' : 'badge-failed'}`}>{a.clearedAt ? 'Cleared' : 'Open'}</span> {describeAlert(a)}
                  <span className="muted"> · opened {when(a.openedAt)}{a.clearedAt ? `, cleared ${when(a.clearedAt)}` : ''}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
