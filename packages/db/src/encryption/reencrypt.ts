import { type RunRecord, type SerializedError, type WorkflowContext, workflowDefinitionSchema, type WorkflowDefinition } from '@stepwise/engine';
import type pg from 'pg';
import type { RunSealer } from './run-sealer';
import { hasOldSeal } from './sealed-tree';

export interface ReencryptResult {
  runs: number;
  stepAttempts: number;
  modelCalls: number;
  chatMessages: number;
}

/** How a sealed value starts in jsonb text, and in the text columns (compact JSON). */
const IN_JSONB = `%"$enc": "v1:%`;
const IN_TEXT = `%"$enc":"v1:%`;

type Row = Record<string, unknown> & { id: string };

/** Calls `rewrite` on every row `select` finds, in id order, `size` at a time; sums what it returns. */
async function eachRow(pool: pg.Pool, select: string, size: number, rewrite: (row: Row) => Promise<number>): Promise<number> {
  let total = 0;
  for (let after = ''; ; ) {
    const { rows } = await pool.query<Row>(select, [after, size]);
    for (const row of rows) total += await rewrite(row);
    if (rows.length < size) return total;
    after = String(rows[rows.length - 1]!.id);
  }
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/** A text column's value as JSON when it is JSON (a sealed value), else the text itself. */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * After a rotation: seals again, with the current key, every stored value sealed with an older
 * one (runs, step attempts, model calls, chat messages), so the older key can then be removed.
 * A row is rewritten only if it did not change since it was read (a run's version, an attempt's
 * updated_at, a message's parts), so it is safe next to running servers; run it until it reports 0.
 * Throws EncryptionKeyError, leaving that row as it was, when a value does not open.
 */
export async function reencryptRuns(pool: pg.Pool, sealer: RunSealer, batchSize = 200): Promise<ReencryptResult> {
  const current = sealer.cipher.keys.current.id;
  const old = (...values: unknown[]) => hasOldSeal(values, current);
  const definitions = new Map<string, WorkflowDefinition>();
  const definition = async (id: unknown) => {
    let found = definitions.get(String(id));
    if (!found) {
      const { rows } = await pool.query<{ definition: unknown }>('SELECT definition FROM workflow_definitions WHERE id = $1', [id]);
      definitions.set(String(id), (found = workflowDefinitionSchema.parse(rows[0]!.definition)));
    }
    return found;
  };
  const changed = (result: pg.QueryResult) => result.rowCount ?? 0;

  const runs = await eachRow(
    pool,
    `SELECT id, workflow_id, version, context, results, error FROM workflow_executions
      WHERE id::text > $1 AND (context::text LIKE '${IN_JSONB}' OR results::text LIKE '${IN_JSONB}' OR error::text LIKE '${IN_JSONB}')
      ORDER BY id::text LIMIT $2`,
    batchSize,
    async (row) => {
      if (!old(row.context, row.results, row.error)) return 0;
      const stored = { context: row.context as WorkflowContext, results: row.results as RunRecord['results'], error: row.error as SerializedError | null };
      const sealed = sealer.sealRun(row.id, await definition(row.workflow_id), sealer.openRun(row.id, stored));
      return changed(await pool.query(
        'UPDATE workflow_executions SET context = $3::jsonb, results = $4::jsonb, error = $5::jsonb WHERE id = $1 AND version = $2',
        [row.id, row.version, json(sealed.context), json(sealed.results), json(sealed.error)],
      ));
    },
  );

  const stepAttempts = await eachRow(
    pool,
    `SELECT s.id, s.execution_id, e.workflow_id, s.step_id, s.attempt, s.waiting_for, s.input_data, s.output_data, s.error,
            s.updated_at::text AS updated_at
       FROM workflow_step_executions s JOIN workflow_executions e ON e.id = s.execution_id
      WHERE s.id::text > $1 AND (s.input_data::text LIKE '${IN_JSONB}' OR s.output_data::text LIKE '${IN_JSONB}' OR s.error::text LIKE '${IN_JSONB}')
      ORDER BY s.id::text LIMIT $2`,
    batchSize,
    async (row) => {
      if (!old(row.input_data, row.output_data, row.error)) return 0;
      const runId = String(row.execution_id);
      const step = { stepId: String(row.step_id), attempt: Number(row.attempt), waitingFor: row.waiting_for as never, input: row.input_data, output: row.output_data, error: row.error as never };
      const sealed = sealer.sealStep(runId, await definition(row.workflow_id), sealer.openStep(runId, step));
      return changed(await pool.query(
        'UPDATE workflow_step_executions SET input_data = $3::jsonb, output_data = $4::jsonb, error = $5::jsonb WHERE id = $1 AND updated_at = $2::timestamptz',
        [row.id, row.updated_at, json(sealed.input), json(sealed.output), json(sealed.error)],
      ));
    },
  );

  const modelCalls = await eachRow(
    pool,
    `SELECT a.id, s.execution_id AS "runId", s.step_id AS "stepId", s.attempt, a.prompt, a.response
       FROM ai_step_executions a JOIN workflow_step_executions s ON s.id = a.step_execution_id
      WHERE a.id::text > $1 AND (a.prompt LIKE '${IN_TEXT}' OR a.response LIKE '${IN_TEXT}')
      ORDER BY a.id::text LIMIT $2`,
    batchSize,
    async (row) => {
      const call = { runId: String(row.runId), stepId: String(row.stepId), attempt: Number(row.attempt) };
      const [prompt, response] = [String(row.prompt), String(row.response)];
      if (!old(parsed(prompt), parsed(response))) return 0;
      const reseal = (part: 'prompt' | 'response', text: string) => sealer.sealCallText(call, part, sealer.openCallText(call, part, text));
      return changed(await pool.query(
        'UPDATE ai_step_executions SET prompt = $4, response = $5 WHERE id = $1 AND prompt = $2 AND response = $3',
        [row.id, prompt, response, reseal('prompt', prompt), reseal('response', response)],
      ));
    },
  );

  const chatMessages = await eachRow(
    pool,
    `SELECT id, thread_id, parts FROM chat_messages WHERE id > $1 AND parts::text LIKE '${IN_JSONB}' ORDER BY id LIMIT $2`,
    batchSize,
    async (row) => {
      if (!old(row.parts)) return 0;
      const [threadId, parts] = [String(row.thread_id), row.parts as unknown[]];
      const sealed = sealer.sealMessageParts(threadId, row.id, sealer.openMessageParts(threadId, row.id, parts));
      return changed(await pool.query('UPDATE chat_messages SET parts = $3::jsonb WHERE id = $1 AND parts = $2::jsonb', [row.id, json(parts), json(sealed)]));
    },
  );

  return { runs, stepAttempts, modelCalls, chatMessages };
}
