import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDatabase, dropDatabase, withDatabase } from '../admin';
import { openDatabase } from '../database';
import { createOrm, migrateDatabase, type Orm } from '../orm';
import { type ClusterRef, TEST_DB_ENV, testEnv } from './env';

/**
 * Test databases: one migrated template per test run, and per test file a fresh copy made with
 * `CREATE DATABASE x TEMPLATE tpl` (tens of ms instead of re-running migrations).
 * Framework-agnostic: the vitest globalSetup (global-setup.ts) starts the cluster and passes it to
 * test workers through an environment variable.
 */

export { TEST_DB_ENV } from './env';

export interface TestCluster {
  /** The server's maintenance database (`postgres`). */
  adminUrl: string;
  /** Migrated template database every test database is copied from. */
  template: string;
  embedded: boolean;
  /** Drops the template and stops the embedded server, if one was started. */
  stop(): Promise<void>;
}

const uniqueName = (prefix: string) => `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;

/** DATABASE_URL's server when set (or `url`), else an embedded PostgreSQL in a temp dir; then migrates a template. */
export async function startTestCluster(opts: { url?: string; log?: (message: string) => void } = {}): Promise<TestCluster> {
  const url = opts.url ?? testEnv.databaseUrl();
  let tempDir: string | undefined;
  const handle = url
    ? await openDatabase({ url, dataDir: '' })
    : await openDatabase({
        dataDir: path.join((tempDir = await mkdtemp(path.join(os.tmpdir(), 'stepwise-test-'))), 'pg'),
        database: 'postgres',
        // Throwaway data: durability off makes template copies and commits much faster.
        settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
        log: opts.log,
      });
  const adminUrl = withDatabase(handle.url, 'postgres');
  const template = uniqueName('stepwise_tpl');
  try {
    await createDatabase(adminUrl, template);
    await migrateDatabase(withDatabase(adminUrl, template));
  } catch (error) {
    await handle.stop();
    throw error;
  }
  return {
    adminUrl,
    template,
    embedded: handle.embedded,
    async stop() {
      try {
        await dropDatabase(adminUrl, template);
      } finally {
        await handle.stop();
        if (tempDir) await rm(tempDir, { recursive: true, force: true });
      }
    },
  };
}

export interface TestDatabase {
  name: string;
  url: string;
  /** A pool on this database (max 10). */
  pool: pg.Pool;
  /** A MikroORM on this database, created on first call. */
  orm(): Promise<Orm>;
  /** Closes the pool and ORM, then drops the database. */
  drop(): Promise<void>;
}

function clusterFromEnv(): ClusterRef {
  const cluster = testEnv.cluster();
  if (!cluster) {
    throw new Error(
      `${TEST_DB_ENV} is not set: add "globalSetup: ['<repo>/packages/db/src/testing/global-setup.ts']" to your vitest config`,
    );
  }
  return cluster;
}

export interface CreateTestDatabaseOptions {
  /** Skip the schema: a plain empty database (to test migrations themselves). */
  empty?: boolean;
  /** Defaults to the cluster the globalSetup announced. */
  cluster?: Pick<TestCluster, 'adminUrl' | 'template'>;
}

/** A fresh database of its own: migrated and empty (a copy of the run's template), or without schema. */
export async function createTestDatabase(opts: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const cluster = opts.cluster ?? clusterFromEnv();
  const name = uniqueName('stepwise_test');
  await createDatabase(cluster.adminUrl, name, opts.empty ? {} : { template: cluster.template });
  const url = withDatabase(cluster.adminUrl, name);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // DROP DATABASE ... FORCE can reach a connection that is still closing; never crash on it.
  pool.on('error', () => undefined);
  let orm: Promise<Orm> | undefined;
  return {
    name,
    url,
    pool,
    orm: () => (orm ??= createOrm(url)),
    async drop() {
      if (orm) await (await orm).close(true);
      await pool.end();
      await dropDatabase(cluster.adminUrl, name);
    },
  };
}
