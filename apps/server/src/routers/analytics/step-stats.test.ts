import { randomUUID } from 'node:crypto';
import { createTestDatabase, insertUser, startTestCluster, type TestCluster, type TestDatabase } from '@stepwise/db';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldStepStats } from './step-stats';
import { workflowStats } from './workflow-stats';

/** The drop-off figures straight from every step attempt (the query served before folding existed): the oracle. */
const REFERENCE_SQL = `with runs as (
    select e.id, e.status from workflow_executions e
     where e.workflow_id in (select id from workflow_definitions where workflow_id = $1)
       and e.created_at >= ((((now() at time zone 'UTC')::date - ($2::int - 1))::timestamp) at time zone 'UTC')
  ),
  per_run as (
    select s.execution_id, s.step_id,
           bool_or(s.started_at is not null or s.status in ('running', 'waiting', 'completed', 'failed')) as reached,
           bool_or(s.status = 'completed') as completed
      from workflow_step_executions s join runs r on r.id = s.execution_id group by 1, 2
  )
  select p.step_id as "stepId", count(*) filter (where p.reached)::int as reached,
         count(*) filter (where p.reached and p.completed)::int as completed,
         count(*) filter (where p.reached and not p.completed and r.status <> 'completed')::int as abandoned
    from per_run p join runs r on r.id = p.execution_id group by 1 having count(*) filter (where p.reached) > 0 order by 1`;

const quiet = { warn: () => undefined };
let cluster: TestCluster;
let db: TestDatabase;
let pool: pg.Pool;
let userId: string;

type Step = readonly [stepId: string, status: string, attempt?: number];

async function addVersion(workflowId: string, version: number, stepIds: string[]): Promise<string> {
  await pool.query('update workflow_definitions set is_latest = false where workflow_id = $1', [workflowId]);
  const { rows } = await pool.query<{ id: string }>(
    `insert into workflow_definitions (workflow_id, version, is_latest, name, category, definition)
     values ($1, $2, true, 'Drop-off', 'testing', $3::jsonb) returning id`,
    [workflowId, version, JSON.stringify({ steps: stepIds.map((id) => ({ id, name: id, type: 'form' })) })],
  );
  return rows[0]!.id;
}

/** One run with its step attempts; a pending or cancelled step never started. */
async function seedRun(versionId: string, status: string, steps: Step[], ago = '0 days'): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `insert into workflow_executions (workflow_id, user_id, session_id, status, context, created_at)
     values ($1, $2, 'seed', $3, '{}'::jsonb, now() - $4::interval) returning id`,
    [versionId, userId, status, ago],
  );
  for (const [stepId, stepStatus, attempt = 1] of steps) await writeStep(rows[0]!.id, stepId, stepStatus, attempt);
  return rows[0]!.id;
}

async function writeStep(runId: string, stepId: string, status: string, attempt: number) {
  await pool.query(
    `insert into workflow_step_executions (execution_id, step_id, step_type, attempt, status, started_at)
     values ($1, $2, 'form', $3, $4::text, case when $4::text not in ('pending', 'cancelled') then now() end)
     on conflict (execution_id, step_id, attempt) do update set status = excluded.status, started_at = excluded.started_at`,
    [runId, stepId, attempt, status],
  );
}

/** What the store does on every commit: the run's new status and version, with its step changes. */
async function commit(runId: string, status: string, steps: Step[]) {
  await pool.query('update workflow_executions set status = $2, version = version + 1 where id = $1', [runId, status]);
  for (const [stepId, stepStatus, attempt = 1] of steps) await writeStep(runId, stepId, stepStatus, attempt);
}

const dropOff = async (workflowId: string, days: 7 | 30 | 90 = 30) =>
  (await workflowStats(pool, workflowId, days, quiet)).dropOff.filter((s) => s.reached > 0).sort((a, b) => a.stepId.localeCompare(b.stepId));
const reference = async (workflowId: string, days = 30) => (await pool.query(REFERENCE_SQL, [workflowId, days])).rows;
const foldedRuns = async () => Number((await pool.query('select count(*) from workflow_step_stats_runs')).rows[0].count);

beforeAll(async () => {
  cluster = await startTestCluster();
  db = await createTestDatabase({ cluster });
  pool = db.pool;
  userId = await insertUser(pool);
});

afterAll(async () => {
  await db?.drop();
  await cluster?.stop();
});

