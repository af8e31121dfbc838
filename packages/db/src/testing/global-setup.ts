import { startTestCluster, TEST_DB_ENV } from './test-database';

/**
 * vitest globalSetup: one PostgreSQL (DATABASE_URL, or embedded in a temp dir) and one migrated
 * template per run. Test files call `createTestDatabase()`. Reusable from other workspaces:
 * `globalSetup: ['../packages/db/src/testing/global-setup.ts']`.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const started = Date.now();
  const cluster = await startTestCluster();
  process.env[TEST_DB_ENV] = JSON.stringify({ adminUrl: cluster.adminUrl, template: cluster.template });
  if (process.env.STEPWISE_TEST_TIMINGS) {
    console.log(`[db] ${cluster.embedded ? 'embedded' : 'DATABASE_URL'} cluster + migrated template in ${Date.now() - started} ms`);
  }
  return () => cluster.stop();
}
