import type { RunCommit, RunRecord } from './run';

/**
 * The persistence port the engine needs. Implementations: `MemoryStore` (tests) and the
 * PostgreSQL store in @stepwise/db.
 *
 * Contract:
 * - `commit` applies the run patch and every step attempt in ONE transaction, only if the stored
 *   version equals `expectedVersion`; it then sets version = expectedVersion + 1. Otherwise it
 *   writes nothing and throws `StaleVersionError`.
 * - `loadRun` returns the latest attempt of every step in the definition (steps never touched
 *   come back as pending with attempt 0).
 */
export interface Store {
  createRun(run: RunRecord): Promise<void>;
  loadRun(runId: string): Promise<RunRecord | null>;
  commit(change: RunCommit): Promise<void>;
  /** Runs that need driving and that no live process holds: pending/running with no or an expired lease. */
  listRecoverable(now: Date, limit: number): Promise<string[]>;
  /** Extends the lease if `owner` still holds it. Does not change the version. */
  renewLease(runId: string, owner: string, until: Date): Promise<boolean>;
}
