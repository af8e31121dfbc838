import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestCluster } from '@stepwise/db';
import { print } from '../workloads';
import { createWorkflow, inBatches, signUpMany, WORKFLOWS } from './clients';
import { type LoadServer, startServers } from './servers';

const SETTLE_MS = 5_000;
const MB = 1024 * 1024;

/**
 * A full garbage collection from outside: writing a heap snapshot (on SIGUSR2, see NODE_OPTIONS
 * below) collects first, and it blocks the process, so a request sent once the file exists is
 * answered after it. The snapshot itself is thrown away.
 */
async function collectGarbage(server: LoadServer, dir: string): Promise<void> {
  server.process.child.kill('SIGUSR2');
  for (let i = 0; (await readdir(dir)).length === 0; i++) {
    if (i > 600) throw new Error('the server wrote no heap snapshot on SIGUSR2 within 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  await fetch(`${server.url}/healthz`);
  for (const file of await readdir(dir)) await rm(path.join(dir, file), { force: true });
}

/** The process's own view from GET /metrics (prom-client default metrics), next to what /proc says. */
async function memoryOf(server: LoadServer, snapshots?: string): Promise<{ rss: number; metricsRss: number; heapUsed: number }> {
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  if (snapshots) await collectGarbage(server, snapshots);
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const metric = (name: string) => {
    const value = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1];
    if (value === undefined) throw new Error(`/metrics has no ${name}: are prom-client's default metrics still collected?`);
    return Number(value);
  };
  return { rss: await server.rssBytes(), metricsRss: metric('process_resident_memory_bytes'), heapUsed: metric('nodejs_heap_size_used_bytes') };
}

/**
 * load.waiting_runs_rss_*: `count` runs waiting at a form, created over HTTP; a run waiting for a
 * person lives in PostgreSQL only, so the process's memory should not grow with their number.
 * The first tenth warms the process up (code paths, pools, JIT); growth is measured after it.
 */
export async function benchWaitingRunsMemory(cluster: TestCluster, count: number): Promise<void> {
  const snapshots = await mkdtemp(path.join(os.tmpdir(), 'stepwise-heap-'));
  const deployment = await startServers(cluster, 1, { NODE_OPTIONS: `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${snapshots}` });
  try {
    const server = deployment.servers[0]!;
    const [person] = await signUpMany(server.url, 1);
    const workflowId = await createWorkflow(person!.api, WORKFLOWS.calculation());
    const start = (n: number) =>
      inBatches(Array.from({ length: n }), 50, async () => {
        const run = await person!.api.executions.start.mutate({ workflowId });
        if (run.status !== 'waiting_for_input') throw new Error(`run ${run.id} is ${run.status}, not waiting at its form`);
      });
    const fresh = await memoryOf(server); // before any snapshot: what a started process holds
    const warm = Math.ceil(count / 10);
    await start(warm);
    const warmed = await memoryOf(server, snapshots);
    await start(count - warm);
    const after = await memoryOf(server, snapshots);

    const { rows } = await deployment.db.pool.query<{ n: number }>(`select count(*)::int as n from workflow_executions where status = 'waiting_for_input'`);
    print({ name: 'load.waiting_runs_in_db', value: rows[0]!.n, unit: 'runs', goal: String(count) });
    const note = `/metrics process_resident_memory_bytes says ${(after.metricsRss / MB).toFixed(1)} MB`;
    print({ name: 'load.waiting_runs_rss_fresh_mb', value: fresh.rss / MB, unit: 'MB', note: 'started, one person signed up; no forced GC' });
    print({ name: 'load.waiting_runs_rss_before_mb', value: warmed.rss / MB, unit: 'MB', note: `after the first ${warm} runs (warm-up) and a full GC, whose heap snapshot leaves RSS higher` });
    print({ name: 'load.waiting_runs_rss_after_mb', value: after.rss / MB, unit: 'MB', note: `after all ${count} runs and a full GC; ${note}` });
    const perRun = (after.rss - warmed.rss) / (count - warm);
    print({ name: 'load.waiting_runs_rss_bytes_per_run', value: perRun, unit: 'bytes', note: `RSS growth over the last ${count - warm} runs` });
    const heapPerRun = (after.heapUsed - warmed.heapUsed) / (count - warm);
    print({ name: 'load.waiting_runs_heap_bytes_per_run', value: heapPerRun, unit: 'bytes', note: `heap used ${(warmed.heapUsed / MB).toFixed(1)} -> ${(after.heapUsed / MB).toFixed(1)} MB (after a full GC)` });
  } finally {
    await deployment.stop();
    await rm(snapshots, { recursive: true, force: true });
  }
}
