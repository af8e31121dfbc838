import type pg from 'pg';
import type { Config } from '../config';
import { inTransaction } from '../in-transaction';
import type { AlertView } from '../live/events';
import type { Logger } from '../logger';
import { clearAlert, openAlert } from './alert-store';
import { type AlertThresholds, currentBreaches } from './conditions';

export type AlertNotice = 'alert.opened' | 'alert.cleared';

export interface AlertMonitor {
  /** Checks every condition now: opens what newly holds, clears what no longer does. */
  evaluate(): Promise<{ opened: AlertView[]; cleared: AlertView[] }>;
  /** Asks for a check shortly (a run finished); many asks in a burst make one check. */
  evaluateSoon(): void;
  close(): Promise<void>;
}

const SOON_MS = 250;

function thresholdsOf(config: Config): AlertThresholds {
  return {
    successRate: config.ALERT_SUCCESS_RATE,
    windowHours: config.ALERT_WINDOW_HOURS,
    minRuns: config.ALERT_MIN_RUNS,
    dailyCostUsd: config.AI_DAILY_COST_LIMIT_USD,
  };
}

const describe = (a: AlertView) =>
  a.kind === 'workflow_success_rate'
    ? `success rate of workflow ${a.subject} is ${a.value.toFixed(2)}, below ${a.threshold}`
    : `AI cost today is $${a.value.toFixed(2)}, above $${a.threshold}`;

/**
 * Alerts, agreed on by every process through the alerts table: a check takes an advisory lock, so
 * two processes never open or clear the same alert twice; whoever changes one logs and announces it.
 */
export function startAlertMonitor(deps: { pool: pg.Pool; log: Logger; config: Config; notify: (event: AlertNotice, alert: AlertView) => void }): AlertMonitor {
  const { pool, config, notify } = deps;
  const log = deps.log.child({ component: 'alerts' });
  const thresholds = thresholdsOf(config);

  const check = async () => {
    const { opened, cleared } = await inTransaction(pool, async (db) => {
      const opened: AlertView[] = [];
      const cleared: AlertView[] = [];
      await db.query(`select pg_advisory_xact_lock(hashtextextended('stepwise:alerts', 0))`);
      const breaches = await currentBreaches(db, thresholds);
      const holding = new Set(breaches.map((b) => `${b.kind}\u0000${b.subject}`));
      for (const b of breaches) {
        const alert = await openAlert(db, b);
        if (alert) opened.push(alert);
      }
      const open = await db.query<{ kind: string; subject: string }>('select kind, subject from alerts where cleared_at is null');
      for (const o of open.rows) {
        if (holding.has(`${o.kind}\u0000${o.subject}`)) continue;
        const alert = await clearAlert(db, o.kind, o.subject);
        if (alert) cleared.push(alert);
      }
      return { opened, cleared };
    });
    for (const a of opened) {
      log.warn({ alert: { id: a.id, kind: a.kind, subject: a.subject, value: a.value, threshold: a.threshold } }, `Alert opened: ${describe(a)}`);
      notify('alert.opened', a);
    }
    for (const a of cleared) {
      log.info({ alert: { id: a.id, kind: a.kind, subject: a.subject, value: a.value, threshold: a.threshold } }, `Alert cleared: ${a.kind} ${a.subject}`);
      notify('alert.cleared', a);
    }
    return { opened, cleared };
  };

  // At most one check running and one waiting: asks during a check share the next one.
  let current: Promise<Awaited<ReturnType<typeof check>>> = Promise.resolve({ opened: [], cleared: [] });
  let queued: typeof current | null = null;
  const evaluate = () =>
    (queued ??= current
      .catch(() => undefined)
      .then(() => {
        queued = null;
        return (current = check());
      }));

  const failed = (error: unknown) => log.warn({ err: String(error) }, 'Alert check failed; retrying at the next interval');
  let soon: NodeJS.Timeout | undefined;
  const timer = setInterval(() => void evaluate().catch(failed), config.ALERT_CHECK_INTERVAL_MS);
  timer.unref();
  return {
    evaluate,
    evaluateSoon() {
      soon ??= setTimeout(() => {
        soon = undefined;
        evaluate().catch(failed);
      }, SOON_MS);
    },
    async close() {
      clearInterval(timer);
      clearTimeout(soon);
      await current.catch(() => undefined);
      await queued?.catch(() => undefined);
    },
  };
}
