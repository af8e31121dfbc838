import type { AiResponseCache, ModelCallRecord } from '@stepwise/engine';
import type pg from 'pg';

/** One model call to store: the engine's record (minus the token split) plus its cost. */
export type AiStepCallInput = Omit<ModelCallRecord, 'inputTokens' | 'outputTokens'> & {
  /** USD as a decimal string (numeric(10,4)); null when the model's price is unknown. */
  costUsd: string | null;
};

/**
 * Records one AI step model call against its step attempt row. AI steps are long steps: the engine
 * commits the attempt as "running" before calling the model, so the (execution, step, attempt) row
 * exists when the call is recorded. Returns the new row id, or null when no such attempt exists
 * (the run was deleted meanwhile): nothing is written then.
 */
export async function recordAiStepExecution(pool: pg.Pool, call: AiStepCallInput): Promise<string | null> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO ai_step_executions (step_execution_id, ai_model, prompt, response, tokens_used, cost_usd, execution_time_ms, cached)
     SELECT s.id, $4, $5, $6, $7, $8, $9, $10
       FROM workflow_step_executions s
      WHERE s.execution_id = $1 AND s.step_id = $2 AND s.attempt = $3
     RETURNING id`,
    [call.runId, call.stepId, call.attempt, call.model.slice(0, 100), call.prompt, call.response, call.totalTokens, call.costUsd, call.latencyMs, call.cached],
  );
  return rows[0]?.id ?? null;
}

export interface AiStepCallRow {
  id: string;
  stepId: string;
  attempt: number;
  model: string;
  prompt: string;
  response: string;
  tokensUsed: number | null;
  costUsd: string | null;
  latencyMs: number | null;
  cached: boolean;
  /** ISO 8601, UTC. */
  createdAt: string;
}

/** Every recorded model call of a run, oldest first. Ownership is the caller's to check. */
export async function listAiStepExecutions(pool: pg.Pool, executionId: string): Promise<AiStepCallRow[]> {
  const { rows } = await pool.query<AiStepCallRow & { createdAt: Date }>(
    `SELECT a.id, s.step_id AS "stepId", s.attempt, a.ai_model AS model, a.prompt, a.response,
            a.tokens_used AS "tokensUsed", a.cost_usd AS "costUsd", a.execution_time_ms AS "latencyMs",
            a.cached, a.created_at AS "createdAt"
       FROM ai_step_executions a
       JOIN workflow_step_executions s ON s.id = a.step_execution_id
      WHERE s.execution_id = $1
      ORDER BY a.created_at, a.id`,
    [executionId],
  );
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

export interface GenerationRecordInput {
  userId: string;
  requirements: Record<string, unknown>;
  /** The saved definition version (workflow_definitions.id) when the generation succeeded. */
  generatedWorkflowId: string | null;
  model: string;
  generationTimeMs: number;
  success: boolean;
  errorMessage: string | null;
}

/** Records one run of the workflow generator, successful or not. Returns the row id. */
export async function recordGeneration(pool: pg.Pool, g: GenerationRecordInput): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO ai_workflow_generations (user_id, requirements, generated_workflow_id, ai_model, generation_time_ms, success, error_message)
     VALUES ($1, $2::jsonb, $3, $4, $5, $6, $7) RETURNING id`,
    [g.userId, JSON.stringify(g.requirements), g.generatedWorkflowId, g.model.slice(0, 100), Math.round(g.generationTimeMs), g.success, g.errorMessage],
  );
  return rows[0]!.id;
}

/** The AI response cache on PostgreSQL (used when no Redis is configured). Expired rows read as misses. */
export class PgResponseCache implements AiResponseCache {
  constructor(
    private readonly pool: pg.Pool,
    /** Stored with each entry, for inspection only. */
    private readonly model = 'unknown',
  ) {}

  async get(key: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ response: string }>(
      'SELECT response FROM ai_response_cache WHERE key = $1 AND expires_at > now()',
      [key],
    );
    return rows[0]?.response ?? null;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO ai_response_cache (key, response, model, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4::double precision / 1000))
       ON CONFLICT (key) DO UPDATE SET response = excluded.response, model = excluded.model,
         created_at = now(), expires_at = excluded.expires_at`,
      [key, value, this.model.slice(0, 100), ttlMs],
    );
  }

  /** Deletes expired entries; returns how many. */
  async sweep(): Promise<number> {
    const { rowCount } = await this.pool.query('DELETE FROM ai_response_cache WHERE expires_at <= now()');
    return rowCount ?? 0;
  }
}
