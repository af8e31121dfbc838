import { StaleVersionError } from './errors';
import type { RunCommit, RunRecord, StepRecord } from './run';
import type { Store } from './store';

/** An in-memory Store with the same contract as the PostgreSQL one (for unit tests and benchmarks). */
export class MemoryStore implements Store {
  private readonly runs = new Map<string, RunRecord>();
  /** Every attempt ever written, keyed `runId|stepId|attempt`, like the step executions table. */
  readonly attempts = new Map<string, StepRecord>();
  /** Set to make the next commit fail (tests of error handling). */
  failNextCommit: Error | null = null;

  async createRun(run: RunRecord): Promise<void> {
    if (this.runs.has(run.id)) throw new Error(`Run ${run.id} already exists`);
    this.runs.set(run.id, clone(run));
    for (const step of Object.values(run.steps)) {
      if (step.attempt > 0) this.attempts.set(`${run.id}|${step.stepId}|${step.attempt}`, clone(step));
    }
  }

  async loadRun(runId: string): Promise<RunRecord | null> {
    const run = this.runs.get(runId);
    return run ? clone(run) : null;
  }

  async commit(change: RunCommit): Promise<void> {
    const run = this.runs.get(change.runId);
    if (!run || run.version !== change.expectedVersion) throw new StaleVersionError(change.runId, change.expectedVersion);
    if (this.failNextCommit) {
      const error = this.failNextCommit;
      this.failNextCommit = null;
      throw error;
    }
    const next: RunRecord = { ...run, ...clone(change.run), steps: { ...run.steps }, version: run.version + 1 };
    for (const step of change.steps) {
      const record = clone(step);
      this.attempts.set(`${change.runId}|${step.stepId}|${step.attempt}`, record);
      const current = next.steps[step.stepId];
      if (!current || current.attempt <= step.attempt) next.steps[step.stepId] = record;
    }
    this.runs.set(change.runId, next);
  }

  async listRecoverable(now: Date, limit: number): Promise<string[]> {
    return [...this.runs.values()]
      .filter((r) => (r.status === 'pending' || r.status === 'running') && (!r.leaseExpiresAt || r.leaseExpiresAt <= now))
      .slice(0, limit)
      .map((r) => r.id);
  }

  async renewLease(runId: string, owner: string, until: Date): Promise<boolean> {
    const run = this.runs.get(runId);
    if (!run || run.leaseOwner !== owner) return false;
    run.leaseExpiresAt = until;
    return true;
  }

  /** Test helper: the stored attempts of one run. */
  attemptsOf(runId: string): StepRecord[] {
    return [...this.attempts.entries()].filter(([k]) => k.startsWith(`${runId}|`)).map(([, v]) => v);
  }
}

function clone<T>(value: T): T {
  return structuredClone(value);
}
