import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { recentAlerts } from '../../alerts/alert-store';
import { mapErrors } from '../../errors';
import { adminProcedure, authedProcedure } from '../../trpc';
import { ownerFilter } from '../visible-workflow';
import { aiPerformance } from './ai-performance';
import { periodDays } from './period';

/** The figures written when a run finished; the run's owner or an admin. */
export const executionMetricsProcedure = authedProcedure
  .input(z.object({ executionId: z.uuid({ error: 'must be an execution id (a UUID)' }) }))
  .query(({ ctx, input }) =>
    mapErrors(async () => {
      const { rows: runs } = await ctx.services.pool.query<{ status: string }>(
        'select status from workflow_executions where id = $1 and ($2::uuid is null or user_id = $2)',
        [input.executionId, ownerFilter(ctx.user)],
      );
      if (!runs[0]) throw new TRPCError({ code: 'NOT_FOUND', message: `No execution ${input.executionId}` });
      const { rows } = await ctx.services.pool.query<{ metric_name: string; metric_value: string; metric_unit: string | null; recorded_at: Date }>(
        'select metric_name, metric_value, metric_unit, recorded_at from workflow_execution_metrics where execution_id = $1 order by metric_name',
        [input.executionId],
      );
      return {
        executionId: input.executionId,
        status: runs[0].status,
        /** Empty while the run is not finished (or its figures are about to be written). */
        metrics: rows.map((r) => ({ name: r.metric_name, value: Number(r.metric_value), unit: r.metric_unit, recordedAt: r.recorded_at.toISOString() })),
      };
    }),
  );

/** Cost, tokens, latency and success rate per model; admins see everyone's calls, others their own. */
export const aiPerformanceProcedure = authedProcedure
  .input(z.object({ days: periodDays.default(30) }).default({ days: 30 }))
  .query(({ ctx, input }) =>
    mapErrors(async () => ({
      days: input.days,
      scope: ctx.user.role === 'admin' ? ('all' as const) : ('mine' as const),
      ...(await aiPerformance(ctx.services.pool, ownerFilter(ctx.user), input.days)),
    })),
  );

/** Open alerts, then those cleared recently (admins). */
export const alertsProcedure = adminProcedure
  .input(z.object({ days: z.int().min(1).max(90).default(7), limit: z.int().min(1).max(200).default(50) }).default({ days: 7, limit: 50 }))
  .query(({ ctx, input }) =>
    mapErrors(async () => {
      const alerts = await recentAlerts(ctx.services.pool, input.days, input.limit);
      return { open: alerts.filter((a) => !a.clearedAt), recent: alerts.filter((a) => a.clearedAt) };
    }),
  );
