import type { RunCommit, RunRecord, Store, WorkflowDefinition } from '@stepwise/engine';
import type { RunSealer } from './run-sealer';

const DEFINITIONS_KEPT = 10_000;

/**
 * The engine's Store with sensitive fields encrypted at rest: it seals them before `inner` writes
 * and opens them after `inner` reads, so the engine and everything above it see plaintext.
 * A value that does not open (wrong or missing key) makes `loadRun` throw EncryptionKeyError, and
 * with nothing loaded the engine has nothing to commit: a wrong key never writes.
 */
export class EncryptingStore implements Store {
  /** Run id -> its definition: a commit carries no definition, and one is needed to know what to seal. */
  private readonly definitions = new Map<string, WorkflowDefinition>();

  constructor(
    private readonly inner: Store,
    readonly sealer: RunSealer,
  ) {}

  async createRun(run: RunRecord): Promise<void> {
    await this.inner.createRun(this.sealer.sealRecord(run));
    this.remember(run.id, run.definition);
  }

  async loadRun(runId: string): Promise<RunRecord | null> {
    const stored = await this.inner.loadRun(runId);
    if (!stored) return null;
    const record = this.sealer.openRecord(stored);
    this.remember(runId, stored.definition);
    return record;
  }

  async commit(change: RunCommit): Promise<void> {
    const definition = this.definitions.get(change.runId) ?? (await this.inner.loadRun(change.runId))?.definition;
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

  private remember(runId: string, definition: WorkflowDefinition): void {
    this.definitions.delete(runId);
    if (this.definitions.size >= DEFINITIONS_KEPT) {
      const oldest = this.definitions.keys().next().value;
      if (oldest !== undefined) this.definitions.delete(oldest);
    }
    this.definitions.set(runId, definition);
  }
}
