import { z } from 'zod';
import { mapErrors } from '../errors';
import { recommendImprovements } from '../learning/recommendations';
import { authedProcedure, router } from '../trpc';
import { periodDays } from './analytics/period';

export const learningRouter = router({
  /**
   * Patterns in the runs of a workflow's latest version over 7, 30 or 90 days and the changes that
   * answer them (RFC 6902 patches); each analysis is stored. Owner or admin; others NOT_FOUND.
   */
  recommendations: authedProcedure
    .input(z.object({ workflowId: z.uuid({ error: 'must be a workflow id (a UUID)' }), days: periodDays.default(30) }))
    .query(({ ctx, input }) => mapErrors(() => recommendImprovements(ctx.services, input.workflowId, input.days, ctx.user))),
});
