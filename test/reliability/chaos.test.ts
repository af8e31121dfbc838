import { createTestDatabase, type TestDatabase } from '@stepwise/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { startOpenAICompatibleServer } from '../ai/openai-compatible-server';
import { startCluster } from './cluster';
import { clusterEnv, driveRuns, endState, startTipModel, usersWithWorkflows } from './scripted-client';

const RUNS = 300;
const AT_ONCE = 30;
const KILL_EVERY_MS = 2_000;
const USERS = 10;

let db: TestDatabase;
let model: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;
let cluster: Awaited<ReturnType<typeof startCluster>> | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
  model = await startTipModel();
});
afterAll(async () => {
  await cluster?.stop();
  await model?.close();
  await db?.drop();
});

describe('three processes, one killed with SIGKILL every few seconds', () => {
  it(`${RUNS} runs driven by a scripted client all complete; every step's output is recorded exactly once; none is stuck`, { timeout: 420_000 }, async () => {
    cluster = await startCluster(3, clusterEnv(db.url, model.baseURL));
    const c = cluster;
    const users = await usersWithWorkflows(c, USERS);
    let stopChaos = false;
    const chaos = (async () => {
      for (let victim = 0; !stopChaos; victim = (victim + 1) % 3) {
        await new Promise((r) => setTimeout(r, victim === 0 && c.kills() === 0 ? 1_000 : KILL_EVERY_MS));
        if (stopChaos) break;
        await c.killAndRestart(victim);
        await c.members[victim]!.ready; // the next kill waits until this one is back: two of three stay up
      }
    })();

    let runIds: string[] = [];
    try {
      runIds = await driveRuns(c, users, RUNS, AT_ONCE, db.pool);
    } finally {
      stopChaos = true;
      await chaos;
    }

    console.info(`chaos: ${RUNS} runs on 3 processes, ${c.kills()} killed with SIGKILL and restarted`);
    // Each kill waits for the last victim to be back (~10 s of start-up here): a fast run sees at least two.
    expect(c.kills()).toBeGreaterThanOrEqual(2);
    expect(await endState(db.pool, runIds)).toEqual({ unfinished: 0, total: RUNS, notOnce: [] });
  });
});
