import { createTestDatabase, startTestCluster } from '@stepwise/db';
import { createLogger, loadConfig, startApp } from '@stepwise/server';
import pg from 'pg';

/** A started app on a fresh benchmark database, plus a raw pool for the baselines; `close` undoes it all. */
export async function startBenchApp() {
  const cluster = await startTestCluster();
  const db = await createTestDatabase({ cluster });
  const app = await startApp(loadConfig({ DATABASE_URL: db.url, PORT: '0', HOST: '127.0.0.1' }), createLogger('silent'));
  const raw = new pg.Pool({ connectionString: db.url, max: 2 });
  raw.on('error', () => undefined);
  return {
    db,
    app,
    raw,
    async close() {
      await raw.end();
      await app.stop();
      await db.drop();
      await cluster.stop();
    },
  };
}
