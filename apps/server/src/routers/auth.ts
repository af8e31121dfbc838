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
import { hashPassword, newPasswordSchema, PASSWORD_MAX_LENGTH, verifyAgainstNothing, verifyPassword } from '../auth/passwords';
import type { Context } from '../context';
import type { Services } from '../services';
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

const signUpInput = z.object({
  email: z
    .string()
    .max(320, 'Use an email address of at most 320 characters')
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'Enter an email address like name@example.com' })),
  password: newPasswordSchema,
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
  ctx.setCookie(sessionCookie(ctx.services.config, token));
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
      const message = 'An account with this email already exists; sign in instead';
      throw new TRPCError({ code: 'CONFLICT', message, cause: Object.assign(new Error(message), { fieldErrors: { email: [message] } }) });
    }
  }),

  /** Signs in with email and password. After 5 failures for one email in 15 minutes, waits are enforced. */
  signIn: publicProcedure.input(signInInput).mutation(async ({ ctx, input }): Promise<PublicUser> => {
    const throttle = throttleFor(ctx.services);
    const waitMs = throttle.begin(input.email);
    if (waitMs > 0) {
      const minutes = Math.ceil(waitMs / 60_000);
      throw new TRPCError({
        code: 'TOO_MANY_REQUESTS',
        message: `Too many failed sign-ins for this email; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
      });
    }
    const user = await findUserByEmail(ctx.services.orm.em.fork(), input.email);
    const ok = user?.passwordHash ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstNothing(input.password);
    if (!user || !ok) throw new TRPCError({ code: 'UNAUTHORIZED', message: WRONG_CREDENTIALS });
    throttle.succeeded(input.email);
    await startSession(ctx, user.id);
    return publicUser(user);
  }),

  /** Ends this browser's session and clears its cookie. Harmless when not signed in. */
  signOut: publicProcedure.mutation(async ({ ctx }): Promise<{ signedOut: true }> => {
    const token = ctx.req ? readSessionToken(ctx.req.headers) : null;
    const sessionId = token ? sessionIdOf(token) : ctx.user?.sessionId;
    if (sessionId) await deleteSession(ctx.services.orm.em.fork(), sessionId);
    ctx.setCookie(clearedSessionCookie(ctx.services.config));
    return { signedOut: true };
  }),

  /** The signed-in user, or null. */
  me: publicProcedure.query(({ ctx }): PublicUser | null => (ctx.user ? publicUser(ctx.user) : null)),

  /** Replaces your password (e.g. the generated first-run one) and signs out your other sessions. */
  changePassword: authedProcedure
    .input(z.object({ currentPassword: signInInput.shape.password, newPassword: newPasswordSchema }))
    .mutation(async ({ ctx, input }): Promise<{ changed: true }> => {
      const em = ctx.services.orm.em.fork();
      const throttle = throttleFor(ctx.services);
      if (throttle.begin(ctx.user.email) > 0) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: 'Too many wrong passwords; try again later' });
      const user = await findUserById(em, ctx.user.id);
      if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
        const message = 'The current password is wrong';
        throw new TRPCError({ code: 'BAD_REQUEST', message, cause: Object.assign(new Error(message), { fieldErrors: { currentPassword: [message] } }) });
      }
      throttle.succeeded(ctx.user.email);
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

/**
 * Failed sign-ins per email, in memory (per process). An attempt counts as a failure until it
 * succeeds, so parallel guesses cannot slip past the limit.
 */
class SignInThrottle {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly maxEmails = 100_000,
  ) {}

  /** 0 when the attempt may go ahead (it is then counted), else how long to wait. */
  begin(email: string, now = Date.now()): number {
    const recent = (this.failures.get(email) ?? []).filter((at) => now - at < this.windowMs);
    if (recent.length >= this.maxFailures) return recent[0]! + this.windowMs - now;
    recent.push(now);
    this.failures.delete(email); // re-insert: the Map stays ordered oldest activity first
    this.failures.set(email, recent);
    if (this.failures.size > this.maxEmails) this.failures.delete(this.failures.keys().next().value!);
    return 0;
  }

  succeeded(email: string): void {
    this.failures.delete(email);
  }
}

const throttles = new WeakMap<Services, SignInThrottle>();
function throttleFor(services: Services): SignInThrottle {
  let throttle = throttles.get(services);
  if (!throttle) throttles.set(services, (throttle = new SignInThrottle()));
  return throttle;
}
