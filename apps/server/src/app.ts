import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { BUILTIN_TEMPLATES, TEMPLATE_CATEGORIES, WorkflowEngine, createDefaultRegistry } from '@stepwise/engine';
import { type DatabaseHandle, type Orm, PgStore, createOrm, migrateUp, openDatabase, seed } from '@stepwise/db';
import pg from 'pg';
import type { Config } from './config';
import type { Logger } from './logger';

export interface App {
  url: string;
  port: number;
  engine: WorkflowEngine;
  orm: Orm;
  pool: pg.Pool;
  database: DatabaseHandle;
  stop(): Promise<void>;
}

/** Boots everything in order: database (embedded when none is configured), migrations, seed, engine, HTTP. */
export async function startApp(config: Config, log: Logger): Promise<App> {
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: path.join(config.DATA_DIR, 'pg'),
    log: (message) => log.info({ component: 'database' }, message),
  });
  log.info({ embedded: database.embedded }, database.embedded ? 'Using embedded PostgreSQL' : 'Using DATABASE_URL');
  const orm = await createOrm(database.url);
  const applied = await migrateUp(orm);
  if (applied.length) log.info({ migrations: applied }, 'Applied migrations');
  const pool = new pg.Pool({ connectionString: database.url, max: config.DB_POOL_SIZE });
  pool.on('error', (error) => log.warn({ err: error.message }, 'PostgreSQL connection error'));
  const seeded = await seed(pool, BUILTIN_TEMPLATES, TEMPLATE_CATEGORIES);
  if (seeded.templatesWritten) log.info(seeded, 'Seeded templates');
  const engine = new WorkflowEngine({ store: new PgStore(pool), registry: createDefaultRegistry(), leaseMs: config.LEASE_MS });
  engine.startRecovery();

  const server = createServer((req, res) => {
    if (req.url === '/healthz') {
      pool
        .query('select 1')
        .then(() => send(res, 200, { ok: true }))
        .catch(() => send(res, 503, { ok: false, error: 'The database is not answering' }));
      return;
    }
    send(res, 404, { error: 'Not found' });
  });
  await listen(server, config.PORT, config.HOST);
  const port = (server.address() as AddressInfo).port;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await engine.close();
      await pool.end();
      await orm.close(true);
      await database.stop();
    })());

  return { url: `http://127.0.0.1:${port}`, port, engine, orm, pool, database, stop };
}

function send(res: import('node:http').ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}
