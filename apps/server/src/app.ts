import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { BUILTIN_TEMPLATES, TEMPLATE_CATEGORIES, WorkflowEngine, createDefaultRegistry } from '@stepwise/engine';
import { type DatabaseHandle, EncryptingStore, type Orm, PgStore, createOrm, migrateUp, openDatabase, seed } from '@stepwise/db';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { LanguageModel } from 'ai';
import pg from 'pg';
import { writeFirstRunNotice } from './auth/first-run';
import type { Config } from './config';
import { createModel, injectedModel } from './ai/model';
import { openRunSealer } from './encryption';
import { createBudgetPort } from './budget/port';
import { RunDispatcher } from './dispatch/run-dispatcher';
import { chatRoute } from './chat/route';
import { startAiRecording } from './ai/recording';
import { createContext } from './context';
import { createHttpGuard } from './security/http';
import { retryAfterHeaders } from './security/limited';
import { createObservability, type Observability } from './observability';
import { withRequestScope } from './observability/request-context';
import { startLiveHub } from './live/hub';
import type { Logger } from './logger';
import { appRouter } from './routers/_app';
import type { Services } from './services';
import { createWebHandler } from './web';

export interface App {
  url: string;
  live: Awaited<ReturnType<typeof startLiveHub>>;
  services: Services;
  port: number;
  engine: WorkflowEngine;
  orm: Orm;
  pool: pg.Pool;
  database: DatabaseHandle;
  /** Execution metrics and alerts (tests flush and check them directly). */
  observability: Observability;
  stop(): Promise<void>;
}

/** Boots everything in order: database (embedded when none is configured), migrations, seed, engine, HTTP. */
export interface StartOptions {
  /** The language model AI steps call; by default the one MODEL selects. */
  model?: LanguageModel;
  /** false: queue runs but take no jobs from the queue (a process that only serves requests). */
  takeWork?: boolean;
  /** 'health': a headless worker answering only /healthz and /metrics. */
  serve?: 'all' | 'health';
}

