import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { auditMutation } from './audit/mutations';
import { databaseUnavailable, isDatabaseUnavailable } from './database-errors';
import { toTRPCError } from './errors';
import type { Context } from './context';
import { jsonStorageProblem } from './json-safety';

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
    // Never send stack traces, SQL or driver messages to clients.
    const { stack: _stack, ...data } = shape.data;
    const message =
      shape.data.code === 'INTERNAL_SERVER_ERROR'
        ? 'Something went wrong on our side; try again'
        : cause instanceof ZodError
          ? cause.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')
          : shape.message;
    return { ...shape, message, data: { ...data, fieldErrors, details: (cause as { details?: unknown } | undefined)?.details ?? null } };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/** Every mutation leaves one audit entry once it has run (failures too): who, what, which target, outcome. */
const audited = t.middleware(async ({ ctx, type, path, getRawInput, next }) => {
  const result = await next();
  if (type === 'mutation') {
    const input = await getRawInput().catch(() => undefined);
    await auditMutation(ctx, path, input, result.ok ? { ok: true, data: result.data } : { ok: false, code: result.error.code });
  }
  return result;
});

/**
 * Typed errors whatever threw them: the database down or restarting is a 503 that says to try again,
 * and an engine or key error that escaped a procedure's own mapping gets its code, not a 500.
 */
const typedErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  if (isDatabaseUnavailable(result.error)) return { ...result, error: databaseUnavailable(result.error) };
  if (result.error.code !== 'INTERNAL_SERVER_ERROR' || !result.error.cause) return result;
  const mapped = toTRPCError(result.error.cause);
  return mapped.code === 'INTERNAL_SERVER_ERROR' ? result : { ...result, error: mapped };
});

/** Every procedure refuses input PostgreSQL could not store (NUL characters, lone surrogates, deep nesting). */
export const publicProcedure = t.procedure.use(typedErrors).use(audited).use(async ({ getRawInput, next }) => {
  const problem = jsonStorageProblem(await getRawInput());
  if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: `input: ${problem}` });
  return next();
});

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first (session cookie or Authorization: Bearer <token>)' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export const adminProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== 'admin') throw new TRPCError({ code: 'FORBIDDEN', message: 'Only administrators can do this' });
  return next();
});
