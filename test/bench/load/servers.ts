import { randomBytes } from 'node:crypto';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestCluster, type TestDatabase } from '@stepwise/db';
import { freePort, type ServerProcess, startServer, waitForHealth } from '../../server/process';

/**
 * Limits a load bench must lift: they are per user and per minute, and a bench sends hundreds of
 * chat messages and thousands of runs in a minute. Everything else is the server's default.
 */
const BENCH_ENV = {
  LOG_LEVEL: 'warn',
  RATE_LIMIT_CHAT_PER_MINUTE: '100000',
  RATE_LIMIT_AI_STEPS_PER_MINUTE: '100000',
  MAX_ACTIVE_RUNS_PER_USER: '100000',
};

/** Every server process a part started, so a part past its deadline can still end them. */
const started = new Set<ServerProcess>();

export function killAllServers(): void {
  for (const p of started) p.child.kill('SIGKILL');
}

export interface LoadServer {
  url: string;
  process: ServerProcess;
  /** The process's resident memory, from /proc (the child is node itself, not a shell). */
  rssBytes(): Promise<number>;
}

export interface LoadCluster {
  db: TestDatabase;
  servers: LoadServer[];
  stop(): Promise<void>;
}

/** `count` real server processes (`npm start`) on one fresh database, sharing keys as a deployment would. */
export async function startServers(cluster: TestCluster, count: number, env: Record<string, string> = {}): Promise<LoadCluster> {
  const db = await createTestDatabase({ cluster });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'stepwise-load-'));
  const shared = {
    ...BENCH_ENV,
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    STEPWISE_ENCRYPTION_KEYS: randomBytes(32).toString('base64'),
    TOOL_APPROVAL_SECRET: randomBytes(32).toString('hex'),
    ...env,
  };
  const servers: LoadServer[] = [];
  const stop = async () => {
    for (const s of servers) s.process.child.kill('SIGTERM');
    await Promise.all(servers.map((s) => s.process.exited));
    await db.drop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < count; i++) {
      const port = await freePort();
      const process = startServer({ ...shared, PORT: String(port), HOST: '127.0.0.1' });
      started.add(process);
      void process.exited.then(() => started.delete(process));
      const url = `http://127.0.0.1:${port}`;
      servers.push({ url, process, rssBytes: () => rssOf(process.child.pid!) });
      await waitForHealth(url, process);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { db, servers, stop };
}

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS in /proc/${pid}/status: is the process still running?`);
  return Number(kb) * 1024;
}
