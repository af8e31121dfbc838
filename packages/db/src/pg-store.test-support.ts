import type pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import type { RunCommit, RunRecord } from '@stepwise/engine';
import { PgStore, type PgStoreOptions } from './pg-store';
import { insertDefinition, insertUser } from './testing/fixtures';
import { createTestDatabase, type TestDatabase } from './testing/test-database';

/** What the PgStore tests share: a commit built from a run, and the raw rows it leaves. */

/** A commit of `run` at its current version, one second later, with `patch` and `steps`. */
export function commitOf(run: RunRecord, patch: Partial<RunCommit['run']> = {}, steps: RunCommit['steps'] = []): RunCommit {
  return {
    runId: run.id,
    expectedVersion: run.version,
    run: {
      status: run.status,
      context: run.context,
      results: run.results,
      error: run.error,
      leaseOwner: run.leaseOwner,
      leaseExpiresAt: run.leaseExpiresAt,
      completedAt: run.completedAt,
      updatedAt: new Date(run.updatedAt.getTime() + 1000),
      ...patch,
    },
    steps,
  };
}

/** The workflow_executions row, plus `tx`: the id of the transaction that last wrote it. */
async function rawRun(pool: pg.Pool, id: string) {
  return (await pool.query('select *, xmin::text as tx from workflow_executions where id = $1', [id])).rows[0];
}

async function rawSteps(pool: pg.Pool, id: string) {
  return (await pool.query('select * from workflow_step_executions where execution_id = $1 order by step_id, attempt', [id])).rows;
}

export interface PgStoreFixture {
  db: TestDatabase;
  store: PgStore;
  userId: string;
  workflowId: string;
  /** The user and definition a test run belongs to. */
  owner: () => { workflowId: string; userId: string };
  rawRun: (id: string) => ReturnType<typeof rawRun>;
  rawSteps: (id: string) => ReturnType<typeof rawSteps>;
}

/** A fresh database with a user and the sample definition, and a PgStore on it, for one test file. */
export function usePgStore(options: PgStoreOptions = {}): PgStoreFixture {
  const fixture = {
    owner: () => ({ workflowId: fixture.workflowId, userId: fixture.userId }),
    rawRun: (id: string) => rawRun(fixture.db.pool, id),
    rawSteps: (id: string) => rawSteps(fixture.db.pool, id),
  } as PgStoreFixture;
  beforeAll(async () => {
    fixture.db = await createTestDatabase();
    fixture.store = new PgStore(fixture.db.pool, options);
    fixture.userId = await insertUser(fixture.db.pool);
    fixture.workflowId = await insertDefinition(fixture.db.pool);
  });
  afterAll(() => fixture.db?.drop());
  return fixture;
}
