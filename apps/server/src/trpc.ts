import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { Context } from './context';

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const fieldErrors =
      cause instanceof ZodError
        ? Object.fromEntries(
            Object.entries(
              cause.issues.reduce<Record<string, string[]>>((acc, issue) => {
                const key = issue.path.join('.') || '_';
                (acc[key] ??= []).push(issue.message);
                return acc;
              }, {}),
            ),
          )
        : ((cause as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors ?? null);
    // Never send stack traces to clients.
    const { stack: _stack, ...data } = shape.data;
    return { ...shape, data: { ...data, fieldErrors, details: (cause as { details?: unknown } | undefined)?.details ?? null } };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure;

export const authedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first (session cookie or Authorization: Bearer <token>)' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export const adminProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== 'admin') throw new TRPCError({ code: 'FORBIDDEN', message: 'Only administrators can do this' });
  return next();
});
