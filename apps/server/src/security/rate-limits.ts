import { createHash } from 'node:crypto';
import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config';

/** A limit was reached: the message says what and when to try again. */
export class RateLimitedError extends Error {
  readonly code = 'rate_limited';
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
    this.name = 'RateLimitedError';
  }

  /** For a Retry-After header: whole seconds, at least 1. */
  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(this.retryAfterMs / 1000));
  }
}

/** "3 minutes" / "20 seconds": how long to wait, in words. */
export function waitInWords(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 120) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

// Own schema: the ORM's schema diff only looks at public, so this table is never seen as drift.
const SCHEMA = 'stepwise_limits';
const TABLE = 'counters';
const SIGN_IN_WINDOW_S = 15 * 60;
// Creating the same schema or table from several processes at once can fail with these.
const ALREADY_THERE = new Set(['23505', '42P06', '42P07']);

async function createTable(pool: pg.Pool): Promise<void> {
  const statements = [
    `create schema if not exists "${SCHEMA}"`,
    // The columns rate-limiter-flexible's RateLimiterPostgres reads and writes.
    `create table if not exists "${SCHEMA}"."${TABLE}" (key varchar(255) primary key, points integer not null default 0, expire bigint)`,
  ];
  for (const sql of statements) {
    await pool.query(sql).catch((error: { code?: string }) => {
      if (!ALREADY_THERE.has(error.code ?? '')) throw error;
    });
  }
}

const hashed = (text: string) => createHash('sha256').update(text).digest('hex');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type RateLimits = ReturnType<typeof createRateLimits>;

/** Limits counted in PostgreSQL, so they hold across every server process sharing the database. */
function createRateLimits(pool: pg.Pool, config: Config) {
  const ready = createTable(pool);
  ready.catch(() => undefined); // reported by the first limited call that awaits it
  const limiter = (keyPrefix: string, points: number, duration: number) =>
    new RateLimiterPostgres({ storeClient: pool, storeType: 'pool', schemaName: SCHEMA, tableName: TABLE, tableCreated: true, keyPrefix, points, duration });
  const chat = limiter('chat', config.RATE_LIMIT_CHAT_PER_MINUTE, 60);
  const ai = limiter('ai', config.RATE_LIMIT_AI_STEPS_PER_MINUTE, 60);
  const account = limiter('signin_account', config.SIGN_IN_MAX_FAILURES_PER_ACCOUNT, SIGN_IN_WINDOW_S);
  const ip = limiter('signin_ip', config.SIGN_IN_MAX_FAILURES_PER_IP, SIGN_IN_WINDOW_S);

  /** Counts one use; the wait before the next is allowed when over the limit, else 0. */
  async function take(which: RateLimiterPostgres, key: string): Promise<number> {
    await ready;
    try {
      await which.consume(key);
      return 0;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(rejection.msBeforeNext, 1);
      throw rejection;
    }
  }

  return {
    /** One chat message from `userId`. */
    async chat(userId: string): Promise<void> {
      const waitMs = await take(chat, userId);
      if (waitMs) throw new RateLimitedError(`You are sending messages too fast (at most ${config.RATE_LIMIT_CHAT_PER_MINUTE} a minute); try again in ${waitInWords(waitMs)}`, waitMs);
    },

    /** One model call of an AI step run by `userId`: waits for a slot up to `maxWaitMs`, else throws. */
    async aiCall(userId: string, maxWaitMs = config.RATE_LIMIT_AI_MAX_WAIT_MS): Promise<void> {
      const deadline = Date.now() + maxWaitMs;
      for (;;) {
        const waitMs = await take(ai, userId);
        if (!waitMs) return;
        if (Date.now() + waitMs > deadline) {
          const limit = config.RATE_LIMIT_AI_STEPS_PER_MINUTE;
          throw new RateLimitedError(`Too many AI step calls for this user (at most ${limit} a minute); the step is retried, or retry it in ${waitInWords(waitMs)}`, waitMs);
        }
        await sleep(waitMs);
      }
    },

    /** A sign-in attempt counts as a failure until it succeeds, so parallel guesses cannot slip past the limit. */
    async signInAttempt(email: string, clientIp: string): Promise<void> {
      const [accountWait, ipWait] = [await take(account, hashed(email)), await take(ip, clientIp)];
      if (accountWait) throw new RateLimitedError(`Too many failed sign-ins for this account; try again in ${waitInWords(accountWait)}`, accountWait);
      if (ipWait) throw new RateLimitedError(`Too many failed sign-ins from your network; try again in ${waitInWords(ipWait)}`, ipWait);
    },

    async signInSucceeded(email: string, clientIp: string): Promise<void> {
      await Promise.all([account.delete(hashed(email)), ip.reward(clientIp, 1)]);
    },
  };
}

const byPool = new WeakMap<pg.Pool, RateLimits>();

/** The limits of the database behind `pool` (one set per pool, created on first use). */
export function rateLimits(pool: pg.Pool, config: Config): RateLimits {
  let limits = byPool.get(pool);
  if (!limits) byPool.set(pool, (limits = createRateLimits(pool, config)));
  return limits;
}
