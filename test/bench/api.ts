import type { EngineEvent } from '@stepwise/engine';
import { createStepwiseClient } from '@stepwise/server/client';
import { io } from 'socket.io-client';
import { callMutation, signUp } from '../api/auth-helpers';
import { askThenGrow, saveWorkflow } from '../api/harness';
import { startBenchApp } from './bench-app';
import { percentile, print } from './workloads';

/**
 * api.executions_get_p50_ms with 10,000 executions stored (baseline: the same row by raw SQL) and
 * live.step_event_latency_p50_ms (a step's commit to a socket.io client receiving its event).
 */
export async function benchApi(): Promise<void> {
  const bench = await startBenchApp();
  const { db, app, raw } = bench;
  try {
    const me = await signUp(app.url);
    const userId = me.user.id;
    const { body } = await callMutation(app.url, 'auth.createApiToken', { name: 'bench' }, me.headers);
    const token = (body.result!.data as { token: string }).token;
    const api = createStepwiseClient(app.url, token);
    const { definition, ...saved } = await saveWorkflow(bench, userId, askThenGrow(1));

    // 10,000 executions waiting for their form, written in bulk.
    const first = await app.engine.start({ workflowId: saved.id, definition, userId, sessionId: 'bench' });
    await db.pool.query(
      `insert into workflow_executions (workflow_id, user_id, session_id, status, context, version)
       select workflow_id, user_id, session_id, status, context, version from workflow_executions, generate_series(1, 9999) where id = $1`,
      [first.id],
    );
    await db.pool.query(
      `insert into workflow_step_executions (execution_id, step_id, step_type, attempt, status, waiting_for, output_data, started_at)
       select e.id, 'ask', 'data_collection', 1, 'waiting', 'input', s.output_data, now()
         from workflow_executions e cross join (select output_data from workflow_step_executions where execution_id = $1) s
        where e.id <> $1`,
      [first.id],
    );
    await db.pool.query('analyze');
    const { rows } = await db.pool.query<{ id: string }>('select id from workflow_executions order by random() limit 500');
    const ids = rows.map((r) => r.id);
    const time = async (fn: (id: string) => Promise<unknown>) => {
      for (const id of ids.slice(0, 50)) await fn(id); // warm-up
      const samples: number[] = [];
      for (const id of ids) {
        const t0 = performance.now();
        await fn(id);
        samples.push(performance.now() - t0);
      }
      return percentile(samples, 50);
    };
    const sqlP50 = await time((id) => raw.query('select * from workflow_executions where id = $1', [id]));
    const apiP50 = await time((id) => api.executions.get.query({ id }));
    const base = { name: 'pg.execution_row_fetch_p50_ms', value: sqlP50, unit: 'ms' };
    print({ name: 'api.executions_get_p50_ms', value: apiP50, unit: 'ms', baseline: base, ratio: apiP50 / sqlP50 });

    // Live: from the commit (the engine's event, in this process) to the socket.io client.
    const committedAt = new Map<string, number>();
    const latencies: number[] = [];
    app.engine.on((e) => {
      if (e.type === 'step.completed') committedAt.set(`${e.runId}:${e.stepId}:${e.seq}`, performance.now());
    });
    const socket = io(app.url, { transports: ['websocket'], extraHeaders: { cookie: me.cookie } });
    await new Promise<void>((resolve, reject) => (socket.once('connect', () => resolve()), socket.once('connect_error', reject)));
    socket.on('run.event', (e: EngineEvent) => {
      const at = e.type === 'step.completed' ? committedAt.get(`${e.runId}:${e.stepId}:${e.seq}`) : undefined;
      if (at !== undefined) latencies.push(performance.now() - at);
    });
    for (let i = 0; i < 200; i++) {
      const run = await app.engine.start({ workflowId: saved.id, definition, userId, sessionId: 'bench' });
      await socket.emitWithAck('execution.join', { executionId: run.id });
      await app.engine.submitInput(run.id, 'ask', { amount: 1000 + i });
    }
    await new Promise((r) => setTimeout(r, 300));
    socket.disconnect();
    print({ name: 'live.step_event_latency_p50_ms', value: percentile(latencies, 50), unit: 'ms', goal: '<= 10' });
    print({ name: 'live.step_event_latency_p99_ms', value: percentile(latencies, 99), unit: 'ms' });
  } finally {
    await bench.close();
  }
}
