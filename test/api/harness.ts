import { createTestDatabase, saveDefinitionVersion, type TestDatabase } from '@stepwise/db';
import type { WorkflowDefinitionInput } from '@stepwise/engine';
import { formStep, workflow } from '@stepwise/engine/testing';
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

/** Validates `input` with the app's engine and saves it as a new workflow owned by `ownerId`. */
export async function saveWorkflow(t: Pick<TestApp, 'app' | 'db'>, ownerId: string, input: WorkflowDefinitionInput) {
  const definition = t.app.engine.validate(input);
  const saved = await saveDefinitionVersion((await t.db.orm()).em.fork(), { ownerId, definition });
  return { id: saved.id, workflowId: saved.workflowId, definition };
}

/** A form asking for `amount`, then a compound_growth calculation on it: the smallest run that waits for a person. */
export const askThenGrow = (years = 2): WorkflowDefinitionInput =>
  workflow([
    formStep('ask', { amount: { type: 'number' } }, ['amount']),
    { id: 'grow', type: 'calculation', dependencies: ['ask'], config: { formula: 'compound_growth', inputs: { principal: 'ask.amount', annual_rate_pct: '5.0', years: String(years) } } },
  ]);

/** Reads the run every 20 ms until it has `status`; throws after `timeoutMs`. */
export async function waitForStatus(client: ReturnType<TestApp['client']>, id: string, status: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await client.executions.get.query({ id });
    if (run.status === status) return run;
    if (Date.now() > deadline) throw new Error(`execution ${id} never became ${status} (it is ${run.status})`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
