import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignedIn, signUp, signUpAdmin } from './auth-helpers';
import { askThenGrow, errorCode, saveWorkflow, startTestApp, type TestApp, waitForStatus } from './harness';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

let t: TestApp;
let alice: SignedIn;
let bob: SignedIn;
let workflowId: string;

beforeAll(async () => {
  t = await startTestApp({ METRICS_TOKEN });
  alice = await signUp(t.url);
  bob = await signUp(t.url);
  workflowId = (await saveWorkflow(t, alice.user.id, askThenGrow())).workflowId;
});
afterAll(async () => t?.stop());

/** Starts alice's run, answers its form after `waitMs`, and waits until its figures are written. */
async function finishedRun(waitMs = 0): Promise<string> {
  const client = t.client(alice.headers);
  const run = await client.executions.start.mutate({ workflowId });
  if (waitMs) await new Promise((r) => setTimeout(r, waitMs));
  await client.executions.submitInput.mutate({ id: run.id, stepId: 'ask', data: { amount: 1000 } });
  await waitForStatus(client, run.id, 'completed');
  await t.app.observability.flush();
  return run.id;
}

const metricRows = async (id: string) =>
  (
    await t.db.pool.query<{ metric_name: string; metric_value: string }>(
      'select metric_name, metric_value from workflow_execution_metrics where execution_id = $1 order by metric_name',
      [id],
    )
  ).rows;

describe('execution metrics', () => {
  it('a finished run gets its figures once, however often they are written, and after a restart', async () => {
    const id = await finishedRun(150);
    const rows = await metricRows(id);
    const value = (name: string) => Number(rows.find((r) => r.metric_name === name)?.metric_value);
    expect(rows.map((r) => r.metric_name)).toEqual(
      ['ai_calls', 'cost_usd', 'duration_ms', 'human_wait_ms', 'step_count', 'step_duration_ms:ask', 'step_duration_ms:grow', 'success', 'tokens'].sort(),
    );
    expect(value('success')).toBe(1);
    expect(value('step_count')).toBe(2);
    expect(value('ai_calls')).toBe(0);
    expect(value('human_wait_ms')).toBeGreaterThanOrEqual(100); // the form stayed open ~150 ms
    expect(value('duration_ms')).toBeGreaterThanOrEqual(value('human_wait_ms'));

    // The listener firing twice (and concurrently) writes nothing more.
    const again = await Promise.all([t.app.observability.metrics.write([id]), t.app.observability.metrics.write([id])]);
    expect(again).toEqual([0, 0]);
    expect(await metricRows(id)).toEqual(rows);

    // A restart's sweep finds nothing missing for this run.
    const second = await startTestApp({}, t.db);
    try {
      await second.app.observability.sweep();
      expect(await metricRows(id)).toEqual(rows);
    } finally {
      await second.stop();
    }
  });

  it('figures lost in a crash are filled in once by the next process to start', async () => {
    const id = await finishedRun();
    const rows = await metricRows(id);
    await t.db.pool.query('delete from workflow_execution_metrics where execution_id = $1', [id]);
    const first = await startTestApp({}, t.db);
    const second = await startTestApp({}, t.db);
    try {
      await Promise.all([first.app.observability.sweep(), second.app.observability.sweep()]);
      expect((await metricRows(id)).map((r) => r.metric_name)).toEqual(rows.map((r) => r.metric_name));
    } finally {
      await second.stop();
      await first.stop();
    }
  });

  it('are readable by the run owner and admins only', async () => {
    const id = await finishedRun();
    const mine = await t.client(alice.headers).analytics.executionMetrics.query({ executionId: id });
    expect(mine.metrics.find((m) => m.name === 'success')).toMatchObject({ value: 1, unit: 'bool' });
    expect(await errorCode(t.client(bob.headers).analytics.executionMetrics.query({ executionId: id }))).toBe('NOT_FOUND');
    const admin = await signUpAdmin(t);
    expect((await t.client(admin.headers).analytics.executionMetrics.query({ executionId: id })).metrics).toHaveLength(mine.metrics.length);
  });
});

describe('GET /metrics', () => {
  it('serves Prometheus text with the run, step, AI and queue series to the right token', async () => {
    await finishedRun();
    const res = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^stepwise_runs_started_total \d+/m);
    expect(text).toMatch(/^stepwise_runs_finished_total\{status="completed"\} [1-9]/m);
    expect(text).toMatch(/^stepwise_steps_total\{type="calculation",status="completed"\} [1-9]/m);
    expect(text).toMatch(/^stepwise_step_duration_seconds_bucket\{le="[^"]+",type="data_collection",status="completed"\} [1-9]/m);
    expect(text).toContain('# TYPE stepwise_ai_tokens_total counter');
    expect(text).toContain('# TYPE stepwise_ai_cost_usd_total counter');
    expect(text).toMatch(/^stepwise_queue_depth\{status="waiting_for_input"\} \d+/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
  });

  it('refuses a missing or wrong token', async () => {
    expect((await fetch(`${t.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer not-the-metrics-token-at-all' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('stepwise_');
  });
});
