import { createTestDatabase, type TestDatabase } from '@stepwise/db';
import { type App, createLogger, loadConfig, type StartOptions, startApp } from '@stepwise/server';
import type { AppRouter } from '@stepwise/server/router';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { testEnv } from '../env';

export interface TestApp {
  app: App;
  db: TestDatabase;
  url: string;
  /** A typed client sending these headers (e.g. a session cookie or `authorization`). */
  client(headers?: Record<string, string>): ReturnType<typeof createTRPCClient<AppRouter>>;
  stop(): Promise<void>;
}

/** The real server, in this process, on a free port and its own fresh database (or `shared`, for a second process). */
export async function startTestApp(env: Record<string, string> = {}, shared?: TestDatabase, options: StartOptions = {}): Promise<TestApp> {
  const db = shared ?? (await createTestDatabase());
  const config = loadConfig({ DATABASE_URL: db.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env });
  const logLevel = testEnv.logLevel();
  const app = await startApp(config, createLogger(logLevel), options);
  return {
    app,
    db,
    url: app.url,
    client: (headers = {}) => createTRPCClient<AppRouter>({ links: [httpLink({ url: `${app.url}/trpc`, headers })] }),
    async stop() {
      await app.stop();
      if (!shared) await db.drop();
    },
  };
}

/** The tRPC error code of a failed call (e.g. 'NOT_FOUND'), or null when it succeeded. */
export async function errorCode(call: Promise<unknown>): Promise<string | null> {
  try {
    await call;
    return null;
  } catch (error) {
    if (error instanceof TRPCClientError) return (error.data as { code?: string } | undefined)?.code ?? 'UNKNOWN';
    throw error;
  }
}
