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
  const killed: string[] = [];
  let next = 0;

  /** SIGKILLs member `i` and starts a new process on its port at once. */
  async function killAndRestart(i: number): Promise<void> {
    const old = members[i]!;
    old.proc.child.kill('SIGKILL');
    await old.proc.exited;
    killed.push(old.proc.log());
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

  /** SIGTERM to every process; returns the ones that did not shut down within `graceMs` (then SIGKILLed). */
  async function stop(graceMs = 30_000): Promise<number[]> {
    const hung: number[] = [];
    await Promise.all(
      members.map(async (m, i) => {
        if (m.proc.child.exitCode !== null) return;
        m.proc.child.kill('SIGTERM');
        const timer = setTimeout(() => (hung.push(i), m.proc.child.kill('SIGKILL')), graceMs);
        await m.proc.exited;
        clearTimeout(timer);
      }),
    );
    await rm(dataDir, { recursive: true, force: true });
    return hung;
  }

  /** The log lines of every process (current and killed ones) at warn level or above. */
  const problems = () => [...killed, ...members.map((m) => m.proc.log())].join('\n').split('\n').filter((l) => /"level":(40|50|60)/.test(l));

  return { members, call, killAndRestart, stop, problems, kills: () => kills, anyUrl: () => members[0]!.url };
}

/** No HTTP answer at all (refused, reset, hung up): the process died; a real answer is never retried here. */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const httpStatus = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
  return httpStatus === undefined || httpStatus >= 502;
}
