import { StaleVersionError, type RunCommit } from '@stepwise/engine';

interface Pending {
  change: RunCommit;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface CommitBatcherOptions {
  /** Commits of one batch (one statement). */
  maxBatch: number;
  /** Statements in flight at once; commits arriving past this wait and go out together. */
  maxInFlight: number;
  /** Commits one change alone (throws StaleVersionError when its version did not match). */
  commitOne: (change: RunCommit) => Promise<void>;
  /** Commits many runs' changes in one transaction; returns the positions of those whose version matched. */
  commitMany: (changes: RunCommit[]) => Promise<Set<number>>;
}

/**
 * Group commit: while `maxInFlight` statements are running, further commits queue up and the
 * next free slot sends up to `maxBatch` of them as one transaction, so one commit (executor
 * start, WAL flush, round trip) is shared by many runs. A caller's promise settles only after
 * the transaction holding its change has committed or failed.
 */
export class CommitBatcher {
  private queue: Pending[] = [];
  private inFlight = 0;
  /** Commits sent and the statements that carried them (a fallback's one-by-one retries not counted). */
  readonly sent = { commits: 0, statements: 0 };

  constructor(private readonly options: CommitBatcherOptions) {}

  commit(change: RunCommit): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ change, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.take();
      this.inFlight += 1;
      void this.send(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  /** The oldest queued commits, at most one per run: two versions of one run cannot share a statement. */
  private take(): Pending[] {
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    const runs = new Set<string>();
    for (const entry of this.queue) {
      if (batch.length < this.options.maxBatch && !runs.has(entry.change.runId)) {
        runs.add(entry.change.runId);
        batch.push(entry);
      } else rest.push(entry);
    }
    this.queue = rest;
    return batch;
  }

  private async send(batch: Pending[]): Promise<void> {
    this.sent.commits += batch.length;
    this.sent.statements += 1;
    if (batch.length === 1) return this.sendOne(batch[0]!);
    let applied: Set<number>;
    try {
      applied = await this.options.commitMany(batch.map((p) => p.change));
    } catch {
      // The whole transaction rolled back (e.g. one entry broke a constraint): each commit alone,
      // so one bad change fails only its own caller.
      await Promise.all(batch.map((p) => this.sendOne(p)));
      return;
    }
    for (const [i, { change, resolve, reject }] of batch.entries()) {
      if (applied.has(i)) resolve();
      else reject(new StaleVersionError(change.runId, change.expectedVersion));
    }
  }

  private sendOne({ change, resolve, reject }: Pending): Promise<void> {
    return this.options.commitOne(change).then(resolve, reject);
  }
}
