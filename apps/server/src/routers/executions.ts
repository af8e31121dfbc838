import { NotFoundError, RUN_STATUSES, type RunRecord, type WorkflowEngine } from '@stepwise/engine';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { mapErrors } from '../errors';
import { authedProcedure, router } from '../trpc';
import { executionView, stepAttempts } from './execution-view';
import { ownRun } from './own-run';
import { assertRunCapacity } from '../security/run-cap';
import { latestStartableVersion } from './visible-workflow';
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

/** Applies an engine operation on the caller's run (the engine checks ownership) and returns its new state. */
async function operate(op: () => Promise<RunRecord>) {
  return executionView(await mapErrors(op));
}

const onStep = z.object({ id, stepId });
const onRun = z.object({ id });
/** This run's own caps on model spend, below or above the server's defaults. */
const budgetCaps = z.strictObject({
  tokens: z.int().min(0).max(100_000_000).optional(),
  usd: z.number().min(0).max(100_000).optional(),
});

export const executionsRouter = router({
  start: authedProcedure
    .input(
      z.object({
        workflowId: z.uuid(),
        input: jsonObject.optional(),
        sessionId: z.string().max(255).optional(),
        budget: budgetCaps.optional(),
        /** Chosen by the caller so a retried start (its answer lost) cannot start a second run. */
        runId: z.uuid({ error: 'runId must be a UUID the caller chose for this start' }).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const earlier = input.runId ? await startedBefore(ctx.services.engine, input.runId, ctx.user.id) : null;
      if (earlier) return executionView(earlier);
      const version = await latestStartableVersion(ctx.services.pool, input.workflowId, ctx.user.id);
      if (!version) throw new TRPCError({ code: 'NOT_FOUND', message: `No workflow ${input.workflowId}` });
      await assertRunCapacity(ctx.services, ctx.user.id);
      const run = await mapErrors(async () =>
        ctx.services.engine.start({
          workflowId: version.versionId,
          definition: ctx.services.engine.validate(version.definition),
          userId: ctx.user.id,
          sessionId: input.sessionId ?? ctx.user.sessionId ?? 'api',
          input: input.input,
          budget: input.budget,
          runId: input.runId,
        }),
      ).catch(async (error: unknown) => {
        // Two tries of one start at the same moment: the second finds the first's run.
        const raced = input.runId && isUniqueViolation(error) ? await startedBefore(ctx.services.engine, input.runId, ctx.user.id) : null;
        if (raced) return raced;
        throw error;
      });
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
    const [run, attempts] = await mapErrors(() => Promise.all([ownRun(ctx, input.id), stepAttempts(ctx.services.pool, ctx.services.sealer, input.id)]));
    return { ...executionView(run), attempts };
  }),

  submitInput: authedProcedure
    .input(onStep.extend({ data: jsonObject }))
    .mutation(({ ctx, input }) => operate(() => ctx.services.engine.submitInput(input.id, input.stepId, input.data, { userId: ctx.user.id }))),
  accept: authedProcedure
    .input(onStep)
    .mutation(({ ctx, input }) => operate(() => ctx.services.engine.accept(input.id, input.stepId, { userId: ctx.user.id }))),
  reject: authedProcedure
    .input(onStep.extend({ feedback: z.string().max(4000).default('') }))
    .mutation(({ ctx, input }) => operate(() => ctx.services.engine.reject(input.id, input.stepId, input.feedback, { userId: ctx.user.id }))),
  retryStep: authedProcedure
    .input(onStep)
    .mutation(({ ctx, input }) => operate(() => ctx.services.engine.retryStep(input.id, input.stepId, { userId: ctx.user.id }))),
  pause: authedProcedure.input(onRun).mutation(({ ctx, input }) => operate(() => ctx.services.engine.pause(input.id, { userId: ctx.user.id }))),
  resume: authedProcedure.input(onRun).mutation(({ ctx, input }) => operate(() => ctx.services.engine.resume(input.id, { userId: ctx.user.id }))),
  cancel: authedProcedure.input(onRun).mutation(({ ctx, input }) => operate(() => ctx.services.engine.cancel(input.id, { userId: ctx.user.id }))),
  /** A run paused at a budget cap goes on, allowed `extra` more in the cap's unit (default: the hold's suggestion). */
  approveBudget: authedProcedure
    .input(onRun.extend({ extra: z.number().positive().max(100_000_000).optional() }))
    .mutation(({ ctx, input }) => operate(() => ctx.services.engine.approveBudget(input.id, input.extra, { userId: ctx.user.id }))),
});

/** The run a retried start already created; another user's id is a CONFLICT, never theirs to see. */
async function startedBefore(engine: WorkflowEngine, runId: string, userId: string): Promise<RunRecord | null> {
  const run = await engine.getRun(runId).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  if (run && run.userId !== userId) throw new TRPCError({ code: 'CONFLICT', message: 'That runId is taken; choose a new UUID for each start' });
  return run;
}

const isUniqueViolation = (error: unknown) => (error as { code?: unknown })?.code === '23505' || (error as { cause?: { code?: unknown } })?.cause?.code === '23505';

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
