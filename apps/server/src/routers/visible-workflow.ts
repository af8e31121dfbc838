import type { WorkflowDefinition } from '@stepwise/engine';
import { TRPCError } from '@trpc/server';
import type pg from 'pg';

/** Who is asking, as far as reading other people's rows goes. */
export interface Viewer {
  id: string;
  role: 'user' | 'admin';
}

/** The owner to filter rows by: null for an admin (everyone's), else the caller's own id. */
export const ownerFilter = (viewer: Viewer): string | null => (viewer.role === 'admin' ? null : viewer.id);

export interface VisibleWorkflow {
  /** The latest version's row id (workflow_definitions.id), what runs reference. */
  versionId: string;
  version: number;
  name: string;
  category: string;
  ownerId: string | null;
  archived: boolean;
  definition: WorkflowDefinition;
}

/** The latest version of a workflow the caller owns (admins: any); NOT_FOUND otherwise so existence does not leak. */
export async function latestVisibleWorkflow(pool: pg.Pool, workflowId: string, viewer: Viewer): Promise<VisibleWorkflow> {
  const { rows } = await pool.query<{
    id: string;
    version: number;
    name: string;
    category: string;
    owner_id: string | null;
    archived_at: Date | null;
    definition: WorkflowDefinition;
  }>(
    `select id, version, name, category, owner_id, archived_at, definition from workflow_definitions
      where workflow_id = $1 and is_latest and ($2::uuid is null or owner_id = $2)`,
    [workflowId, ownerFilter(viewer)],
  );
  const row = rows[0];
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `No workflow ${workflowId}` });
  return {
    versionId: row.id,
    version: row.version,
    name: row.name,
    category: row.category,
    ownerId: row.owner_id,
    archived: row.archived_at !== null,
    definition: row.definition,
  };
}

/** The latest, not archived version of the user's own workflow (what a run starts from; admins too), or null. */
export async function latestStartableVersion(
  pool: pg.Pool,
  workflowId: string,
  userId: string,
): Promise<{ versionId: string; workflowId: string; definition: unknown } | null> {
  const { rows } = await pool.query<{ id: string; workflow_id: string; definition: unknown }>(
    `select id, workflow_id, definition from workflow_definitions
      where workflow_id = $1 and is_latest and owner_id = $2 and archived_at is null`,
    [workflowId, userId],
  );
  const row = rows[0];
  return row ? { versionId: row.id, workflowId: row.workflow_id, definition: row.definition } : null;
}
