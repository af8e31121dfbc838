import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { mapErrors } from '../errors';
import { authedProcedure, router } from '../trpc';
import { feedbackRouter } from './analytics/feedback';
import { forecastProcedure } from './analytics/forecast';
import { humanDecisionsProcedure } from './analytics/human';
import { aiPerformanceProcedure, alertsProcedure, executionMetricsProcedure } from './analytics/monitoring';
import { userOverview } from './analytics/overview';
import { periodDays } from './analytics/period';
import { runTrends } from './analytics/trends';
import { workflowStats } from './analytics/workflow-stats';
import { latestVisibleWorkflow } from './visible-workflow';

export const analyticsRouter = router({
  /** Runs, success rate, durations, drop-off per step, AI usage and ratings of one workflow (all its versions). */
  workflow: authedProcedure
    .input(z.object({ workflowId: z.uuid({ error: 'must be a workflow id (a UUID)' }), days: periodDays.default(30) }))
    .query(({ ctx, input }) =>
      mapErrors(async () => {
        const workflow = await latestVisibleWorkflow(ctx.services.pool, input.workflowId, ctx.user);
        const stats = await workflowStats(ctx.services.pool, input.workflowId, input.days, ctx.services.log);
        return { workflowId: input.workflowId, name: workflow.name, category: workflow.category, days: input.days, ...stats };
      }),
    ),

  /** Daily runs over 7, 30 or 90 UTC days (empty days included) and runs per category. */
  trends: authedProcedure
    .input(
      z.object({
        days: periodDays.default(30),
        category: z.string().trim().min(1).max(100).optional(),
        scope: z.enum(['mine', 'all']).default('mine'),
      }),
    )
    .query(({ ctx, input }) =>
      mapErrors(async () => {
        if (input.scope === 'all' && ctx.user.role !== 'admin') {
          throw new TRPCError({ code: 'FORBIDDEN', message: "Only administrators can see everyone's runs; use scope 'mine'" });
        }
        const trends = await runTrends(ctx.services.pool, {
          userId: input.scope === 'all' ? null : ctx.user.id,
          days: input.days,
          category: input.category ?? null,
        });
        return { days: input.days, scope: input.scope, category: input.category ?? null, ...trends };
      }),
    ),

  /** The caller's own runs over a period: totals, AI use and durations per day, per workflow, reject rate per AI step. */
  overview: authedProcedure
    .input(z.object({ days: periodDays.default(30) }).default({ days: 30 }))
    .query(({ ctx, input }) =>
      mapErrors(async () => ({ days: input.days, ...(await userOverview(ctx.services.pool, ctx.user.id, input.days)) })),
    ),

  feedback: feedbackRouter,
  humanDecisions: humanDecisionsProcedure,
  executionMetrics: executionMetricsProcedure,
  aiPerformance: aiPerformanceProcedure,
  alerts: alertsProcedure,
  forecast: forecastProcedure,
});
