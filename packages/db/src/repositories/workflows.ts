import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkflowDefinition as WorkflowDefinitionJson } from '@stepwise/engine';

/** A user's workflow as lists show it: its latest version (or the one asked for), without the definition. */
export interface WorkflowSummaryRow {
  workflowId: string;
  versionId: string;
  version: number;
  isLatest: boolean;
  name: string;
  description: string | null;
  category: string;
  stepCount: number;
  /** ISO 8601, UTC, milliseconds. */
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

export interface WorkflowVersionRow extends WorkflowSummaryRow {
  definition: WorkflowDefinitionJson;
}

/** Where a page ends: the last row's `updated_at` (microseconds, so no row is skipped) and workflow id. */
export interface WorkflowCursor {
  updatedAt: string;
  workflowId: string;
}

export interface ListWorkflowsQuery {
  ownerId: string;
  /** A category name; workflows in its sub-categories (workflow_categories.parent_id) match too. */
  category?: string;
  /** Case-insensitive substring of the name or description (no wildcards). */
  search?: string;
  includeArchived?: boolean;
  limit: number;
  after?: WorkflowCursor;
}

export interface WorkflowPage {
  items: WorkflowSummaryRow[];
  /** Pass back as `after` for the next page; null on the last page. */
  next: WorkflowCursor | null;
}

const ISO_MS = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const SUMMARY_COLUMNS = `d.workflow_id, d.id as version_id, d.version, d.is_latest, d.name, d.description, d.category,
  coalesce(jsonb_array_length(case jsonb_typeof(d.definition -> 'steps') when 'array' then d.definition -> 'steps' end), 0) as step_count,
  to_char(d.created_at at time zone 'UTC', ${ISO_MS}) as created_at,
  to_char(d.updated_at at time zone 'UTC', ${ISO_MS}) as updated_at,
  to_char(d.archived_at at time zone 'UTC', ${ISO_MS}) as archived_at`;

interface SummarySqlRow {
  workflow_id: string;
  version_id: string;
  version: number;
  is_latest: boolean;
  name: string;
  description: string | null;
  category: string;
  step_count: number | string;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

function toSummary(row: SummarySqlRow): WorkflowSummaryRow {
  return {
    workflowId: row.workflow_id,
    versionId: row.version_id,
    version: Number(row.version),
    isLatest: row.is_latest,
    name: row.name,
    description: row.description,
    category: row.category,
    stepCount: Number(row.step_count),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
  };
}

/** `text` as a literal ILIKE pattern (escape character `\`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * One page of a user's workflows (latest versions), newest change first, keyset-paged by
 * (updated_at desc, workflow_id desc) so concurrent inserts never shift a page.
 */
export async function listWorkflows(em: EntityManager, q: ListWorkflowsQuery): Promise<WorkflowPage> {
  const where = ['d.owner_id = ?', 'd.is_latest'];
  const params: unknown[] = [q.ownerId];
  let ctes = '';
  if (q.category !== undefined) {
    // Union (not union all) stops at repeated rows, so even a parent cycle terminates.
    ctes = `with recursive cats(id, name) as (
        select id, name from workflow_categories where name = ?
        union select c.id, c.name from workflow_categories c join cats on c.parent_id = cats.id)`;
    params.unshift(q.category);
    where.push('(d.category = ? or d.category in (select name from cats))');
    params.push(q.category);
  }
  if (!q.includeArchived) where.push('d.archived_at is null');
  if (q.search) {
    const pattern = `%${escapeLike(q.search)}%`;
    where.push(`(d.name ilike ? escape '\\' or d.description ilike ? escape '\\')`);
    params.push(pattern, pattern);
  }
  if (q.after) {
    where.push('(d.updated_at, d.workflow_id) < (?::timestamptz, ?::uuid)');
    params.push(q.after.updatedAt, q.after.workflowId);
  }
  params.push(q.limit + 1);
  const rows = await em.execute<(SummarySqlRow & { cursor_at: string })[]>(
    `${ctes}
     select ${SUMMARY_COLUMNS},
       to_char(d.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_at
     from workflow_definitions d
     where ${where.join(' and ')}
     order by d.updated_at desc, d.workflow_id desc
     limit ?`,
    params,
  );
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toSummary),
    next: rows.length > q.limit && last ? { updatedAt: last.cursor_at, workflowId: last.workflow_id } : null,
  };
}

/** The latest version (or `version`) of a workflow owned by `ownerId`, with its definition; null otherwise. */
export async function findWorkflowVersion(
  em: EntityManager,
  args: { ownerId: string; workflowId: string; version?: number },
): Promise<WorkflowVersionRow | null> {
  const [row] = await em.execute<(SummarySqlRow & { definition: WorkflowDefinitionJson })[]>(
    `select ${SUMMARY_COLUMNS}, d.definition
     from workflow_definitions d
     where d.workflow_id = ? and d.owner_id = ? and ${args.version === undefined ? 'd.is_latest' : 'd.version = ?'}`,
    args.version === undefined ? [args.workflowId, args.ownerId] : [args.workflowId, args.ownerId, args.version],
  );
  return row ? { ...toSummary(row), definition: row.definition } : null;
}

export interface WorkflowVersionInfo {
  version: number;
  versionId: string;
  isLatest: boolean;
  createdAt: string;
}

/** Every version of a workflow owned by `ownerId`, oldest first; empty when there is no such workflow. */
export async function listWorkflowVersions(em: EntityManager, args: { ownerId: string; workflowId: string }): Promise<WorkflowVersionInfo[]> {
  const rows = await em.execute<{ version: number; id: string; is_latest: boolean; created_at: string }[]>(
    `select version, id, is_latest, to_char(created_at at time zone 'UTC', ${ISO_MS}) as created_at
     from workflow_definitions where workflow_id = ? and owner_id = ? order by version`,
    [args.workflowId, args.ownerId],
  );
  return rows.map((r) => ({ version: Number(r.version), versionId: r.id, isLatest: r.is_latest, createdAt: r.created_at }));
}

/**
 * Marks every version of the workflow archived (idempotent: the first archive time stays). Versions are
 * kept, so executions that started on them still read their definition. Null when `ownerId` has no such workflow.
 */
export async function archiveWorkflow(em: EntityManager, args: { ownerId: string; workflowId: string }): Promise<WorkflowSummaryRow | null> {
  const [row] = await em.execute<SummarySqlRow[]>(
    `with archived as (
       update workflow_definitions set archived_at = coalesce(archived_at, now())
       where workflow_id = ? and owner_id = ?
       returning *)
     select ${SUMMARY_COLUMNS} from archived d where d.is_latest`,
    [args.workflowId, args.ownerId],
  );
  return row ? toSummary(row) : null;
}
