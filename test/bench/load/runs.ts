import type { TestCluster } from '@stepwise/db';
import { percentile, print } from '../workloads';
import { createWorkflow, runToCompletion, signUpMany, WORKFLOWS } from './clients';
import { startServers } from './servers';

const PEOPLE = 20;

/**
 * load.run_start_p50_ms / load.run_to_completed_p50_ms: `count` runs at once against one server
 * process, half form -> calculation and half form -> auto-accepted AI step (built-in model); each
 * is started, its form answered, and followed until completed.
 */
export async function benchRuns(cluster: TestCluster, count: number): Promise<void> {
  const deployment = await startServers(cluster, 1);
  try {
    const url = deployment.servers[0]!.url;
    const people = await signUpMany(url, PEOPLE);
    const flows = await Promise.all(
      people.map(async (p) => ({ api: p.api, calculation: await createWorkflow(p.api, WORKFLOWS.calculation()), ai: await createWorkflow(p.api, WORKFLOWS.ai()) })),
    );
    await runToCompletion(flows[0]!.api, flows[0]!.ai, 1); // warm-up of both kinds
    await runToCompletion(flows[0]!.api, flows[0]!.calculation, 1);

    const problems: string[] = [];
    const done: Array<{ id: string; startMs: number; totalMs: number; unsettled: number; kind: 'calculation' | 'ai' }> = [];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const flow = flows[i % flows.length]!;
        const kind = i % 2 === 0 ? 'calculation' : 'ai';
        // Distinct amounts so every AI step asks the model rather than the cache.
        const run = await runToCompletion(flow.api, flow[kind], 1000 + i).catch((error: unknown) => (problems.push(String(error)), null));
        if (run) done.push({ ...run, kind });
      }),
    );
    const wall = (performance.now() - t0) / 1000;
    const { rows } = await deployment.db.pool.query<{ n: number }>(`select count(*)::int as n from workflow_executions where id = any($1::uuid[]) and status = 'completed'`, [
      done.map((d) => d.id),
    ]);
    const note = `${count} runs at once on one process (${count / 2} calculation, ${count / 2} AI); ${(count / wall).toFixed(1)} runs/s`;
    print({ name: 'load.run_errors', value: problems.length, unit: 'errors', goal: '0', note: problems[0] ?? note });
    print({ name: 'load.runs_completed_in_db', value: rows[0]!.n, unit: 'runs', goal: String(count) });
    const unsettled = done.reduce((n, d) => n + d.unsettled, 0);
    print({ name: 'load.run_answers_unsettled', value: unsettled, unit: 'answers', note: `of ${2 * count}: a start or an answer that came back after the server's 10 s wait with its run still moving` });
    const starts = done.map((d) => d.startMs);
    print({ name: 'load.run_start_p50_ms', value: percentile(starts, 50), unit: 'ms', note });
    print({ name: 'load.run_start_p99_ms', value: percentile(starts, 99), unit: 'ms' });
    for (const kind of ['calculation', 'ai'] as const) {
      const totals = done.filter((d) => d.kind === kind).map((d) => d.totalMs);
      print({ name: `load.run_to_completed_${kind}_p50_ms`, value: percentile(totals, 50), unit: 'ms', note: 'start, form answered, completed' });
      print({ name: `load.run_to_completed_${kind}_p99_ms`, value: percentile(totals, 99), unit: 'ms' });
    }
  } finally {
    await deployment.stop();
  }
}