describe('drop-off figures kept folded per step', () => {
  const workflowId = randomUUID();
  const runs: Record<string, string> = {};

  beforeAll(async () => {
    const v1 = await addVersion(workflowId, 1, ['a', 'b', 'c']);
    const v2 = await addVersion(workflowId, 2, ['a', 'b', 'c', 'd']);
    runs.done = await seedRun(v1, 'completed', [['a', 'completed'], ['b', 'completed'], ['c', 'completed']]);
    runs.retried = await seedRun(v2, 'completed', [['a', 'completed'], ['b', 'failed', 1], ['b', 'completed', 2], ['c', 'completed'], ['d', 'completed']]);
    runs.failed = await seedRun(v2, 'failed', [['a', 'completed'], ['b', 'failed'], ['c', 'pending']]);
    runs.cancelled = await seedRun(v2, 'cancelled', [['a', 'completed'], ['b', 'cancelled'], ['c', 'cancelled']]);
    runs.waiting = await seedRun(v2, 'waiting_for_input', [['a', 'completed'], ['b', 'waiting']]);
    runs.old = await seedRun(v1, 'completed', [['a', 'completed'], ['b', 'completed'], ['c', 'completed']], '40 days');
    runs.lastWeek = await seedRun(v2, 'failed', [['a', 'failed']], '10 days');
  });

  const expected30 = [
    // a: every run in 30 days reached and completed it but lastWeek's.
    { stepId: 'a', reached: 6, completed: 5, abandoned: 1 },
    // b: retried counts once; failed, waiting reached it without completing; cancelled's was cancelled before starting.
    { stepId: 'b', reached: 4, completed: 2, abandoned: 2 },
    { stepId: 'c', reached: 2, completed: 2, abandoned: 0 },
    { stepId: 'd', reached: 1, completed: 1, abandoned: 0 },
  ];

  it('are exact before anything is folded', async () => {
    expect(await dropOff(workflowId)).toEqual(expected30);
    expect(await reference(workflowId)).toEqual(expected30);
  });

  it('are the same after a fold, which keeps every finished run of the last 90 days', async () => {
    expect(await foldStepStats(pool, workflowId)).toBe(true);
    expect(await foldedRuns()).toBe(6); // all but the waiting run
    expect(await dropOff(workflowId)).toEqual(expected30);
    expect(await dropOff(workflowId, 7)).toEqual(await reference(workflowId, 7));
    expect(await dropOff(workflowId, 90)).toEqual(await reference(workflowId, 90));
    expect(await foldStepStats(pool, workflowId)).toBe(true);
    expect(await dropOff(workflowId)).toEqual(expected30);
  });

  it('stay exact when runs finish, folded runs change or are deleted, before and after the next fold', async () => {
    const [, v2] = (await pool.query<{ id: string }>('select id from workflow_definitions where workflow_id = $1 order by version', [workflowId])).rows.map((r) => r.id);
    await commit(runs.waiting!, 'completed', [['b', 'completed'], ['c', 'completed'], ['d', 'completed']]);
    // The failed run is retried: a second attempt of b, and the run is running again.
    await commit(runs.failed!, 'running', [['b', 'running', 2]]);
    await pool.query('delete from workflow_executions where id = $1', [runs.cancelled]);
    await seedRun(v2!, 'cancelled', [['a', 'completed'], ['b', 'completed'], ['c', 'failed']]);

    const after = [
      { stepId: 'a', reached: 6, completed: 5, abandoned: 1 },
      { stepId: 'b', reached: 5, completed: 4, abandoned: 1 },
      { stepId: 'c', reached: 4, completed: 3, abandoned: 1 },
      { stepId: 'd', reached: 2, completed: 2, abandoned: 0 },
    ];
    expect(await reference(workflowId)).toEqual(after);
    expect(await dropOff(workflowId)).toEqual(after);
    expect(await foldStepStats(pool, workflowId)).toBe(true);
    expect(await dropOff(workflowId)).toEqual(after);
    // The running run is out of the fold until it finishes again.
    const folded = await pool.query('select execution_id from workflow_step_stats_runs where execution_id = any($1)', [[runs.failed, runs.cancelled]]);
    expect(folded.rowCount).toBe(0);
  });

  it('lose the days no period reaches any more at the next fold', async () => {
    const v2 = (await pool.query<{ id: string }>('select id from workflow_definitions where workflow_id = $1 and is_latest', [workflowId])).rows[0]!.id;
    const day = `(now() at time zone 'UTC')::date - 91`;
    await pool.query(`insert into workflow_step_stats values ($1, ${day}, 'a', 1, 1, 0)`, [v2]);
    await pool.query(`insert into workflow_step_stats_runs values ($1, 0, $2, ${day}, '{a}', '{a}', '{}')`, [randomUUID(), v2]);
    await foldStepStats(pool, workflowId);
    const left = await pool.query(`select 1 from workflow_step_stats where day <= ${day} union all select 1 from workflow_step_stats_runs where day <= ${day}`);
    expect(left.rowCount).toBe(0);
    expect(await dropOff(workflowId, 90)).toEqual(await reference(workflowId, 90));
  });

  it('stay exact while several processes fold at once', async () => {
    const v2 = (await pool.query<{ id: string }>('select id from workflow_definitions where workflow_id = $1 and is_latest', [workflowId])).rows[0]!.id;
    for (let i = 0; i < 5; i++) await seedRun(v2, i % 2 ? 'completed' : 'failed', [['a', 'completed'], ['b', i % 2 ? 'completed' : 'failed']]);
    const results = await Promise.all([1, 2, 3, 4].map(() => foldStepStats(pool, workflowId)));
    expect(results).toContain(true);
    await foldStepStats(pool, workflowId);
    expect(await dropOff(workflowId)).toEqual(await reference(workflowId));
    expect((await reference(workflowId))[1]).toEqual({ stepId: 'b', reached: 10, completed: 6, abandoned: 4 });
  });
});
