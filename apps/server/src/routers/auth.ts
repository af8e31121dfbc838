import {
  createApiToken,
  createSession,
  createUser,
  deleteSession,
  deleteUserSessions,
  EmailTakenError,
  findUserByEmail,
  findUserById,
  listApiTokens,
  revokeApiToken,
  sessionIdOf,
  setPasswordHash,
  type UserRole,
} from '@stepwise/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { clearedSessionCookie, readSessionToken, SESSION_TTL_MS, sessionCookie } from '../auth/cookies';
import { emailInPasswordProblem, hashPassword, newPasswordSchema, PASSWORD_MAX_LENGTH, verifyAgainstNothing, verifyPassword } from '../auth/passwords';
import type { Context } from '../context';
import { clientIp } from '../security/client';
import { limited } from '../security/limited';
import { rateLimits } from '../security/rate-limits';
import { authedProcedure, publicProcedure, router } from '../trpc';

export interface PublicUser {
  id: string;
  email: string;
  role: UserRole;
}

export interface ApiTokenSummary {
  id: string;
  name: string;
  /** The token's first characters, for telling tokens apart. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

const WRONG_CREDENTIALS = 'Email or password is wrong';

const signUpInput = z
  .object({
    email: z
      .string()
      .max(320, 'Use an email address of at most 320 characters')
      .trim()
      .toLowerCase()
      .pipe(z.email({ error: 'Enter an email address like name@example.com' })),
    password: newPasswordSchema,
  })
  .superRefine(({ email, password }, ctx) => {
    const problem = emailInPasswordProblem(password, email);
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  });

const signInInput = z.object({
  // Not checked as an email: the first-run account is admin@localhost.
  email: z.string().max(320, 'Use at most 320 characters').trim().toLowerCase().min(1, 'Enter your email'),
  password: z.string().min(1, 'Enter your password').max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters`),
});

const publicUser = (u: { id: string; email: string; role: UserRole }): PublicUser => ({ id: u.id, email: u.email, role: u.role });

async function startSession(ctx: Context, userId: string): Promise<void> {
  const { token } = await createSession(ctx.services.orm.em.fork(), {
    userId,
    ttlMs: SESSION_TTL_MS,
    userAgent: ctx.req?.headers['user-agent'] ?? null,
  });
  ctx.setCookie(sessionCookie(ctx.services.config, token, ctx.req));
}

export const authRouter = router({
  /** Creates an account and signs it in. The first account ever is an admin. */
  signUp: publicProcedure.input(signUpInput).mutation(async ({ ctx, input }): Promise<PublicUser> => {
    const passwordHash = await hashPassword(input.password);
    try {
      const user = await createUser(ctx.services.orm.em.fork(), { email: input.email, passwordHash, role: 'admin-if-first' });
      await startSession(ctx, user.id);
      return publicUser(user);
    } catch (error) {
      if (!(error instanceof EmailTakenError)) throw error;
      throw fieldError('email', 'An account with this email already exists; sign in instead', 'CONFLICT');
    }
  }),

  /** Signs in with email and password. Past SIGN_IN_MAX_FAILURES_PER_ACCOUNT (or _PER_IP) failures in 15 minutes, waits are enforced. */
  signIn: publicProcedure.input(signInInput).mutation(async ({ ctx, input }): Promise<PublicUser> => {
    const throttle = signInThrottle(ctx);
    await throttle.attempt(input.email);
    const user = await findUserByEmail(ctx.services.orm.em.fork(), input.email);
    const ok = user?.passwordHash ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstNothing(input.password);
    if (!user || !ok) throw new TRPCError({ code: 'UNAUTHORIZED', message: WRONG_CREDENTIALS });
    await throttle.succeeded(input.email);
    await startSession(ctx, user.id);
    return publicUser(user);
  }),

