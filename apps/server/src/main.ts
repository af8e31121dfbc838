import { startApp } from './app';
import { loadConfig } from './config';
import { createLogger } from './logger';

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);

try {
  const app = await startApp(config, log);
  log.info({ port: app.port }, `Stepwise is running at http://localhost:${app.port}`);
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
