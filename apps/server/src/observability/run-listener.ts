import type { EngineEvent, WorkflowEngine } from '@stepwise/engine';
import type { Logger } from '../logger';
import { type ExecutionMetricsWriter, FINISHED_STATUSES } from './execution-metrics';

const isFinished = (status: string) => (FINISHED_STATUSES as readonly string[]).includes(status);

/**
 * On each run status change this process commits: logs it under the run's execution id, writes the
 * figures of a finished run (dropping those of a failed run being retried) and asks for an alert check.
 * The writes are idempotent, so a second event or another process writing the same run changes nothing.
 */
export function listenForFinishedRuns(deps: {
  engine: WorkflowEngine;
  log: Logger;
  metrics: ExecutionMetricsWriter;
  onFinished: () => void;
}) {
  const pending = new Set<Promise<void>>();
  const handle = async (event: EngineEvent) => {
    if (event.type !== 'run.status') return;
    const log = deps.log.child({ executionId: event.runId });
    const finished = isFinished(event.status);
    log[finished ? 'info' : 'debug']({ status: event.status, previous: event.previous, error: event.error?.code }, 'run status');
    try {
      if (event.previous === 'failed') await deps.metrics.forget([event.runId]);
      if (finished) await deps.metrics.write([event.runId]);
    } catch (error) {
      // The sweep fills in what this missed.
      log.warn({ err: String(error) }, 'execution metrics not written yet');
    }
    if (finished) deps.onFinished();
  };
  // One run's events are handled in order: a retry's forget must not overtake the failure's write.
  const chains = new Map<string, Promise<void>>();
  const unsubscribe = deps.engine.on((event) => {
    if (event.type !== 'run.status') return;
    const task: Promise<void> = (chains.get(event.runId) ?? Promise.resolve()).then(() => handle(event));
    chains.set(event.runId, task);
    pending.add(task);
    void task.finally(() => {
      pending.delete(task);
      if (chains.get(event.runId) === task) chains.delete(event.runId);
    });
  });
  const flush = async () => {
    while (pending.size) await Promise.allSettled([...pending]);
  };
  return {
    flush,
    async close() {
      unsubscribe();
      await flush();
    },
  };
}
