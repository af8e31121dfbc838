import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** `[id:]base64` of 32 bytes (what `openssl rand -base64 32` prints), optionally named for rotation. */
const ENCRYPTION_KEY = '([A-Za-z0-9_-]{1,32}:)?[A-Za-z0-9+/]{43}=';
const KEY_FORMAT = 'must be 32 bytes in base64 (openssl rand -base64 32), optionally as id:base64';

/** A spend cap: a non-negative number, or `off` for none. */
const cap = (fallback: number) =>
  z
    .union([z.literal('off').transform(() => null), z.coerce.number().min(0, 'must be 0 or more, or off')])
    .default(fallback);

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** PostgreSQL to use; when unset an embedded PostgreSQL is started with its data in DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default(path.join(repoRoot, '.data')),
  /** Redis for live updates across processes (`redis://host:6379`); unset: through PostgreSQL. */
  REDIS_URL: z.url().optional(),
  /** How long a crashed process keeps its runs; others check every LEASE_MS / 2, so takeover is within 1.5 x LEASE_MS. */
  LEASE_MS: z.coerce.number().int().min(500).max(600_000).default(10_000),
  /**
   * `queue`: starts and people's actions become pg-boss jobs any process takes (many processes, headless
   * workers); `inline`: the process that receives an action drives the run itself.
   */
  DISPATCH: z.enum(['queue', 'inline']).default('queue'),
  /** The port of a headless worker's /healthz and /metrics (`npm run worker`); 0 picks a free one. */
  WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** Runs one process advances at once from the queue. */
  WORK_CONCURRENCY: z.coerce.number().int().min(1).max(1_000).default(16),
  /** How often an idle process looks at the queue when no wake-up reached it. */
  QUEUE_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** `builtin` (offline, the default), `openai:<model>` or `openai-compatible:<model>` (Ollama, vLLM, LM Studio). */
  MODEL: z
    .string()
    .regex(/^(builtin|openai:.+|openai-compatible:.+)$/, 'use builtin, openai:<model> or openai-compatible:<model>')
    .default('builtin'),
  OPENAI_API_KEY: z.string().min(1).optional(),
  /** Signs the chat's tool approvals so a client cannot forge one; set the same value on every process (unset: one per process). */
  TOOL_APPROVAL_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** The Chat Completions server for openai-compatible models, e.g. http://localhost:11434/v1 for Ollama. */
  OPENAI_BASE_URL: z.url().optional(),
  /**
   * Keys encrypting sensitive fields at rest, `[id:]base64,...`: the first seals new values, the rest
   * open older ones (README "Security"). Unset: a key generated into DATA_DIR; required in production.
   */
  STEPWISE_ENCRYPTION_KEYS: z.string().regex(new RegExp(`^${ENCRYPTION_KEY}(\\s*,\\s*${ENCRYPTION_KEY})*$`), KEY_FORMAT).optional(),
  /** A single key, for setups without rotation; STEPWISE_ENCRYPTION_KEYS wins when both are set. */
  ENCRYPTION_KEY: z.string().regex(new RegExp(`^${ENCRYPTION_KEY}$`), KEY_FORMAT).optional(),
  /** Bearer token GET /metrics requires; unset: /metrics is open (keep it on a private network then). */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Alert when a workflow's success rate falls below this (0-1) over ALERT_WINDOW_HOURS. */
  ALERT_SUCCESS_RATE: z.coerce.number().min(0).max(1).default(0.8),
  ALERT_WINDOW_HOURS: z.coerce.number().positive().max(24 * 90).default(24),
  /** Fewer finished runs than this in the window say too little to alert on. */
  ALERT_MIN_RUNS: z.coerce.number().int().min(1).max(1_000_000).default(10),
  /** Alert when today's (UTC) AI cost goes above this many USD. */
  AI_DAILY_COST_LIMIT_USD: z.coerce.number().min(0).default(100),
  /**
   * Model spend caps the engine enforces: a run that would go over pauses and asks its person to
   * approve more or stop. Per run, and per person per day (UTC). `off` removes a cap.
   */
  BUDGET_RUN_TOKENS: cap(200_000),
  BUDGET_RUN_USD: cap(2),
  BUDGET_DAILY_TOKENS: cap(1_000_000),
  BUDGET_DAILY_USD: cap(10),
  /** How often alerts are checked (besides whenever a run finishes). */
  ALERT_CHECK_INTERVAL_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(60_000),
  /** How often finished runs without execution metrics (a crash before they were written) are filled in. */
  METRICS_SWEEP_INTERVAL_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(300_000),
  /** Largest request body accepted on any route, in bytes (a 413 with a JSON error past it). */
  MAX_BODY_BYTES: z.coerce.number().int().min(10_000).max(50_000_000).default(1_100_000),
  /** Chat messages (POST /api/chat) one user may send per minute, across all processes. */
  RATE_LIMIT_CHAT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
  /** AI step model calls one user's runs may make per minute, across all processes (cached answers are free). */
  RATE_LIMIT_AI_STEPS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  /** An AI step over its limit waits this long at most for a slot, else fails retryably. */
  RATE_LIMIT_AI_MAX_WAIT_MS: z.coerce.number().int().min(0).max(300_000).default(10_000),
  /** Failed sign-ins allowed per account, and per client IP, in 15 minutes before sign-in waits. */
  SIGN_IN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1_000).default(5),
  SIGN_IN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(100_000).default(50),
  /** Runs one user may have pending, running or waiting at once; starting one more is refused. */
  MAX_ACTIVE_RUNS_PER_USER: z.coerce.number().int().min(1).max(100_000).default(20),
  /** Session cookie `Secure` flag: `auto` sets it in production and on https requests, or `always` / `never`. */
  COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
  /** Behind a reverse proxy: take the client IP and https from X-Forwarded-For / X-Forwarded-Proto. */
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** Other origins (comma-separated, e.g. `https://app.example.com`) allowed to send cookie-authenticated changes. */
  TRUSTED_ORIGINS: z
    .string()
    .default('')
    .transform((text) => text.split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean)),
  /**
   * Per-model prices for AI step cost, USD per 1M tokens, as JSON merged over the built-in OpenAI table:
   * `{"openai:gpt-4o":{"input":2.5,"output":10},"openai-compatible:llama3":{"input":0,"output":0}}`.
   */
  MODEL_PRICES: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON, e.g. {"openai:gpt-4o":{"input":2.5,"output":10}}' });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string().min(1), z.strictObject({ input: z.number().min(0), output: z.number().min(0) })))
    .default({}),
});

export type Config = z.infer<typeof schema>;

/** Reads and validates the environment once; a bad value stops the process with a plain message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema
    .superRefine((c, ctx) => {
      if (c.MODEL.startsWith('openai:') && !c.OPENAI_API_KEY) {
        ctx.addIssue({ code: 'custom', path: ['OPENAI_API_KEY'], message: `is needed for MODEL=${c.MODEL}` });
      }
      if (c.MODEL.startsWith('openai-compatible:') && !c.OPENAI_BASE_URL) {
        ctx.addIssue({ code: 'custom', path: ['OPENAI_BASE_URL'], message: `is needed for MODEL=${c.MODEL} (e.g. http://localhost:11434/v1)` });
      }
      if (c.NODE_ENV === 'production' && !c.STEPWISE_ENCRYPTION_KEYS && !c.ENCRYPTION_KEY) {
        ctx.addIssue({ code: 'custom', path: ['STEPWISE_ENCRYPTION_KEYS'], message: 'is needed in production (generate a key with: openssl rand -base64 32)' });
      }
    })
    .safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${problems}`);
  }
  return parsed.data;
}
