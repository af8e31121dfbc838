import { connect as tcpConnect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEventsAcrossProcesses, startTwoProcesses, type TwoProcesses } from './live-scenario';
import { startTestApp } from './harness';

/** Live updates through the Redis adapter (REDIS_URL) across two server processes on one database. */

const REDIS_URL = 'redis://127.0.0.1:6379';

/** Whether a Redis answers PING there; a fresh machine may have none. */
function redisAnswers(host = '127.0.0.1', port = 6379): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host, port, timeout: 1_000 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

const hasRedis = await redisAnswers();
if (!hasRedis) console.warn(`live-redis: skipped, no Redis answers at ${REDIS_URL} (start one, e.g. \`redis-server\`, to run these tests)`);

let t: TwoProcesses;
beforeAll(async () => {
  if (hasRedis) t = await startTwoProcesses({ REDIS_URL }); // both on the same PostgreSQL and Redis
});
afterAll(async () => t?.stop());

describe('live updates through Redis (REDIS_URL)', () => {
  it.skipIf(!hasRedis)('both processes use the Redis adapter', () => {
    for (const app of [t.a, t.b]) expect(app.app.live.io.of('/').adapter.constructor.name).toBe('RedisAdapter');
  });

  it.skipIf(!hasRedis)('a client on process B receives every event of a run driven by process A, in order; another user gets none', () =>
    expectEventsAcrossProcesses(t));

  it.skipIf(!hasRedis)('a server pointed at a Redis that does not answer refuses to start, saying so', async () => {
    await expect(startTestApp({ REDIS_URL: 'redis://127.0.0.1:1' }, t.a.db)).rejects.toThrow(/Redis at 127\.0\.0\.1:1.*REDIS_URL/s);
  });
});
