import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EngineEvent, ModelCallRecord } from '@stepwise/engine';
import type pg from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { costUsd, type PriceTable } from '../ai/prices';
import type { Logger } from '../logger';

const IN_PROGRESS = ['pending', 'running', 'waiting_for_input', 'waiting_for_review'] as const;
const STEP_STATUS: Record<string, string> = {
  'step.started': 'running',
  'step.waiting': 'waiting',
  'step.completed': 'completed',
  'step.failed': 'failed',
  'step.skipped': 'skipped',
  'step.cancelled': 'cancelled',
  'step.reset': 'pending',
};

export type Prometheus = ReturnType<typeof createPrometheus>;

/** This process's metrics on their own registry (tests start several apps in one process). */
export function createPrometheus(pool: pg.Pool, log: Logger, prices: PriceTable) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const runsStarted = new Counter({ name: 'stepwise_runs_started_total', help: 'Runs started', registers });
  const runsFinished = new Counter({ name: 'stepwise_runs_finished_total', help: 'Runs finished, by status', labelNames: ['status'], registers });
  const steps = new Counter({ name: 'stepwise_steps_total', help: 'Step status changes, by step type and new status', labelNames: ['type', 'status'], registers });
  const stepSeconds = new Histogram({
    name: 'stepwise_step_duration_seconds',
    help: 'Time from a step starting (or starting to wait) to its end, by step type and outcome',
    labelNames: ['type', 'status'],
    buckets: [0.01, 0.05, 0.25, 1, 5, 30, 120, 600, 3600, 86_400],
    registers,
  });
  const aiTokens = new Counter({ name: 'stepwise_ai_tokens_total', help: 'AI tokens spent by AI steps', labelNames: ['model', 'kind'], registers });
  const aiCost = new Counter({ name: 'stepwise_ai_cost_usd_total', help: 'AI cost of AI steps in USD (models with a known price)', labelNames: ['model'], registers });
  new Gauge({
    name: 'stepwise_queue_depth',
    help: 'Runs not finished, by status (read from PostgreSQL at scrape time: all processes)',
    labelNames: ['status'],
    registers,
    async collect() {
      try {
        const { rows } = await pool.query<{ status: string; n: number }>(
          `select status, count(*)::int as n from workflow_executions where status = any($1::text[]) group by status`,
          [IN_PROGRESS],
        );
        for (const status of IN_PROGRESS) this.set({ status }, rows.find((r) => r.status === status)?.n ?? 0);
      } catch (error) {
        log.warn({ err: String(error) }, 'metrics: could not count runs in progress');
      }
    },
  });

  const onEvent = (event: EngineEvent) => {
    if (event.type === 'run.status') {
      if (event.previous === null) runsStarted.inc();
      if (event.status === 'completed' || event.status === 'failed' || event.status === 'cancelled') runsFinished.inc({ status: event.status });
      return;
    }
    if (event.type === 'step.progress') return;
    const status = STEP_STATUS[event.type] ?? event.type;
    steps.inc({ type: event.stepType, status });
    // The attempt's own duration: nothing is held per open step (runs waiting for people cost no memory).
    if (status === 'completed' || status === 'failed' || status === 'cancelled') {
      stepSeconds.observe({ type: event.stepType, status }, Math.max(0, event.durationMs ?? 0) / 1000);
    }
  };

  const onAiCall = (call: ModelCallRecord) => {
    if (call.cached) return;
    aiTokens.inc({ model: call.model, kind: 'input' }, call.inputTokens);
    aiTokens.inc({ model: call.model, kind: 'output' }, call.outputTokens);
    const cost = costUsd(call.model, call, prices);
    if (cost !== null) aiCost.inc({ model: call.model }, Number(cost));
  };

  return { registry, onEvent, onAiCall };
}

/** GET /metrics: Prometheus text; with METRICS_TOKEN set, only for `Authorization: Bearer <token>`. */
export function metricsRoute(registry: Registry, token: string | undefined) {
  const expected = token ? Buffer.from(`Bearer ${token}`) : null;
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (expected) {
      const sent = Buffer.from(req.headers.authorization ?? '');
      if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
        res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' });
        return void res.end(JSON.stringify({ error: 'Send the metrics token: Authorization: Bearer <METRICS_TOKEN>' }));
      }
    }
    try {
      const body = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType }).end(body);
    } catch {
      res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Metrics are not available right now; try again' }));
    }
  };
}
