import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@stepwise/db';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { freePort, repoRoot, startServer, waitForHealth, type ServerProcess } from '../server/process';

export const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.join(repoRoot, 'test/artifacts/screenshots');

/** The UI the server serves; `npm test` builds it first (turbo), a direct vitest run builds it here. */
function ensureUiBuilt(): void {
  if (existsSync(path.join(repoRoot, 'apps/chat/dist/index.html'))) return;
  execFileSync('npm', ['run', 'build', '-w', '@stepwise/chat'], { cwd: repoRoot, stdio: 'inherit' });
}

export interface E2E {
  url: string;
  db: TestDatabase;
  server: ServerProcess;
  browser: Browser;
  /** A run's status as PostgreSQL holds it (what the person's actions actually did). */
  runStatus(runId: string): Promise<string>;
  /** A fresh browser profile (its own cookies): one per person in a journey. */
  newUser(): Promise<{ context: BrowserContext; page: Page }>;
  /** Closes every profile newUser opened (between journeys). */
  closeUsers(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real server process (`main.ts`, built-in offline model) on its own database, and headless
 * Chromium driven by playwright-core. Screenshots go to test/artifacts/screenshots (git-ignored).
 */
export async function startE2E(env: Record<string, string> = {}): Promise<E2E> {
  ensureUiBuilt();
  const db = await createTestDatabase();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'stepwise-e2e-'));
  const port = await freePort();
  const server = startServer({ DATABASE_URL: db.url, PORT: String(port), DATA_DIR: dataDir, MODEL: 'builtin', LOG_LEVEL: 'warn', ...env });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, server);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const contexts: BrowserContext[] = [];
  return {
    url,
    db,
    server,
    browser,
    runStatus: async (runId) => (await db.pool.query<{ status: string }>('select status from workflow_executions where id = $1', [runId])).rows[0]?.status as string,
    async newUser() {
      const context = await browser.newContext({ baseURL: url, viewport: { width: 1280, height: 860 } });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return { context, page };
    },
    async closeUsers() {
      await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
    },
    async stop() {
      await browser.close().catch(() => undefined);
      server.child.kill('SIGTERM');
      await server.exited;
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot under test/artifacts/screenshots/<journey>/<name>.png. */
export async function screenshot(page: Page, journey: string, name: string): Promise<void> {
  const dir = path.join(SHOTS, journey);
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

let counter = 0;
export const uniqueEmail = (who: string) => `${who}-${Date.now().toString(36)}-${counter++}@example.com`;
export const PASSWORD = 'correct horse battery staple';

/** Signs a new person up through the UI and waits for the chat. */
export async function signUp(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto('/sign-up');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/chat/);
}

/** On a failed journey: a screenshot of every open page, to see what the person saw. */
export async function failureShots(e2e: E2E, journey: string): Promise<void> {
  const pages = e2e.browser.contexts().flatMap((c) => c.pages());
  await Promise.all(pages.map((page, i) => screenshot(page, journey, `failure-${i}`).catch(() => undefined)));
}

/** One server and browser per test file (`env` read when it starts, e.g. another MODEL); failed journeys leave screenshots; profiles close between journeys. */
export function useE2E(journey: string, env: () => Record<string, string> = () => ({})): () => E2E {
  let e2e: E2E | undefined;
  beforeAll(async () => {
    e2e = await startE2E(env());
  });
  afterAll(async () => {
    await e2e?.stop();
  });
  afterEach(async (ctx) => {
    if (!e2e) return;
    if (ctx.task.result?.state === 'fail') await failureShots(e2e, `${journey}-${ctx.task.name.slice(0, 40)}`);
    await e2e.closeUsers();
  });
  return () => {
    if (!e2e) throw new Error('the browser journey did not start');
    return e2e;
  };
}
