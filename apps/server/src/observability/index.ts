import type { AiPort, StepRegistry } from '@stepwise/engine';
import { startAlertMonitor, type AlertNotice } from '../alerts/monitor';
import type { AlertView } from '../live/events';
import type { Services } from '../services';
import { executionMetricsWriter } from './execution-metrics';
import { createPrometheus, metricsRoute } from './prometheus';
import { listenForFinishedRuns } from './run-listener';

/** Step types whose steps wait for people (a form to answer, a result to review): their open time is human wait. */
export function humanStepTypes(registry: StepRegistry): string[] {
  return registry.all().filter((e) => e.long || typeof e.submit === 'function').map((e) => e.type);
}

/**
 * Prometheus metrics, per-run execution metrics and alerts. Created before the engine (it counts AI
 * calls through the AI port), started once the engine and the live hub are up.
 */
export function createObservability(services: Pick<Services, 'config' | 'log' | 'pool'>, ai: AiPort) {
  const { config, log, pool } = services;
  const prometheus = createPrometheus(pool, log, config.MODEL_PRICES);
  const aiPort: AiPort = {
    ...ai,
    record(call) {
      prometheus.onAiCall(call);
      ai.record?.(call);
    },
  };
  const route = metricsRoute(prometheus.registry, config.METRICS_TOKEN);

  let started: { close(): Promise<void> } | undefined;
  function start(engine: Services['engine'], registry: StepRegistry, notify: (event: AlertNotice, alert: AlertView) => void) {
    const unsubscribe = engine.on(prometheus.onEvent);
    const alerts = startAlertMonitor({ pool, log, config, notify });
    const metrics = executionMetricsWriter(pool, humanStepTypes(registry));
    const listener = listenForFinishedRuns({ engine, log, metrics, onFinished: alerts.evaluateSoon });
    const sweep = () =>
      metrics.sweep().then(
        (filled) => filled && log.info({ runs: filled }, 'Filled in execution metrics of finished runs'),
        (error: unknown) => log.warn({ err: String(error) }, 'Execution metrics sweep failed; retrying at the next interval'),
      );
    const swept = sweep(); // runs that finished while no process was listening
    const timer = setInterval(() => void sweep(), config.METRICS_SWEEP_INTERVAL_MS);
    timer.unref();
    void alerts.evaluate().catch((error: unknown) => log.warn({ err: String(error) }, 'First alert check failed'));
    const running = {
      alerts,
      metrics,
      /** Resolves when the figures of every run finished so far in this process are written. */
      flush: () => listener.flush(),
      sweep,
      async close() {
        clearInterval(timer);
        unsubscribe();
        await swept;
        await listener.close();
        await alerts.close();
      },
    };
    started = running;
    return running;
  }
  /** Stops what start() started (nothing if it was not called). */
  const close = async () => started?.close();
  return { aiPort, route, registry: prometheus.registry, start, close };
}
export type Observability = ReturnType<ReturnType<typeof createObservability>['start']>;
