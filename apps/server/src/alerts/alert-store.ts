import type pg from 'pg';
import type { AlertView } from '../live/events';
import type { Breach } from './conditions';

type Queryable = Pick<pg.Pool, 'query'>;

const COLUMNS = `a.id, a.kind, a.subject, a.value::float8 as value, a.threshold::float8 as threshold, a.opened_at, a.cleared_at,
  case when a.kind = 'workflow_success_rate'
       then (select d.name from workflow_definitions d where d.workflow_id::text = a.subject and d.is_latest limit 1) end as subject_name`;

interface Row {
  id: string;
  kind: AlertView['kind'];
  subject: string;
  subject_name: string | null;
  value: number;
  threshold: number;
  opened_at: Date;
  cleared_at: Date | null;
}

const view = (r: Row): AlertView => ({
  id: r.id,
  kind: r.kind,
  subject: r.subject,
  subjectName: r.subject_name,
  value: r.value,
  threshold: r.threshold,
  openedAt: r.opened_at.toISOString(),
  clearedAt: r.cleared_at?.toISOString() ?? null,
});

/** Opens the alert unless it is open already (the partial unique index decides); the new alert or null. */
export async function openAlert(db: Queryable, b: Breach): Promise<AlertView | null> {
  const { rows } = await db.query<Row>(
    `with a as (
       insert into alerts (kind, subject, value, threshold) values ($1, $2, $3, $4)
       on conflict (kind, subject) where cleared_at is null do nothing returning *
     ) select ${COLUMNS} from a`,
    [b.kind, b.subject, b.value, b.threshold],
  );
  return rows[0] ? view(rows[0]) : null;
}

/** Clears the open alert of this kind and subject; the cleared alert, or null when none was open. */
export async function clearAlert(db: Queryable, kind: string, subject: string): Promise<AlertView | null> {
  const { rows } = await db.query<Row>(
    `with a as (
       update alerts set cleared_at = now() where kind = $1 and subject = $2 and cleared_at is null returning *
     ) select ${COLUMNS} from a`,
    [kind, subject],
  );
  return rows[0] ? view(rows[0]) : null;
}

/** Open alerts first, then those cleared in the last `days` days, newest first. */
export async function recentAlerts(db: Queryable, days: number, limit: number): Promise<AlertView[]> {
  const { rows } = await db.query<Row>(
    `select ${COLUMNS} from alerts a
      where a.cleared_at is null or a.cleared_at >= now() - make_interval(days => $1::int)
      order by (a.cleared_at is null) desc, a.opened_at desc limit $2`,
    [days, limit],
  );
  return rows.map(view);
}
