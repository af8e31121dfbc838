import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { mapErrors } from '../../errors';
import { inTransaction } from '../../in-transaction';
import { authedProcedure, router } from '../../trpc';
import { ownerFilter } from '../visible-workflow';

/** What is stored in workflow_learning_data.user_feedback. */
interface StoredFeedback {
  rating: number;
  comment: string | null;
  userId: string;
  at: string;
}

const executionId = z.uuid({ error: 'must be an execution id (a UUID)' });

const submitInput = z.object({
  executionId,
  rating: z.int({ error: 'must be a whole number from 1 to 5' }).min(1, { error: 'must be at least 1' }).max(5, { error: 'must be at most 5' }),
  comment: z.string().trim().max(2000, { error: 'must be at most 2000 characters' }).optional(),
});

const listInput = z.object({
  executionId: executionId.optional(),
  workflowId: z.uuid({ error: 'must be a workflow id (a UUID)' }).optional(),
  limit: z.int().min(1).max(100).default(20),
});

// Serializes submits per execution so "one feedback per user" holds without a unique index.
const LOCK_SQL = `select pg_advisory_xact_lock(hashtextextended('feedback:' || $1::text, 0))`;

export const feedbackRouter = router({
  /** Rates one of the caller's own runs; submitting again replaces the earlier rating. */
  submit: authedProcedure.input(submitInput).mutation(({ ctx, input }) =>
    mapErrors(async () => {
      const feedback: StoredFeedback = {
        rating: input.rating,
        comment: input.comment ? input.comment : null,
        userId: ctx.user.id,
        at: new Date().toISOString(),
      };
      return inTransaction(ctx.services.pool, async (db) => {
        const own = await db.query('select 1 from workflow_executions where id = $1 and user_id = $2', [input.executionId, ctx.user.id]);
        if (own.rowCount === 0) throw new TRPCError({ code: 'NOT_FOUND', message: `No execution ${input.executionId}` });
        await db.query(LOCK_SQL, [input.executionId]);
        const replaced = await db.query(
          `update workflow_learning_data set user_feedback = $3::jsonb
            where execution_id = $1 and user_feedback ->> 'userId' = $2::text`,
          [input.executionId, ctx.user.id, JSON.stringify(feedback)],
        );
        if (replaced.rowCount === 0) {
          await db.query('insert into workflow_learning_data (execution_id, user_feedback) values ($1, $2::jsonb)', [
            input.executionId,
            JSON.stringify(feedback),
          ]);
        }
        return { executionId: input.executionId, ...feedback, replaced: (replaced.rowCount ?? 0) > 0 };
      });
    }),
  ),

  /** Feedback on the caller's runs (an admin's: everyone's), newest first. */
  list: authedProcedure.input(listInput).query(({ ctx, input }) =>
    mapErrors(async () => {
      const { rows } = await ctx.services.pool.query(
        `select l.execution_id, l.user_feedback, d.workflow_id, d.name as workflow_name
           from workflow_learning_data l
           join workflow_executions e on e.id = l.execution_id
           join workflow_definitions d on d.id = e.workflow_id
          where l.user_feedback ->> 'rating' is not null
            and ($1::uuid is null or e.user_id = $1)
            and ($2::uuid is null or l.execution_id = $2)
            and ($3::uuid is null or d.workflow_id = $3)
          order by l.user_feedback ->> 'at' desc, l.id
          limit $4`,
        [ownerFilter(ctx.user), input.executionId ?? null, input.workflowId ?? null, input.limit],
      );
      return {
        items: rows.map((r) => {
          const f = r.user_feedback as StoredFeedback;
          return {
            executionId: r.execution_id as string,
            workflowId: r.workflow_id as string,
            workflowName: r.workflow_name as string,
            userId: f.userId,
            rating: f.rating,
            comment: f.comment ?? null,
            at: f.at,
          };
        }),
      };
    }),
  ),
});
