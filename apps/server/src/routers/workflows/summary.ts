import type { IWorkflowDefinition, WorkflowSummaryRow } from '@stepwise/db';

/** A workflow as lists and mutations return it (its latest version unless said otherwise). */
export interface WorkflowSummary {
  /** Stable across versions: what every `workflows.*` procedure takes. */
  id: string;
  /** This version's id: what executions reference. */
  versionId: string;
  version: number;
  name: string;
  description: string | null;
  category: string;
  stepCount: number;
  /** ISO 8601 (UTC). */
  updatedAt: string;
  archived: boolean;
}

export function toWorkflowSummary(row: WorkflowSummaryRow): WorkflowSummary {
  return {
    id: row.workflowId,
    versionId: row.versionId,
    version: row.version,
    name: row.name,
    description: row.description,
    category: row.category,
    stepCount: row.stepCount,
    updatedAt: row.updatedAt,
    archived: row.archivedAt !== null,
  };
}

/** The summary of a version just saved (no second read). */
export function summaryOfSaved(row: IWorkflowDefinition): WorkflowSummary {
  return {
    id: row.workflowId,
    versionId: row.id,
    version: row.version,
    name: row.name,
    description: row.description ?? null,
    category: row.category,
    stepCount: row.definition.steps.length,
    updatedAt: row.updatedAt.toISOString(),
    archived: row.archivedAt != null,
  };
}
