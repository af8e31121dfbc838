import type { RunCommit, RunRecord, Store } from '@stepwise/engine';
import type { RunSealer } from './run-sealer';


/**
 * The engine's Store with sensitive fields encrypted at rest: it seals them before `inner` writes
 * and opens them after `inner` reads, so the engine and everything above it see plaintext.
 * A value that does not open (wrong or missing key) makes `loadRun` throw EncryptionKeyError, and
 * with nothing loaded the engine has nothing to commit: a wrong key never writes.
 */
export class EncryptingStore implements Store {
  constructor(
    private readonly inner: Store,
    readonly sealer: RunSealer,
  ) {}

  async createRun(run: RunRecord): Promise<void> {
    await this.inner.createRun(this.sealer.sealRecord(run));
  }

  async loadRun(runId: string): Promise<RunRecord | null> {
    const stored = await this.inner.loadRun(runId);
    return stored ? this.sealer.openRecord(stored) : null;
  }

  /** The engine sends the run's definition with each commit (what to seal); otherwise it is loaded. Nothing is kept per run. */
  async commit(change: RunCommit): Promise<void> {
    const definition = change.definition ?? (await this.inner.loadRun(change.runId))?.definition;
    // No run: the inner store rejects the commit as it would without encryption.
    if (!definition) return this.inner.commit(change);
    const run = this.sealer.sealRun(change.runId, definition, change.run);
    const steps = change.steps.map((step) => this.sealer.sealStep(change.runId, definition, step));
    await this.inner.commit({ ...change, run, steps });
  }

  listRecoverable(now: Date, limit: number): Promise<string[]> {
    return this.inner.listRecoverable(now, limit);
  }

  renewLease(runId: string, owner: string, until: Date): Promise<boolean> {
    return this.inner.renewLease(runId, owner, until);
  }
}
