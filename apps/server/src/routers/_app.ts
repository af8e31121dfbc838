import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { router } from '../trpc';
import { aiRouter } from './ai';
import { analyticsRouter } from './analytics';
import { auditRouter } from './audit';
import { authRouter } from './auth';
import { categoriesRouter } from './categories';
import { executionsRouter } from './executions';
import { learningRouter } from './learning';
import { metaRouter } from './meta';
import { templatesRouter } from './templates';
import { workflowsRouter } from './workflows';

export const appRouter = router({
  auth: authRouter,
  workflows: workflowsRouter,
  templates: templatesRouter,
  categories: categoriesRouter,
  executions: executionsRouter,
  meta: metaRouter,
  analytics: analyticsRouter,
  ai: aiRouter,
  learning: learningRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
