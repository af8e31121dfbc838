import { publicProcedure, router } from '../trpc';

export const metaRouter = router({
  /** What the UI shows about this installation, e.g. "Built-in offline model". */
  info: publicProcedure.query(({ ctx }) => ({
    model: { label: ctx.services.ai?.label ?? 'No model configured', builtin: ctx.services.ai?.builtin ?? false },
  })),
});
