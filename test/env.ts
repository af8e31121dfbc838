/** What the cross-package tests, fixtures and benchmarks read from the environment: read here only. */
export const testEnv = {
  /** The whole environment, for child processes that must see what this one sees. */
  inherited: (): NodeJS.ProcessEnv => ({ ...process.env }),
  /** `TEST_LOG_LEVEL=error` shows the server's logs during a test run. */
  logLevel: (): string => process.env.TEST_LOG_LEVEL ?? 'silent',
  benchWorkers: (): number => Number(process.env.BENCH_WORKERS ?? 20),
  benchSeconds: (): number => Number(process.env.BENCH_SECONDS ?? 5),
  /** `npm run bench:load` sizes; smaller values for a quick try. */
  load: () => ({
    chatSessions: Number(process.env.LOAD_CHAT_SESSIONS ?? 200),
    runs: Number(process.env.LOAD_RUNS ?? 1000),
    waitingRuns: Number(process.env.LOAD_WAITING_RUNS ?? 10_000),
    throughputSeconds: Number(process.env.LOAD_THROUGHPUT_SECONDS ?? 20),
    /** Which parts to run, e.g. `chat,memory`; unset: all. */
    parts: (process.env.LOAD_PARTS ?? 'chat,runs,scale_out,memory').split(',').map((p) => p.trim()),
  }),
  /** The crash-test worker's settings (engine/fixtures/worker.ts). */
  worker: () => ({
    databaseUrl: process.env.DATABASE_URL,
    leaseMs: Number(process.env.LEASE_MS ?? 1500),
    mode: process.env.WORKER_MODE,
    stepMs: Number(process.env.STEP_MS ?? 150),
    runId: process.env.RUN_ID,
    workflowId: process.env.WORKFLOW_ID,
    userId: process.env.USER_ID,
  }),
};
