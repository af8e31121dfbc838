import {
  archiveWorkflow,
  findWorkflowVersion,
  listWorkflows,
  listWorkflowVersions,
  type WorkflowVersionRow,
} from '@stepwise/db';
import type { WorkflowDefinition } from '@stepwise/engine';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { mapErrors } from '../errors';
import { authedProcedure, router } from '../trpc';
import { decodeCursor, encodeCursor } from './workflows/cursor';
import { definitionInputSchema, MAX_IMPORT_CHARS, parseDefinitionJson } from './workflows/definition-input';
import { type RequestEm, saveWorkflowVersion } from './workflows/save';
import { toWorkflowSummary, type WorkflowSummary } from './workflows/summary';

/** Filter text: bounded, and without NUL (PostgreSQL text cannot hold it). */
const filterText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters');

const workflowId = z.guid('id must be a workflow id (a UUID)');
const version = z.int().min(1).max(1_000_000);
const byId = z.object({ id: workflowId });
const byIdAndVersion = z.object({ id: workflowId, version: version.optional() });

export interface WorkflowDetail extends WorkflowSummary {
  isLatest: boolean;
  createdAt: string;
  definition: WorkflowDefinition;
}

const notFound = (id: string) =>
  new TRPCError({ code: 'NOT_FOUND', message: `No workflow ${id} among yours; workflows.list shows the ones you have` });

/** The user's workflow (latest version or `version`), or NOT_FOUND: another user's workflow looks exactly like a missing one. */
async function requireVersion(em: RequestEm, ownerId: string, id: string, v?: number): Promise<WorkflowVersionRow> {
  const row = await findWorkflowVersion(em, { ownerId, workflowId: id, version: v });
  if (row) return row;
  if (v !== undefined && (await findWorkflowVersion(em, { ownerId, workflowId: id }))) {
    throw new TRPCError({ code: 'NOT_FOUND', message: `Workflow ${id} has no version ${v}; workflows.versions lists them` });
  }
  throw notFound(id);
}

function toDetail(row: WorkflowVersionRow): WorkflowDetail {
  return { ...toWorkflowSummary(row), isLatest: row.isLatest, createdAt: row.createdAt, definition: row.definition };
}

export const workflowsRouter = router({
  list: authedProcedure
    .input(
      z
        .object({
          category: filterText(100).optional(),
          search: filterText(200).optional(),
          cursor: z.string().max(500).nullish(),
          limit: z.int().min(1).max(100).default(20),
          includeArchived: z.boolean().default(false),
        })
        .default({ limit: 20, includeArchived: false }),
    )
    .query(({ ctx, input }): Promise<{ items: WorkflowSummary[]; nextCursor: string | null }> =>
      mapErrors(async () => {
        const page = await listWorkflows(ctx.services.orm.em.fork(), {
          ownerId: ctx.user.id,
          category: input.category,
          search: input.search,
          includeArchived: input.includeArchived,
          limit: input.limit,
          after: input.cursor ? decodeCursor(input.cursor) : undefined,
        });
        return { items: page.items.map(toWorkflowSummary), nextCursor: page.next ? encodeCursor(page.next) : null };
      }),
    ),

  get: authedProcedure
    .input(byIdAndVersion)
    .query(({ ctx, input }) =>
      mapErrors(async () => toDetail(await requireVersion(ctx.services.orm.em.fork(), ctx.user.id, input.id, input.version))),
    ),

  create: authedProcedure
    .input(z.object({ definition: definitionInputSchema }))
    .mutation(({ ctx, input }) =>
      mapErrors(() => saveWorkflowVersion(ctx.services.orm.em.fork(), ctx.services.engine, { userId: ctx.user.id, input: input.definition })),
    ),

  /** Saves version n+1; earlier versions stay as they were (executions keep theirs). */
  update: authedProcedure
    .input(z.object({ id: workflowId, definition: definitionInputSchema }))
    .mutation(({ ctx, input }) =>
      mapErrors(async () => {
        const em = ctx.services.orm.em.fork();
        const latest = await requireVersion(em, ctx.user.id, input.id);
        if (latest.archivedAt !== null) {
          throw new TRPCError({ code: 'CONFLICT', message: `Workflow ${input.id} is archived; create a new workflow (or import its export) instead` });
        }
        return saveWorkflowVersion(em, ctx.services.engine, {
          userId: ctx.user.id,
          input: input.definition,
          workflowId: input.id,
          previous: latest.definition,
        });
      }),
    ),

  /** Hides the workflow from lists and refuses new versions; every version stays readable. Idempotent. */
  archive: authedProcedure
    .input(byId)
    .mutation(({ ctx, input }) =>
      mapErrors(async () => {
        const row = await archiveWorkflow(ctx.services.orm.em.fork(), { ownerId: ctx.user.id, workflowId: input.id });
        if (!row) throw notFound(input.id);
        return toWorkflowSummary(row);
      }),
    ),

  versions: authedProcedure
    .input(byId)
    .query(({ ctx, input }) =>
      mapErrors(async () => {
        const rows = await listWorkflowVersions(ctx.services.orm.em.fork(), { ownerId: ctx.user.id, workflowId: input.id });
        if (rows.length === 0) throw notFound(input.id);
        return rows;
      }),
    ),

  /** The definition JSON, as stored; `importJson({ json: JSON.stringify(it) })` takes it back. */
  exportJson: authedProcedure
    .input(byIdAndVersion)
    .query(({ ctx, input }) =>
      mapErrors(async (): Promise<WorkflowDefinition> => {
        const row = await requireVersion(ctx.services.orm.em.fork(), ctx.user.id, input.id, input.version);
        return row.definition;
      }),
    ),

  /** A definition file's text, validated like any definition, saved as a new workflow of the user. */
  importJson: authedProcedure
    .input(z.object({ json: z.string().min(1).max(MAX_IMPORT_CHARS, `the file is larger than 1 MB (${MAX_IMPORT_CHARS} characters)`) }))
    .mutation(({ ctx, input }) =>
      mapErrors(() =>
        saveWorkflowVersion(ctx.services.orm.em.fork(), ctx.services.engine, { userId: ctx.user.id, input: parseDefinitionJson(input.json) }),
      ),
    ),
});
