import { createTestDatabase, insertDefinition, insertUser, PgStore, startTestCluster } from '@stepwise/db';
import { WorkflowEngine, createDefaultRegistry, type RunCommit, type RunRecord } from '@stepwise/engine';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { GROWTH_INPUT, print, tenCalculationSteps } from './workloads';
import { testEnv } from '../env';

const POOL_SIZE = 10;
const WORKERS = testEnv.benchWorkers();
const DURATION_MS = testEnv.benchSeconds() * 1000;

async function forDuration(workers: number, body: () => Promise<number>): Promise<number> {
  const until = performance.now() + DURATION_MS;
  let done = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < until) {
        const n = await body(); // not `done += await body()`: that reads `done` before awaiting
        done += n;
      }
    }),
  );
  return done / ((performance.now() - t0) / 1000);
}

/**
 * engine.durable_steps_per_s: 10-step calculation runs on PostgreSQL, many at once, against the
 * baseline of one-row INSERT transactions with the same pool size on the same database.
 */
export async function benchDurableSteps(): Promise<void> {
  const cluster = await startTestCluster();
  const db = await createTestDatabase({ cluster });
  try {
    await db.pool.query('create table bench_commits (id bigserial primary key, run_id uuid not null, payload jsonb not null)');
    const baselinePool = new pg.Pool({ connectionString: db.url, max: POOL_SIZE });
    baselinePool.on('error', () => undefined);
    const payload = JSON.stringify({ future_value: 13_000.12, total_contributions: 13_000, growth: 0.12 });
    const baseline = () =>
      forDuration(WORKERS, async () => {
        await baselinePool.query('insert into bench_commits (run_id, payload) values (gen_random_uuid(), $1::jsonb)', [payload]);
        return 1;
      });

    const enginePool = new pg.Pool({ connectionString: db.url, max: POOL_SIZE });
    enginePool.on('error', () => undefined);
    const registry = createDefaultRegistry();
    const engineStore = new PgStore(enginePool);
    const engine = new WorkflowEngine({ store: engineStore, registry });
    const definition = engine.validate(tenCalculationSteps());
    const workflowId = await insertDefinition(db.pool, definition);
    const userId = await insertUser(db.pool);
    const steps = () =>
      forDuration(WORKERS, async () => {
        const run = await engine.start({ workflowId, definition, userId, sessionId: 'bench', input: GROWTH_INPUT });
        if (run.status !== 'completed') throw new Error(`bench run ended ${run.status}`);
        return 10;
      });

    // The store alone: replay one run's exact writes (no engine work) to show where time goes.
    const store = new PgStore(enginePool);
    const writes: Array<RunRecord | RunCommit> = [];
    const recorder = Object.assign(Object.create(store) as PgStore, {
      createRun: (r: RunRecord) => (writes.push(structuredClone(r)), store.createRun(r)),
      commit: (c: RunCommit) => (writes.push(structuredClone(c)), store.commit(c)),
    });
    await new WorkflowEngine({ store: recorder, registry }).start({ workflowId, definition, userId, sessionId: 'bench', input: GROWTH_INPUT });
    const replay = () =>
      forDuration(WORKERS, async () => {
        const id = randomUUID();
        for (const w of writes) await ('runId' in w ? store.commit({ ...w, runId: id }) : store.createRun({ ...w, id }));
        return 10;
      });

    await baseline(); // warm-up of every path
    await steps();
    await replay();
    const before = await baseline();
    const sentBefore = engineStore.commitsSent();
    const stepsPerS = await steps();
    const sentAfter = engineStore.commitsSent();
    const replayPerS = await replay();
    const after = await baseline();
    const commitsPerS = (before + after) / 2;
    const base = { name: 'pg.single_row_commits_per_s', value: commitsPerS, unit: 'commits/s' };
    print({ ...base, note: `${cluster.embedded ? 'embedded' : 'DATABASE_URL'} PostgreSQL, pool ${POOL_SIZE}, ${WORKERS} concurrent` } as never);
    print({ name: 'engine.durable_steps_per_s', value: stepsPerS, unit: 'steps/s', baseline: base, ratio: stepsPerS / commitsPerS, goal: 'ratio >= 0.5' });
    const batch = (sentAfter.commits - sentBefore.commits) / (sentAfter.statements - sentBefore.statements);
    print({ name: 'store.commits_per_statement', value: batch, unit: 'commits', note: 'group commit: mean batch during engine.durable_steps_per_s' });
    print({ name: 'store.replayed_step_commits_per_s', value: replayPerS, unit: 'steps/s', baseline: base, ratio: replayPerS / commitsPerS });
    await baselinePool.end();
    await enginePool.end();
  } finally {
    await db.drop();
    await cluster.stop();
  }
}