export async function startApp(config: Config, log: Logger, options: StartOptions = {}): Promise<App> {
  // What is open, in the order it must be closed (last opened first): on a failed start too.
  const closers: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    const parts = closers.splice(0).reverse();
    for (const [i, close] of parts.entries()) {
      const started = Date.now();
      await close().catch((error: unknown) => log.warn({ err: String(error) }, 'close failed'));
      log.debug({ part: `${i + 1}/${parts.length}`, ms: Date.now() - started }, 'closed');
    }
  };
  try {
    const database = await openDatabase({
      url: config.DATABASE_URL,
      dataDir: path.join(config.DATA_DIR, 'pg'),
      // PostgreSQL's and initdb's own output is detail; our notes about it are news.
      log: (message) => (/^\d{4}-\d\d-\d\d |\n/.test(message) ? log.debug : log.info).call(log, { component: 'database' }, message),
    });
    closers.push(() => database.stop());
    log.info({ embedded: database.embedded }, database.embedded ? 'Using embedded PostgreSQL' : 'Using DATABASE_URL');
    const orm = await createOrm(database.url);
    closers.push(() => orm.close(true));
    const applied = await migrateUp(orm);
    if (applied.length) log.info({ migrations: applied }, 'Applied migrations');
    const pool = new pg.Pool({ connectionString: database.url, max: config.DB_POOL_SIZE });
    pool.on('error', (error) => log.warn({ err: error.message }, 'PostgreSQL connection error'));
    // A client held across awaits (a transaction) gets a dropped connection as an 'error' event: never fatal.
    pool.on('connect', (client) => client.on('error', (error) => log.warn({ err: error.message }, 'PostgreSQL connection lost')));
    closers.push(() => pool.end());
    const seeded = await seed(pool, BUILTIN_TEMPLATES, TEMPLATE_CATEGORIES);
    if (seeded.templatesWritten) log.info(seeded, 'Seeded templates');
    const choice = options.model ? injectedModel(options.model) : createModel(config);
    const model = choice.model;
    const sealer = await openRunSealer(config, log);
    const ai = await startAiRecording(config, log, pool, sealer);
    closers.push(() => ai.close()); // after the engine: its last steps' calls are written first
    const observe = createObservability({ config, log, pool }, ai.port);
    const registry = createDefaultRegistry();
    const budget = createBudgetPort({ pool, config, flushCalls: ai.flush });
    const store = new EncryptingStore(new PgStore(pool), sealer);
    // Starts and people's actions go through the pg-boss queue that every process takes work from.
    const dispatcher =
      config.DISPATCH === 'queue'
        ? new RunDispatcher({ databaseUrl: database.url, log, concurrency: config.WORK_CONCURRENCY, pollMs: config.QUEUE_POLL_MS, waitMs: 10_000, takeWork: options.takeWork })
        : undefined;
    const engine = new WorkflowEngine({ store, registry, model, ai: observe.aiPort, budget, dispatcher, leaseMs: config.LEASE_MS });
    closers.push(() => observe.close()); // after the engine: its last runs' figures are written first
    if (dispatcher) {
      await dispatcher.start(engine);
      closers.push(() => dispatcher.stop()); // the queue closes after socket.io
    }

    const services: Services = { config, log, orm, pool, engine, sealer, ai: choice };
    // No users yet: a generated admin whose password goes to a private file, never to the logs.
    const firstRunFile = await writeFirstRunNotice(services, path.join(config.DATA_DIR, 'first-run-admin.txt'));
    if (firstRunFile) log.info({ file: firstRunFile }, `First run: an administrator account was created; its one-time sign-in is in ${firstRunFile} (sign in, change it, delete the file)`);
    const trpc = createHTTPHandler({
      router: appRouter,
      basePath: '/trpc/',
      createContext: ({ req, res }) => createContext(services, req, res),
      maxBodySize: config.MAX_BODY_BYTES,
      maxBatchSize: 50,
      responseMeta: ({ errors }) => ({ headers: retryAfterHeaders(errors) }),
      onError: ({ error, path }) => {
        // SERVICE_UNAVAILABLE: the server's own setup (e.g. a missing encryption key) needs fixing.
        if (error.code === 'INTERNAL_SERVER_ERROR' || error.code === 'SERVICE_UNAVAILABLE') log.error({ path, err: error.cause?.message ?? error.message }, 'API error');
      },
    });
    const web = createWebHandler();
    const guard = createHttpGuard(config);
    const route = (req: IncomingMessage, res: ServerResponse) => {
      if (guard(req, res)) return;
      if (req.url === '/metrics' && req.method === 'GET') return void observe.route(req, res);
      if (req.url === '/healthz') {
        pool
          .query('select 1')
          .then(() => send(res, 200, { ok: true }))
          .catch(() => send(res, 503, { ok: false, error: 'The database is not answering' }));
        return;
      }
      if (options.serve === 'health') return send(res, 404, { error: 'This is a worker process: it serves /healthz and /metrics only' });
      if (req.url?.startsWith('/trpc/')) return trpc(req, res);
      if (req.url?.startsWith('/api/chat')) return void chatRoute(services, model, req, res);
      if ((req.method === 'GET' || req.method === 'HEAD') && !req.url?.startsWith('/api/')) return web(req, res);
      send(res, 404, { error: 'Not found' });
    };
    const server = createServer((req, res) => withRequestScope(log, req, res, () => route(req, res)));
    const live = await startLiveHub(server, services, database.url);
    closers.push(() => live.close()); // socket.io and the HTTP server, once in-flight steps are done
    closers.push(() => engine.close()); // finishes in-flight steps (bounded) after the queue stopped handing out jobs
    if (dispatcher) closers.push(() => dispatcher.stopTaking()); // first: no new jobs
    const observability = observe.start(engine, registry, (event, alert) => live.toAdmins(event, alert));
    await listen(server, config.PORT, config.HOST);
    const port = (server.address() as AddressInfo).port;
    engine.startRecovery(); // runs a crashed process left behind

    let stopping: Promise<void> | undefined;
    // Stop taking requests and sockets, finish in-flight steps, then close pools and PostgreSQL.
    const stop = () => (stopping ??= closeAll());
    return { url: `http://127.0.0.1:${port}`, live, services, port, engine, orm, pool, database, observability, stop };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}