  /** Ends this browser's session and clears its cookie. Harmless when not signed in. */
  signOut: publicProcedure.mutation(async ({ ctx }): Promise<{ signedOut: true }> => {
    const token = ctx.req ? readSessionToken(ctx.req.headers) : null;
    const sessionId = token ? sessionIdOf(token) : ctx.user?.sessionId;
    if (sessionId) await deleteSession(ctx.services.orm.em.fork(), sessionId);
    ctx.setCookie(clearedSessionCookie(ctx.services.config, ctx.req));
    return { signedOut: true };
  }),

  /** The signed-in user, or null. */
  me: publicProcedure.query(({ ctx }): PublicUser | null => (ctx.user ? publicUser(ctx.user) : null)),

  /** Replaces your password (e.g. the generated first-run one) and signs out your other sessions. */
  changePassword: authedProcedure
    .input(z.object({ currentPassword: signInInput.shape.password, newPassword: newPasswordSchema }))
    .mutation(async ({ ctx, input }): Promise<{ changed: true }> => {
      const em = ctx.services.orm.em.fork();
      const emailProblem = emailInPasswordProblem(input.newPassword, ctx.user.email);
      if (emailProblem) throw fieldError('newPassword', emailProblem);
      const throttle = signInThrottle(ctx);
      await throttle.attempt(ctx.user.email);
      const user = await findUserById(em, ctx.user.id);
      if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) throw fieldError('currentPassword', 'The current password is wrong');
      await throttle.succeeded(ctx.user.email);
      await setPasswordHash(em, user.id, await hashPassword(input.newPassword));
      await deleteUserSessions(em, user.id, ctx.user.sessionId);
      return { changed: true };
    }),

  /** A new API token for `Authorization: Bearer <token>`. The token is shown in this answer only. */
  createApiToken: authedProcedure
    .input(z.object({ name: z.string().trim().min(1, 'Give the token a name').max(100, 'Use at most 100 characters') }))
    .mutation(async ({ ctx, input }): Promise<ApiTokenSummary & { token: string }> => {
      const { token, apiToken } = await createApiToken(ctx.services.orm.em.fork(), { userId: ctx.user.id, name: input.name });
      return { ...tokenSummary(apiToken), token };
    }),

  /** Your tokens that still work, newest first (never the tokens themselves). */
  listApiTokens: authedProcedure.query(async ({ ctx }): Promise<ApiTokenSummary[]> => {
    return (await listApiTokens(ctx.services.orm.em.fork(), ctx.user.id)).map(tokenSummary);
  }),

  /** Stops one of your tokens from working. */
  revokeApiToken: authedProcedure
    .input(z.object({ id: z.uuid('Expected an API token id') }))
    .mutation(async ({ ctx, input }): Promise<{ id: string; revoked: true }> => {
      if (!(await revokeApiToken(ctx.services.orm.em.fork(), ctx.user.id, input.id))) {
        throw new TRPCError({ code: 'NOT_FOUND', message: 'No API token with this id; list your tokens with auth.listApiTokens' });
      }
      return { id: input.id, revoked: true };
    }),
});

function tokenSummary(t: { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt?: Date | null }): ApiTokenSummary {
  return { id: t.id, name: t.name, prefix: t.prefix, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null };
}

/** An error the form shows next to `field`. */
const fieldError = (field: string, message: string, code: 'BAD_REQUEST' | 'CONFLICT' = 'BAD_REQUEST') =>
  new TRPCError({ code, message, cause: Object.assign(new Error(message), { fieldErrors: { [field]: [message] } }) });

/** Sign-in failures per account and per client IP, counted in PostgreSQL across every server process. */
function signInThrottle(ctx: Context) {
  const limits = rateLimits(ctx.services.pool, ctx.services.config);
  const ip = ctx.req ? clientIp(ctx.req, ctx.services.config) : 'in-process';
  return {
    attempt: (email: string) => limited(() => limits.signInAttempt(email, ip)),
    succeeded: (email: string) => limits.signInSucceeded(email, ip),
  };
}
