import type { LearningReport, WorkflowRunStats } from '@stepwise/engine';
import type pg from 'pg';

/**
 * One analysis of a workflow version, kept as ONE summary row of workflow_learning_data with no
 * execution: its findings are about the runs together, and copying them onto each of hundreds of
 * runs would say nothing more. performance_metrics holds the stats, improvement_suggestions the report.
 */
export interface StoredAnalysis {
  id: string;
  workflowId: string;
  /** The version (workflow_definitions.id) whose runs were read and whose definition the patches fit. */
  versionId: string;
  version: number;
  report: LearningReport;
  createdAt: Date;
}

export async function saveAnalysis(
  pool: pg.Pool,
  a: { workflowId: string; versionId: string; version: number; stats: WorkflowRunStats; report: LearningReport },
): Promise<StoredAnalysis> {
  const metrics = { kind: 'workflow_analysis', workflowId: a.workflowId, versionId: a.versionId, version: a.version, stats: a.stats };
  const { rows } = await pool.query<{ id: string; created_at: Date }>(
    `insert into workflow_learning_data (execution_id, performance_metrics, improvement_suggestions)
     values (null, $1::jsonb, $2::jsonb) returning id, created_at`,
    [JSON.stringify(metrics), JSON.stringify(a.report)],
  );
  const row = rows[0]!;
  return { id: row.id, workflowId: a.workflowId, versionId: a.versionId, version: a.version, report: a.report, createdAt: row.created_at };
}

/** The newest analysis of any version of the workflow, or null. */
export async function latestAnalysis(pool: pg.Pool, workflowId: string): Promise<StoredAnalysis | null> {
  const { rows } = await pool.query<{ id: string; performance_metrics: { versionId: string; version: number }; improvement_suggestions: LearningReport; created_at: Date }>(
    `select id, performance_metrics, improvement_suggestions, created_at from workflow_learning_data
      where execution_id is null and performance_metrics ->> 'kind' = 'workflow_analysis' and performance_metrics ->> 'workflowId' = $1
      order by created_at desc, id limit 1`,
    [workflowId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    workflowId,
    versionId: row.performance_metrics.versionId,
    version: row.performance_metrics.version,
    report: row.improvement_suggestions,
    createdAt: row.created_at,
  };
}
