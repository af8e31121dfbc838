import { createAdapter as createPostgresAdapter } from '@socket.io/postgres-adapter';
import { createAdapter as createRedisAdapter } from '@socket.io/redis-adapter';
import pg from 'pg';
import { createClient } from 'redis';
import type { ServerOptions } from 'socket.io';
import type { Services } from '../services';

export interface LiveAdapter {
  adapter: ServerOptions['adapter'];
  /** Which bus carries events between processes (for logs and tests). */
  kind: 'redis' | 'postgres';
  close(): Promise<void>;
}

/** Connection attempts at startup before a configured but silent Redis stops the process. */
const STARTUP_ATTEMPTS = 5;

/**
 * The socket.io adapter that carries events between server processes: Redis when REDIS_URL is
 * set, else PostgreSQL (LISTEN/NOTIFY), so a second process needs nothing beyond the database.
 */
export function createLiveAdapter(services: Services, databaseUrl: string): Promise<LiveAdapter> {
  const redisUrl = services.config.REDIS_URL;
  return redisUrl ? redisAdapter(services, redisUrl) : postgresAdapter(services, databaseUrl);
}

async function redisAdapter(services: Services, redisUrl: string): Promise<LiveAdapter> {
  const where = redactedHost(redisUrl);
  let started = false;
  // Once running, a lost connection is retried forever (events pause, the process stays up);
  // at startup a Redis that never answers is a configuration error, said plainly.
  const reconnectStrategy = (retries: number) =>
    !started && retries >= STARTUP_ATTEMPTS ? new Error(`Redis at ${where} is not answering`) : Math.min(100 * 2 ** retries, 5_000);
  const pub = createClient({ url: redisUrl, socket: { reconnectStrategy, connectTimeout: 5_000 } });
  const sub = pub.duplicate();
  for (const [role, client] of [['publisher', pub], ['subscriber', sub]] as const) {
    client.on('error', (error: Error) => services.log.warn({ err: error.message, redis: where, role }, 'live updates: Redis connection error'));
  }
  try {
    await Promise.all([pub.connect(), sub.connect()]);
  } catch (error) {
    await Promise.allSettled([pub.disconnect(), sub.disconnect()]);
    throw new Error(`Live updates: cannot connect to Redis at ${where} (REDIS_URL): ${(error as Error).message}. Start Redis or unset REDIS_URL to use PostgreSQL.`);
  }
  started = true;
  services.log.info({ redis: where }, 'Live updates through Redis');
  return {
    adapter: createRedisAdapter(pub, sub),
    kind: 'redis',
    async close() {
      // quit() waits for pending replies; a client that is down has nothing to wait for.
      await Promise.allSettled([pub, sub].map((client) => (client.isOpen ? client.quit() : Promise.resolve())));
    },
  };
}

async function postgresAdapter(services: Services, databaseUrl: string): Promise<LiveAdapter> {
  // The adapter keeps one connection LISTENing: its own small pool, apart from the request pool.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on('error', (error) => services.log.warn({ err: error.message }, 'live updates: PostgreSQL connection error'));
  // The adapter keeps its LISTEN client checked out with no 'error' listener of its own: a dropped
  // connection (PostgreSQL restarting) would crash the process. It reconnects on the 'end' that follows.
  const clients = new Set<pg.PoolClient>();
  pool.on('connect', (client) => {
    clients.add(client);
    client.on('end', () => clients.delete(client));
    client.on('error', (error) => services.log.warn({ err: error.message }, 'live updates: LISTEN connection lost'));
  });
  try {
    await pool.query(
      'create table if not exists socket_io_attachments (id bigserial unique, created_at timestamptz default now(), payload bytea)',
    );
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    adapter: createPostgresAdapter(pool, {
      errorHandler: (error) => services.log.warn({ err: error.message }, 'live updates: adapter error'),
    }),
    kind: 'postgres',
    async close() {
      // After a reconnect the adapter can keep its LISTEN client checked out past io.close(), and
      // pool.end() waits for it forever: end the clients ourselves after a short grace.
      const ended = pool.end();
      const timedOut = await Promise.race([ended.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 2_000).unref())]);
      if (timedOut) {
        for (const client of clients) await client.end().catch(() => undefined);
        await Promise.race([ended, new Promise((r) => setTimeout(r, 2_000).unref())]);
      }
    },
  };
}

/** host:port only: a REDIS_URL may carry a password. */
function redactedHost(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.host || url;
  } catch {
    return 'REDIS_URL';
  }
}
