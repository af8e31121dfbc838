import { workflowDefinitionSchema, type WorkflowDefinition } from '@stepwise/engine';
import type pg from 'pg';
import type { RunSealer } from './run-sealer';
import { hasOldSeal } from './sealed-tree';

export interface ReencryptResult {
  runs: number;
  stepAttempts: number;
}

const SEALED = `%"$enc": "v1:%`;

/**
 * After a rotation: seals again, with the current key, every stored value sealed with an older
 * one, so the older key can then be removed. Each row is rewritten only if it did not change
 * since it was read (a run's version, an attempt's updated_at); run it again until it reports 0.
 * Fails with EncryptionKeyError, having written nothing for that row, when a value does not open.
 */
export async function reencryptRuns(pool: pg.Pool, sealer: RunSealer, batchSize = 200): Promise<ReencryptResult> {
  const current = sealer.cipher.keys.current.id;
  const definitions = new Map<string, WorkflowDefinition>();
  const definition = async (id: string) => {
    let found = definitions.get(id);
    if (!found) {
      const { rows } = await pool.query<{ definition: unknown }>('SELECT definition FROM workflow_definitions WHERE id = $1', [id]);
      definitions.set(id, (found = workflowDefinitionSchema.parse(rows[0]!.definition)));
    }
    return found;
  };
  const result: ReencryptResult = { runs: 0, stepAttempts: 0 };

  for (let after = ''; ; ) {
    const { rows } = await pool.query(
      `SELECT id, workflow_id, version, context, results, error FROM workflow_executions
        WHERE id::text > $1 AND (context::text LIKE $2 OR results::text LIKE $2 OR error::text LIKE $2)
        ORDER BY id::text LIMIT $3`,
      [after, SEALED, batchSize],
    );
    for (const row of rows) {
      if (!hasOldSeal([row.context, row.results, row.error], current)) continue;
      const sealed = sealer.sealRun(row.id, await definition(row.workflow_id), sealer.openRun(row.id, row));
      const updated = await pool.query(
        'UPDATE workflow_executions SET context = $3::jsonb, results = $4::jsonb, error = $5::jsonb WHERE id = $1 AND version = $2',
        [row.id, row.version, JSON.stringify(sealed.context), json(sealed.results), json(sealed.error)],
      );
      result.runs += updated.rowCount ?? 0;
    }
    if (rows.length < batchSize) break;
    after = String(rows[rows.length - 1]!.id);
  }

  for (let after = ''; ; ) {
    const { rows } = await pool.query(
      `SELECT s.id, s.execution_id, e.workflow_id, s.step_id, s.attempt, s.waiting_for, s.input_data AS input,
              s.output_data AS output, s.error, s.updated_at::text AS updated_at
         FROM workflow_step_executions s JOIN workflow_executions e ON e.id = s.execution_id
        WHERE s.id::text > $1 AND (s.input_data::text LIKE $2 OR s.output_data::text LIKE $2 OR s.error::text LIKE $2)
        ORDER BY s.id::text LIMIT $3`,
      [after, SEALED, batchSize],
    );
    for (const row of rows) {
      if (!hasOldSeal([row.input, row.output, row.error], current)) continue;
      const step = { stepId: row.step_id, attempt: row.attempt, waitingFor: row.waiting_for, input: row.input, output: row.output, error: row.error };
      const sealed = sealer.sealStep(row.execution_id, await definition(row.workflow_id), sealer.openStep(row.execution_id, step));
      const updated = await pool.query(
        'UPDATE workflow_step_executions SET input_data = $3::jsonb, output_data = $4::jsonb, error = $5::jsonb WHERE id = $1 AND updated_at = $2::timestamptz',
        [row.id, row.updated_at, json(sealed.input), json(sealed.output), json(sealed.error)],
      );
      result.stepAttempts += updated.rowCount ?? 0;
    }
    if (rows.length < batchSize) break;
    after = String(rows[rows.length - 1]!.id);
  }
  return result;
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
