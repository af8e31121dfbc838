import type { TestCluster } from '@stepwise/db';
import { print } from '../workloads';
import { createWorkflow, inBatches, signUpMany, WORKFLOWS } from './clients';
import { type LoadServer, startServers } from './servers';

const SETTLE_MS = 5_000;
const MB = 1024 * 1024;

/** The process's own view from GET /metrics (prom-client default metrics), next to what /proc says. */
async function memoryOf(server: LoadServer): Promise<{ rss: number; metricsRss: number; heapUsed: number }> {
  await new Promise((r) => setTimeout(r, SETTLE_MS));
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
  const deployment = await startServers(cluster, 1);
  try {
    const server = deployment.servers[0]!;
    const [person] = await signUpMany(server.url, 1);
    const workflowId = await createWorkflow(person!.api, WORKFLOWS.calculation());
    const start = (n: number) =>
      inBatches(Array.from({ length: n }), 50, async () => {
        const run = await person!.api.executions.start.mutate({ workflowId });
        if (run.status !== 'waiting_for_input') throw new Error(`run ${run.id} is ${run.status}, not waiting at its form`);
      });
    const fresh = await memoryOf(server);
    const warm = Math.ceil(count / 10);
    await start(warm);
    const warmed = await memoryOf(server);
    await start(count - warm);
    const after = await memoryOf(server);

    const { rows } = await deployment.db.pool.query<{ n: number }>(`select count(*)::int as n from workflow_executions where status = 'waiting_for_input'`);
    print({ name: 'load.waiting_runs_in_db', value: rows[0]!.n, unit: 'runs', goal: String(count) });
    const note = `/metrics process_resident_memory_bytes says ${(after.metricsRss / MB).toFixed(1)} MB`;
    print({ name: 'load.waiting_runs_rss_fresh_mb', value: fresh.rss / MB, unit: 'MB', note: 'started, one person signed up' });
    print({ name: 'load.waiting_runs_rss_before_mb', value: warmed.rss / MB, unit: 'MB', note: `after the first ${warm} runs (warm-up)` });
    print({ name: 'load.waiting_runs_rss_after_mb', value: after.rss / MB, unit: 'MB', note: `after all ${count} runs; ${note}` });
    const perRun = (after.rss - warmed.rss) / (count - warm);
    print({ name: 'load.waiting_runs_rss_bytes_per_run', value: perRun, unit: 'bytes', note: `RSS growth over the last ${count - warm} runs` });
    const heapPerRun = (after.heapUsed - warmed.heapUsed) / (count - warm);
    print({ name: 'load.waiting_runs_heap_bytes_per_run', value: heapPerRun, unit: 'bytes', note: `heap used ${(warmed.heapUsed / MB).toFixed(1)} -> ${(after.heapUsed / MB).toFixed(1)} MB (no forced GC)` });
  } finally {
    await deployment.stop();
  }
}
