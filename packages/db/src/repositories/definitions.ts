import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { WorkflowDefinition as WorkflowDefinitionJson } from '@stepwise/engine';
import { WorkflowDefinition, type IWorkflowDefinition } from '../entities/workflow-definition.entity';

export interface SaveDefinitionVersionInput {
  /** The workflow to add a version to; omit to start a new workflow (version 1). */
  workflowId?: string;
  /** null = a system workflow. */
  ownerId: string | null;
  definition: WorkflowDefinitionJson;
}

// Namespace for pg_advisory_xact_lock(int, int): serialises version numbering per workflow.
const VERSION_LOCK_NAMESPACE = 4201;

/**
 * Stores `definition` as version n+1 of the workflow and makes it the only latest version, in one
 * transaction. Versions are immutable rows: executions keep pointing at the version they started with.
 */
export async function saveDefinitionVersion(em: EntityManager, input: SaveDefinitionVersionInput): Promise<IWorkflowDefinition> {
  const workflowId = input.workflowId ?? randomUUID();
  return em.transactional(async (tx) => {
    await tx.execute('select pg_advisory_xact_lock(?, hashtext(?))', [VERSION_LOCK_NAMESPACE, workflowId]);
    const [latest] = await tx.execute<{ version: number | null }[]>(
      'select max(version) as version from workflow_definitions where workflow_id = ?',
      [workflowId],
    );
    const version = (latest?.version ?? 0) + 1;
    await tx.nativeUpdate(WorkflowDefinition, { workflowId, isLatest: true }, { isLatest: false });
    const d = input.definition;
    const row = tx.create(WorkflowDefinition, {
      workflowId,
      version,
      isLatest: true,
      name: d.name,
      description: d.description,
      category: d.category,
      definition: { ...d, version: String(version) },
      aiConfigurable: d.ai_configurable,
      createdBy: d.created_by,
      owner: input.ownerId,
    });
    await tx.flush();
    return row;
  });
}

/** One stored version by its id (what executions reference), or null. `em`: a request's fork. */
export function getDefinitionVersion(em: EntityManager, id: string): Promise<IWorkflowDefinition | null> {
  return em.findOne(WorkflowDefinition, { id });
}

/** The latest version of a workflow, or null. `em`: a request's fork. */
export function getLatestDefinition(em: EntityManager, workflowId: string): Promise<IWorkflowDefinition | null> {
  return em.findOne(WorkflowDefinition, { workflowId, isLatest: true });
}
