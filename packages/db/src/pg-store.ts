import type pg from 'pg';
import {
  pendingStep,
  StaleVersionError,
  workflowDefinitionSchema,
  type RunCommit,
  type RunRecord,
  type StepRecord,
  type Store,
  type WorkflowDefinition,
} from '@stepwise/engine';
import { CommitBatcher } from './store/commit-batcher';
import {
  COMMIT_BATCH_SQL,
  COMMIT_ONE_STEP_SQL,
  COMMIT_SQL,
  CREATE_RUN_ONE_STEP_SQL,
  CREATE_RUN_SQL,
  LIST_RECOVERABLE_SQL,
  LOAD_DEFINITION_SQL,
  LOAD_RUN_SQL,
  RENEW_LEASE_SQL,
} from './store/sql';
import { attemptsToWrite, batchParams, commitParams, jsonParam, runFromRow, stepParams, stepsParam, type ExecutionRow } from './store/rows';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PgStoreOptions {
  /** Parsed definitions kept in memory (a version row never changes). Default 1000. */
  definitionCacheSize?: number;
  /** Most runs' commits sent as one statement. Default 64. */
  commitBatchSize?: number;
  /** Commit statements in flight at once; later commits wait and go out as one batch. Default 2 (best of 1, 2, 4 on the bench). */
  commitsInFlight?: number;
}

/** The engine's Store on PostgreSQL: every write is one statement, one round trip. */
export class PgStore implements Store {
  private readonly definitions = new Map<string, WorkflowDefinition>();
  private readonly cacheSize: number;
  private readonly batcher: CommitBatcher;

  constructor(
    private readonly pool: pg.Pool,
    options: PgStoreOptions = {},
  ) {
    this.cacheSize = options.definitionCacheSize ?? 1000;
    this.batcher = new CommitBatcher({
      maxBatch: options.commitBatchSize ?? 64,
      maxInFlight: options.commitsInFlight ?? 2,
      commitOne: (change) => this.commitOne(change),
      commitMany: (changes) => this.commitMany(changes),
    });
  }

  async createRun(run: RunRecord): Promise<void> {
    const values: unknown[] = [
      run.id,
      run.workflowId,
      run.userId,
      run.sessionId,
      run.status,
      jsonParam(run.context),
      jsonParam(run.results),
      jsonParam(run.error),
      run.version,
      run.leaseOwner,
      run.leaseExpiresAt,
      run.startedAt,
      run.completedAt,
      run.createdAt,
      run.updatedAt,
    ];
    const attempts = attemptsToWrite(Object.values(run.steps));
    if (attempts.length === 1) {
      await this.pool.query({ name: 'stepwise_create_run_one_step', text: CREATE_RUN_ONE_STEP_SQL, values: [...values, ...stepParams(attempts[0]!)] });
      return;
    }
    await this.pool.query({ name: 'stepwise_create_run', text: CREATE_RUN_SQL, values: [...values, stepsParam(attempts)] });
  }

  async loadRun(runId: string): Promise<RunRecord | null> {
    if (!UUID.test(runId)) return null;
    const { rows } = await this.pool.query<ExecutionRow>({ name: 'stepwise_load_run', text: LOAD_RUN_SQL, values: [runId] });
    const row = rows[0];
    if (!row) return null;
    const definition = await this.definition(row.workflow_id);
    const record = runFromRow(row, definition);
    // Latest attempt of every step of the definition, in definition order; untouched steps are pending.
    const steps: Record<string, StepRecord> = {};
    for (const step of definition.steps) steps[step.id] = record.steps[step.id] ?? pendingStep(step.id, step.type);
    record.steps = { ...steps, ...record.steps };
    return record;
  }

  /** Concurrent commits of different runs may share one transaction (see CommitBatcher); each is still all or nothing. */
  commit(change: RunCommit): Promise<void> {
    return this.batcher.commit(change);
  }

  /** How many commits this store sent and in how many statements: their ratio is the mean batch size. */
  commitsSent(): { commits: number; statements: number } {
    return { ...this.batcher.sent };
  }

  private async commitOne(change: RunCommit): Promise<void> {
    const values = commitParams(change);
    const attempts = attemptsToWrite(change.steps);
    if (attempts.length === 1) {
      // The row count is 1 only when the version matched (the INSERT selects from the UPDATE).
      const result = await this.pool.query({ name: 'stepwise_commit_one_step', text: COMMIT_ONE_STEP_SQL, values: [...values, ...stepParams(attempts[0]!)] });
      if (result.rowCount !== 1) throw new StaleVersionError(change.runId, change.expectedVersion);
      return;
    }
    const { rows } = await this.pool.query<{ runs: number; steps: number }>({
      name: 'stepwise_commit',
      text: COMMIT_SQL,
      values: [...values, stepsParam(attempts)],
    });
    if (rows[0]?.runs !== 1) throw new StaleVersionError(change.runId, change.expectedVersion);
  }

  private async commitMany(changes: RunCommit[]): Promise<Set<number>> {
    const { rows } = await this.pool.query<{ index: number }>({ name: 'stepwise_commit_batch', text: COMMIT_BATCH_SQL, values: batchParams(changes) });
    return new Set(rows.map((r) => r.index));
  }

  async listRecoverable(now: Date, limit: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>({
      name: 'stepwise_list_recoverable',
      text: LIST_RECOVERABLE_SQL,
      values: [now, limit],
    });
    return rows.map((r) => r.id);
  }

  async renewLease(runId: string, owner: string, until: Date): Promise<boolean> {
    const result = await this.pool.query({ name: 'stepwise_renew_lease', text: RENEW_LEASE_SQL, values: [runId, owner, until] });
    return result.rowCount === 1;
  }

  /** The definition version `id`, parsed once and cached. */
  private async definition(id: string): Promise<WorkflowDefinition> {
    const cached = this.definitions.get(id);
    if (cached) return cached;
    const { rows } = await this.pool.query<{ definition: unknown }>({
      name: 'stepwise_load_definition',
      text: LOAD_DEFINITION_SQL,
      values: [id],
    });
    if (!rows[0]) throw new Error(`Workflow definition version ${id} does not exist`);
    const definition = workflowDefinitionSchema.parse(rows[0].definition);
    if (this.definitions.size >= this.cacheSize) {
      const oldest = this.definitions.keys().next().value;
      if (oldest !== undefined) this.definitions.delete(oldest);
    }
    this.definitions.set(id, definition);
    return definition;
  }
}
