import type { RunRecord } from '@stepwise/engine';
import { RUN_STATUSES } from '@stepwise/engine';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { Context } from '../context';
import { mapErrors } from '../errors';
import { authedProcedure, router } from '../trpc';
import { executionView, stepAttempts } from './execution-view';
import { jsonStorageProblem } from './workflows/definition-input';

const id = z.uuid({ error: 'must be an execution id (a UUID)' });
const stepId = z.string().min(1).max(63);
/** Answers and initial values: plain JSON objects of bounded size. */
const jsonObject = z
  .record(z.string().max(200), z.unknown())
  .refine((v) => JSON.stringify(v).length <= 64_000, { error: 'is too large (at most 64 KB of JSON)' })
  .superRefine((v, ctx) => {
    const problem = jsonStorageProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

type AuthedContext = Context & { user: NonNullable<Context['user']> };

/** The run, if it belongs to the caller. Another user's run is NOT_FOUND so existence does not leak. */
async function ownRun(ctx: AuthedContext, runId: string): Promise<RunRecord> {
  const run = await ctx.services.engine.getRun(runId).catch(() => null);
  if (!run || run.userId !== ctx.user.id) throw new TRPCError({ code: 'NOT_FOUND', message: `No execution ${runId}` });
  return run;
}

/** Checks ownership, applies an engine operation and returns the run's new state. */
async function operate(ctx: AuthedContext, runId: string, op: () => Promise<RunRecord>) {
  await ownRun(ctx, runId);
  return executionView(await mapErrors(op));
}

const onStep = z.object({ id, stepId });
const onRun = z.object({ id });

export const executionsRouter = router({
  start: authedProcedure
    .input(z.object({ workflowId: z.uuid(), input: jsonObject.optional(), sessionId: z.string().max(255).optional() }))
    .mutation(async ({ ctx, input }) => {
      const { rows } = await ctx.services.pool.query<{ id: string; definition: unknown }>(
        `select id, definition from workflow_definitions
          where workflow_id = $1 and is_latest and owner_id = $2 and archived_at is null`,
        [input.workflowId, ctx.user.id],
      );
      const version = rows[0];
      if (!version) throw new TRPCError({ code: 'NOT_FOUND', message: `No workflow ${input.workflowId}` });
      const run = await mapErrors(async () =>
        ctx.services.engine.start({
          workflowId: version.id,
          definition: ctx.services.engine.validate(version.definition),
          userId: ctx.user.id,
          sessionId: input.sessionId ?? ctx.user.sessionId ?? 'api',
          input: input.input,
        }),
      );
      return executionView(run);
    }),

  list: authedProcedure
    .input(
      z.object({
        status: z.enum(RUN_STATUSES).optional(),
        workflowId: z.uuid().optional(),
        cursor: z.string().max(200).optional(),
        limit: z.int().min(1).max(100).default(20),
      }),
    )
    .query(async ({ ctx, input }) => {
      const [cursorAt, cursorId] = input.cursor ? decodeCursor(input.cursor) : [null, null];
      const { rows } = await ctx.services.pool.query(
        `select e.id, e.status, e.started_at, e.completed_at, e.created_at, e.error_message,
                d.workflow_id, d.name as workflow_name, d.version as workflow_version
           from workflow_executions e join workflow_definitions d on d.id = e.workflow_id
          where e.user_id = $1
            and ($2::text is null or e.status = $2)
            and ($3::uuid is null or d.workflow_id = $3)
            and ($4::timestamptz is null or (e.created_at, e.id) < ($4, $5::uuid))
          order by e.created_at desc, e.id desc
          limit $6`,
        [ctx.user.id, input.status ?? null, input.workflowId ?? null, cursorAt, cursorId, input.limit + 1],
      );
      const page = rows.slice(0, input.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((r) => ({
          id: r.id as string,
          status: r.status as RunRecord['status'],
          workflowId: r.workflow_id as string,
          workflowName: r.workflow_name as string,
          workflowVersion: r.workflow_version as number,
          startedAt: (r.started_at as Date).toISOString(),
          completedAt: r.completed_at ? (r.completed_at as Date).toISOString() : null,
          error: (r.error_message as string | null) ?? null,
        })),
        nextCursor: rows.length > input.limit && last ? encodeCursor(last.created_at as Date, last.id as string) : null,
      };
    }),

  get: authedProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    // Both reads at once; nothing is returned unless the run is the caller's.
    const [run, attempts] = await Promise.all([ownRun(ctx, input.id), stepAttempts(ctx.services.pool, input.id)]);
    return { ...executionView(run), attempts };
  }),

  submitInput: authedProcedure
    .input(onStep.extend({ data: jsonObject }))
    .mutation(({ ctx, input }) => operate(ctx, input.id, () => ctx.services.engine.submitInput(input.id, input.stepId, input.data))),
  accept: authedProcedure
    .input(onStep)
    .mutation(({ ctx, input }) => operate(ctx, input.id, () => ctx.services.engine.accept(input.id, input.stepId))),
  reject: authedProcedure
    .input(onStep.extend({ feedback: z.string().max(4000).default('') }))
    .mutation(({ ctx, input }) => operate(ctx, input.id, () => ctx.services.engine.reject(input.id, input.stepId, input.feedback))),
  retryStep: authedProcedure
    .input(onStep)
    .mutation(({ ctx, input }) => operate(ctx, input.id, () => ctx.services.engine.retryStep(input.id, input.stepId))),
  pause: authedProcedure.input(onRun).mutation(({ ctx, input }) => operate(ctx, input.id, () => ctx.services.engine.pause(input.id))),
  resume: authedProcedure.input(onRun).mutation(({ ctx, input }) => operate(ctx, input.id, () => ctx.services.engine.resume(input.id))),
  cancel: authedProcedure.input(onRun).mutation(({ ctx, input }) => operate(ctx, input.id, () => ctx.services.engine.cancel(input.id))),
});

function encodeCursor(at: Date, runId: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), runId])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const [at, runId] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    if (Number.isNaN(Date.parse(at)) || !z.uuid().safeParse(runId).success) throw new Error('bad cursor');
    return [at, runId];
  } catch {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'The cursor is not valid; start from the first page' });
  }
}
