import { startApp } from './app';
import { loadConfig } from './config';
import { createLogger } from './logger';

// `--worker`: a headless process that only takes runs from the queue (plus /healthz and /metrics).
const worker = process.argv.includes('--worker');
const loaded = loadConfig();
const config = worker ? { ...loaded, PORT: loaded.WORKER_PORT } : loaded;
const log = createLogger(config.LOG_LEVEL);

try {
  if (worker && config.DISPATCH !== 'queue') throw new Error('A worker takes runs from the queue: set DISPATCH=queue (the default)');
  const app = await startApp(config, log, worker ? { serve: 'health' } : {});
  if (worker) log.info({ port: app.port }, `Stepwise worker is taking runs from the queue (health on port ${app.port})`);
  else log.info({ port: app.port }, `Stepwise is running at http://localhost:${app.port}`);
  let signals = 0;
  const shutdown = (signal: string) => {
    if (signals++ > 0) process.exit(1);
    log.info({ signal }, 'Shutting down');
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: String(error) }, 'Shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
} catch (error) {
  log.fatal({ err: error instanceof Error ? error.message : String(error) }, 'Stepwise could not start');
  process.exit(1);
}
