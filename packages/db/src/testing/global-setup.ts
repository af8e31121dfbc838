import { testEnv } from './env';
import { startTestCluster } from './test-database';

/**
 * vitest globalSetup: one PostgreSQL (DATABASE_URL, or embedded in a temp dir) and one migrated
 * template per run. Test files call `createTestDatabase()`. Reusable from other workspaces:
 * `globalSetup: ['../packages/db/src/testing/global-setup.ts']`.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const started = Date.now();
  const cluster = await startTestCluster();
  testEnv.announceCluster(cluster);
  if (testEnv.printTimings()) {
    console.log(`[db] ${cluster.embedded ? 'embedded' : 'DATABASE_URL'} cluster + migrated template in ${Date.now() - started} ms`);
  }
  return () => cluster.stop();
}
