import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type DatabaseHandle, openDatabase } from '@stepwise/db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { startOpenAICompatibleServer } from '../ai/openai-compatible-server';
import { freePort } from '../server/process';
import { startCluster } from './cluster';
import { clusterEnv, driveRuns, endState, startTipModel, usersWithWorkflows } from './scripted-client';

const RUNS = 300;
const AT_ONCE = 30;
const RESTARTS = 2;

// An embedded PostgreSQL of this test's own, so restarting it disturbs nothing else.
let dir: string;
let pgPort: number;
let database: DatabaseHandle;
let model: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;
let cluster: Awaited<ReturnType<typeof startCluster>> | undefined;
const openPostgres = () => openDatabase({ dataDir: path.join(dir, 'pg'), port: pgPort, database: 'stepwise', settings: { fsync: 'off' } });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'stepwise-chaos-pg-'));
  pgPort = await freePort();
  database = await openPostgres();
  model = await startTipModel();
});
afterAll(async () => {
  await cluster?.stop();
  await model?.close();
  await database?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('PostgreSQL restarted under the load of three processes', () => {
  it(`${RUNS} runs all complete, every step completed exactly once, and every process stays up`, { timeout: 420_000 }, async () => {
    cluster = await startCluster(3, clusterEnv(database.url, model.baseURL));
    const c = cluster;
    const check = new pg.Pool({ connectionString: database.url, max: 2 });
    check.on('error', () => undefined); // its idle connections die with each restart
    const users = await usersWithWorkflows(c, 10);

    let restarts = 0;
    let stop = false;
    const restarting = (async () => {
      while (!stop && restarts < RESTARTS) {
        await new Promise((r) => setTimeout(r, 4_000));
        if (stop) break;
        await database.stop();
        await new Promise((r) => setTimeout(r, 1_000));
        database = await openPostgres();
        restarts++;
      }
    })();
    let runIds: string[] = [];
    try {
      runIds = await driveRuns(c, users, RUNS, AT_ONCE, check);
    } catch (error) {
      console.error(JSON.stringify((error as { data?: unknown }).data), c.problems().filter((l) => /"level":(50|60)/.test(l)).join('\n'));
      throw error;
    } finally {
      stop = true;
      await restarting;
    }
    try {
      expect(restarts).toBe(RESTARTS);
      expect(c.members.map((m) => m.proc.child.exitCode)).toEqual([null, null, null]);
      expect(await endState(check, runIds)).toEqual({ unfinished: 0, total: RUNS, notOnce: [] });
      expect(await c.stop()).toEqual([]); // SIGTERM: every process shuts down in time
    } finally {
      await check.end();
    }
  });
});
