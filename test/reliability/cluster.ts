import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AppRouter } from '@stepwise/server/router';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { freePort, type ServerProcess, startServer, waitForHealth } from '../server/process';

export type Api = ReturnType<typeof createTRPCClient<AppRouter>>;

interface Member {
  port: number;
  url: string;
  proc: ServerProcess;
  /** Resolves once the process answers /healthz (after a restart too). */
  ready: Promise<void>;
}

/**
 * N real server processes on one PostgreSQL, each restartable on its own port, and a client that
 * sends each call to a live one and tries the next when a process is gone mid-call.
 */
export async function startCluster(size: number, env: Record<string, string>) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'stepwise-cluster-')); // one encryption key for all
  const spawn = (port: number): Member => {
    const url = `http://127.0.0.1:${port}`;
    const proc = startServer({ ...env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
    return { port, url, proc, ready: waitForHealth(url, proc, 90_000).then(() => undefined) };
  };
  const members: Member[] = [];
  for (let i = 0; i < size; i++) {
    const member = spawn(await freePort());
    members.push(member);
    await member.ready; // one at a time: the first applies the migrations
  }
  let kills = 0;
  let next = 0;

  /** SIGKILLs member `i` and starts a new process on its port at once. */
  async function killAndRestart(i: number): Promise<void> {
    const old = members[i]!;
    old.proc.child.kill('SIGKILL');
    await old.proc.exited;
    kills++;
    members[i] = spawn(old.port);
  }

  /** Calls `fn` on a live process; a process that vanished mid-call (connection error) means: try another. */
  async function call<T>(cookie: string, fn: (api: Api) => Promise<T>, attempts = 100): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const member = members[next++ % members.length]!;
      const api = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${member.url}/trpc`, headers: { cookie } })] });
      try {
        return await fn(api);
      } catch (error) {
        if (!isConnectionError(error) || attempt >= attempts) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  async function stop(): Promise<void> {
    for (const m of members) if (m.proc.child.exitCode === null) m.proc.child.kill('SIGTERM');
    await Promise.all(members.map((m) => m.proc.exited));
    await rm(dataDir, { recursive: true, force: true });
  }

  return { members, call, killAndRestart, stop, kills: () => kills, anyUrl: () => members[0]!.url };
}

/** No HTTP answer at all (refused, reset, hung up): the process died; a real answer is never retried here. */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const httpStatus = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
  return httpStatus === undefined || httpStatus >= 502;
}
