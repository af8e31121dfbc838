import type { TestCluster, TestDatabase } from '@stepwise/db';
import { print } from '../workloads';
import { clientOn, createWorkflow, runToCompletion, signUpMany, WORKFLOWS } from './clients';
import { startServers } from './servers';

const PEOPLE = 8;
/** Below one process's WORK_CONCURRENCY (16): jobs never wait for a free slot, so the figure is the queue's own delay. */
const PACED_CLIENTS = 8;
const PACED_SECONDS = 5;
/** Enough runs in flight to keep every process's slots busy. */
const SATURATING_CLIENTS = 64;

/** Closed loop: `clients` callers, each starting and finishing one run after another, spread over the processes. */
async function closedLoop(urls: string[], people: Awaited<ReturnType<typeof signUpMany>>, workflowIds: string[], clients: number, seconds: number) {
  const until = performance.now() + seconds * 1000;
  const ids: string[] = [];
  const problems: string[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const who = c % people.length;
      const api = clientOn(urls[c % urls.length]!, people[who]!);
      for (let i = 0; performance.now() < until; i++) {
        const run = await runToCompletion(api, workflowIds[who]!, 100 + i).catch((error: unknown) => (problems.push(String(error)), null));
        if (run) ids.push(run.id);
      }
    }),
  );
  return { ids, problems, perSecond: ids.length / ((performance.now() - t0) / 1000) };
}

/** Enqueue (pg-boss created_on) to taken by a process (started_on), both PostgreSQL clocks, for these runs' jobs. */
async function dispatchLatency(db: TestDatabase, runIds: string[]): Promise<{ p50: number; p99: number; jobs: number }> {
  const { rows } = await db.pool.query<{ p50: number; p99: number; jobs: number }>(
    `select percentile_cont(0.5) within group (order by ms) as p50, percentile_cont(0.99) within group (order by ms) as p99, count(*)::int as jobs
       from (select extract(epoch from started_on - created_on) * 1000 as ms from pgboss.job
              where name = 'advance-run' and started_on is not null and data->>'runId' = any($1::text[])
             union all
             select extract(epoch from started_on - created_on) * 1000 from pgboss.archive
              where name = 'advance-run' and started_on is not null and data->>'runId' = any($1::text[])) j`,
    [runIds],
  );
  return rows[0]!;
}

/**
 * queue.dispatch_latency_p50_ms and load.runs_completed_per_s with 1 and then 2 server processes
 * (real child processes on one PostgreSQL), form -> calculation runs started and answered through
 * every process in turn.
 */
export async function benchScaleOut(cluster: TestCluster, seconds: number): Promise<void> {
  const perSecond: number[] = [];
  for (const processes of [1, 2]) {
    const deployment = await startServers(cluster, processes);
    try {
      const urls = deployment.servers.map((s) => s.url);
      const people = await signUpMany(urls[0]!, PEOPLE);
      const workflowIds = await Promise.all(people.map((p) => createWorkflow(p.api, WORKFLOWS.calculation())));
      await closedLoop(urls, people, workflowIds, PACED_CLIENTS, 1); // warm-up

      const paced = await closedLoop(urls, people, workflowIds, PACED_CLIENTS, PACED_SECONDS);
      const latency = await dispatchLatency(deployment.db, paced.ids);
      const note = `${processes} process(es), ${PACED_CLIENTS} callers one run at a time; ${latency.jobs} jobs`;
      print({ name: `queue.dispatch_latency_p50_ms.${processes}proc`, value: latency.p50, unit: 'ms', goal: '<= 10', note });
      print({ name: `queue.dispatch_latency_p99_ms.${processes}proc`, value: latency.p99, unit: 'ms' });

      const busy = await closedLoop(urls, people, workflowIds, SATURATING_CLIENTS, seconds);
      const busyLatency = await dispatchLatency(deployment.db, busy.ids);
      perSecond.push(busy.perSecond);
      const errors = paced.problems.length + busy.problems.length;
      print({ name: `load.scale_out_errors.${processes}proc`, value: errors, unit: 'errors', goal: '0', note: [...paced.problems, ...busy.problems][0] });
      print({
        name: `load.runs_completed_per_s.${processes}proc`,
        value: busy.perSecond,
        unit: 'runs/s',
        note: `${SATURATING_CLIENTS} callers for ${seconds} s; dispatch latency there p50 ${busyLatency.p50.toFixed(1)} ms, p99 ${busyLatency.p99.toFixed(1)} ms (includes waiting for a free slot)`,
      });
    } finally {
      await deployment.stop();
    }
  }
  const [one, two] = perSecond as [number, number];
  const base = { name: 'load.runs_completed_per_s.1proc', value: one, unit: 'runs/s' };
  print({ name: 'load.runs_completed_per_s.2proc', value: two, unit: 'runs/s', baseline: base, ratio: two / one, note: 'both processes and PostgreSQL share one machine' });
}
