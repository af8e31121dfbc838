import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstRunNotice } from '../../apps/server/src/auth/first-run';
import { callMutation, signIn, signUp, TEST_PASSWORD, uniqueEmail } from './auth-helpers';
import { errorCode, startTestApp, type TestApp } from './harness';

/** The code, message and field errors of a failed call. */
async function failure(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const data = error.data as { code: string; httpStatus: number; fieldErrors: Record<string, string[]> | null; stack?: string };
    return { code: data.code, httpStatus: data.httpStatus, message: error.message, fieldErrors: data.fieldErrors, stack: data.stack };
  }
  throw new Error('expected the call to fail');
}

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.stop());

describe('sign up, me, sign out', () => {
  it('sign-up sets an httpOnly, SameSite=Lax session cookie for 30 days and signs the user in', async () => {
    const email = uniqueEmail('Ada');
    const a = await signUp(t.url, email);
    expect(a.user).toEqual({ id: expect.any(String), email: email.toLowerCase(), role: 'user' });
    expect(a.cookie).toMatch(/^sw_session=[A-Za-z0-9_-]{43}$/);
    const attributes = a.setCookie.split(';').map((s) => s.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/', `max-age=${30 * 24 * 3600}`]));
    expect(attributes).not.toContain('secure'); // not production
    expect(await t.client(a.headers).auth.me.query()).toEqual(a.user);
  });

  it('me is null without a cookie, with an unknown cookie or with a malformed token', async () => {
    expect(await t.client().auth.me.query()).toBeNull();
    expect(await t.client({ cookie: 'sw_session=nope' }).auth.me.query()).toBeNull();
    expect(await t.client({ cookie: `sw_session=${'x'.repeat(5000)}` }).auth.me.query()).toBeNull();
    expect(await t.client({ authorization: 'Bearer sw_not-a-token' }).auth.me.query()).toBeNull();
    expect(await t.client({ authorization: 'Basic abc' }).auth.me.query()).toBeNull();
  });

  it('sign-out deletes the session and clears the cookie; the old cookie stops working', async () => {
    const a = await signUp(t.url);
    const other = await signIn(t.url, a.user.email);
    const { res, body } = await callMutation(t.url, 'auth.signOut', {}, a.headers);
    expect(res.status).toBe(200);
    expect(body.result?.data).toEqual({ signedOut: true });
    const cleared = res.headers.getSetCookie().find((c) => c.startsWith('sw_session='));
    expect(cleared).toMatch(/^sw_session=;/);
    expect(cleared).toMatch(/Max-Age=0/i);
    expect(await t.client(a.headers).auth.me.query()).toBeNull();
    expect(await errorCode(t.client(a.headers).auth.listApiTokens.query())).toBe('UNAUTHORIZED');
    // Only this browser signs out.
    expect((await t.client(other.headers).auth.me.query())?.id).toBe(a.user.id);
    // Signing out when not signed in is harmless.
    expect((await callMutation(t.url, 'auth.signOut', {})).res.status).toBe(200);
  });

  it('a second account with the same email (any case) is a CONFLICT', async () => {
    const email = uniqueEmail('twice');
    await signUp(t.url, email);
    const f = await failure(t.client().auth.signUp.mutate({ email: email.toUpperCase(), password: TEST_PASSWORD }));
    expect(f).toMatchObject({ code: 'CONFLICT', message: 'An account with this email already exists; sign in instead' });
    expect(f.fieldErrors).toEqual({ email: ['An account with this email already exists; sign in instead'] });
  });

  it('bad input is BAD_REQUEST with field errors, never a 500', async () => {
    const signUpWith = (input: { email: string; password: string }) => failure(t.client().auth.signUp.mutate(input));
    const short = await signUpWith({ email: uniqueEmail(), password: 'Short1!' });
    expect(short).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 });
    expect(short.fieldErrors?.password).toContain('Use at least 12 characters');
    expect(short.stack).toBeUndefined();
    const oneKind = await signUpWith({ email: uniqueEmail(), password: 'alllowercaseletters' });
    expect(oneKind.fieldErrors?.password).toEqual([expect.stringMatching(/^Mix at least two kinds of characters/)]);
    const badEmail = await signUpWith({ email: 'not-an-email', password: TEST_PASSWORD });
    expect(badEmail).toMatchObject({ code: 'BAD_REQUEST', fieldErrors: { email: ['Enter an email address like name@example.com'] } });
    const tooLong = await signUpWith({ email: `${'a'.repeat(320)}@example.com`, password: 'A1'.repeat(101) });
    expect(Object.keys(tooLong.fieldErrors ?? {}).sort()).toEqual(['email', 'password']);
    const missing = await failure(t.client().auth.signIn.mutate({ email: '', password: '' }));
    expect(missing).toMatchObject({ code: 'BAD_REQUEST', fieldErrors: { email: ['Enter your email'], password: ['Enter your password'] } });
    const raw = await callMutation(t.url, 'auth.signUp', 'just a string');
    expect(raw.res.status).toBe(400);
  });
});

describe('sign in', () => {
  it('works with the right password, whatever the email’s case', async () => {
    const a = await signUp(t.url);
    const again = await signIn(t.url, `  ${a.user.email.toUpperCase()} `);
    expect(again.user).toEqual(a.user);
    expect(again.cookie).not.toBe(a.cookie);
    expect((await t.client(again.headers).auth.me.query())?.id).toBe(a.user.id);
  });

  it('a wrong password and an unknown email get the same UNAUTHORIZED answer', async () => {
    const a = await signUp(t.url);
    const wrongPassword = await failure(t.client().auth.signIn.mutate({ email: a.user.email, password: 'Wrong password 1' }));
    const unknownEmail = await failure(t.client().auth.signIn.mutate({ email: uniqueEmail('ghost'), password: TEST_PASSWORD }));
    for (const f of [wrongPassword, unknownEmail]) expect(f).toMatchObject({ code: 'UNAUTHORIZED', message: 'Email or password is wrong' });
  });

  it('after 5 failures for one email within 15 minutes answers TOO_MANY_REQUESTS, even to the right password', async () => {
    const a = await signUp(t.url);
    const wrong = () => t.client().auth.signIn.mutate({ email: a.user.email, password: 'Wrong password 1' });
    for (let i = 0; i < 5; i++) expect(await errorCode(wrong())).toBe('UNAUTHORIZED');
    const blocked = await failure(t.client().auth.signIn.mutate({ email: a.user.email.toUpperCase(), password: TEST_PASSWORD }));
    expect(blocked).toMatchObject({ code: 'TOO_MANY_REQUESTS', httpStatus: 429, message: expect.stringMatching(/try again in 15 minutes/) });
    // Other emails are unaffected, and the existing session keeps working.
    const b = await signUp(t.url);
    expect((await signIn(t.url, b.user.email)).user.id).toBe(b.user.id);
    expect((await t.client(a.headers).auth.me.query())?.id).toBe(a.user.id);
  });

  it('parallel guesses cannot get past the limit', async () => {
    const a = await signUp(t.url);
    const codes = await Promise.all(
      Array.from({ length: 12 }, () => errorCode(t.client().auth.signIn.mutate({ email: a.user.email, password: 'Wrong password 1' }))),
    );
    expect(codes.filter((c) => c === 'UNAUTHORIZED')).toHaveLength(5);
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(7);
  });
});

describe('changing the password', () => {
  it('needs the current password, then signs out the other sessions', async () => {
    const a = await signUp(t.url);
    const elsewhere = await signIn(t.url, a.user.email);
    const client = t.client(a.headers);
    const wrong = await failure(client.auth.changePassword.mutate({ currentPassword: 'Not it at all 1', newPassword: 'Brand new pass 7' }));
    expect(wrong).toMatchObject({ code: 'BAD_REQUEST', fieldErrors: { currentPassword: ['The current password is wrong'] } });
    const weak = await failure(client.auth.changePassword.mutate({ currentPassword: TEST_PASSWORD, newPassword: 'short' }));
    expect(weak.fieldErrors?.newPassword).toContain('Use at least 12 characters');

    expect(await client.auth.changePassword.mutate({ currentPassword: TEST_PASSWORD, newPassword: 'Brand new pass 7' })).toEqual({ changed: true });
    expect((await client.auth.me.query())?.id).toBe(a.user.id);
    expect(await t.client(elsewhere.headers).auth.me.query()).toBeNull();
    expect(await errorCode(t.client().auth.signIn.mutate({ email: a.user.email, password: TEST_PASSWORD }))).toBe('UNAUTHORIZED');
    expect((await signIn(t.url, a.user.email, 'Brand new pass 7')).user.id).toBe(a.user.id);
    expect(await errorCode(t.client().auth.changePassword.mutate({ currentPassword: 'x', newPassword: 'Brand new pass 8' }))).toBe('UNAUTHORIZED');
  });
});

describe('API tokens', () => {
  it('a created token works as Bearer until revoked; only its hash is stored', async () => {
    const a = await signUp(t.url);
    const client = t.client(a.headers);
    const created = await client.auth.createApiToken.mutate({ name: '  deploy script ' });
    expect(created).toEqual({
      id: expect.any(String),
      name: 'deploy script',
      token: expect.stringMatching(/^sw_[A-Za-z0-9_-]{43}$/),
      prefix: created.token.slice(0, 12),
      createdAt: expect.any(String),
      lastUsedAt: null,
    });
    const bearer = t.client({ authorization: `Bearer ${created.token}` });
    expect(await bearer.auth.me.query()).toEqual(a.user);
    const listed = await bearer.auth.listApiTokens.query();
    expect(listed).toEqual([{ id: created.id, name: 'deploy script', prefix: created.prefix, createdAt: created.createdAt, lastUsedAt: expect.any(String) }]);
    expect(JSON.stringify(listed)).not.toContain(created.token);

    const { rows } = await t.db.pool.query('select * from api_tokens where id = $1', [created.id]);
    expect(JSON.stringify(rows)).not.toContain(created.token);
    expect(rows[0].last_used_at).toBeInstanceOf(Date);

    expect(await client.auth.revokeApiToken.mutate({ id: created.id })).toEqual({ id: created.id, revoked: true });
    expect(await bearer.auth.me.query()).toBeNull();
    expect(await errorCode(bearer.auth.listApiTokens.query())).toBe('UNAUTHORIZED');
    expect(await client.auth.listApiTokens.query()).toEqual([]);
  });

  it('user B cannot revoke (or see) A’s token: NOT_FOUND, and the token keeps working', async () => {
    const a = await signUp(t.url);
    const b = await signUp(t.url);
    const token = await t.client(a.headers).auth.createApiToken.mutate({ name: 'mine' });
    expect(await failure(t.client(b.headers).auth.revokeApiToken.mutate({ id: token.id }))).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('No API token with this id'),
    });
    expect(await t.client(b.headers).auth.listApiTokens.query()).toEqual([]);
    expect((await t.client({ authorization: `Bearer ${token.token}` }).auth.me.query())?.id).toBe(a.user.id);
    expect(await errorCode(t.client(a.headers).auth.revokeApiToken.mutate({ id: crypto.randomUUID() }))).toBe('NOT_FOUND');
    expect(await errorCode(t.client(a.headers).auth.revokeApiToken.mutate({ id: 'not-a-uuid' }))).toBe('BAD_REQUEST');
  });

  it('need a signed-in user and a sensible name', async () => {
    expect(await errorCode(t.client().auth.createApiToken.mutate({ name: 'x' }))).toBe('UNAUTHORIZED');
    expect(await errorCode(t.client().auth.listApiTokens.query())).toBe('UNAUTHORIZED');
    expect(await errorCode(t.client().auth.revokeApiToken.mutate({ id: crypto.randomUUID() }))).toBe('UNAUTHORIZED');
    const a = await signUp(t.url);
    const empty = await failure(t.client(a.headers).auth.createApiToken.mutate({ name: '   ' }));
    expect(empty).toMatchObject({ code: 'BAD_REQUEST', fieldErrors: { name: ['Give the token a name'] } });
    expect(await errorCode(t.client(a.headers).auth.createApiToken.mutate({ name: 'n'.repeat(101) }))).toBe('BAD_REQUEST');
  });
});

describe('first run and roles', () => {
  it('starting on an empty database creates the generated admin', async () => {
    const { rows } = await t.db.pool.query(`select email, role, password_hash from users where email = 'admin@localhost'`);
    expect(rows).toEqual([{ email: 'admin@localhost', role: 'admin', password_hash: expect.stringMatching(/^\$argon2id\$/) }]);
  });

  it('the first-run notice creates a working admin, once', async () => {
    await t.db.pool.query('delete from users');
    const notice = await firstRunNotice(t.app.services);
    expect(notice).toMatch(/^First run: sign in with admin@localhost \/ \S{24} \(shown once; change it after signing in\)$/);
    const password = /admin@localhost \/ (\S+)/.exec(notice!)![1]!;
    const admin = await signIn(t.url, 'admin@localhost', password);
    expect(admin.user.role).toBe('admin');
    expect(await t.client(admin.headers).auth.me.query()).toMatchObject({ email: 'admin@localhost', role: 'admin' });
    expect(await firstRunNotice(t.app.services)).toBeNull();
  });

  it('with no users yet, the first account to sign up is an admin and the second is not', async () => {
    await t.db.pool.query('delete from users');
    const first = await signUp(t.url);
    const second = await signUp(t.url);
    expect(first.user.role).toBe('admin');
    expect(second.user.role).toBe('user');
    expect((await t.client(first.headers).auth.me.query())?.role).toBe('admin');
    expect((await t.client(second.headers).auth.me.query())?.role).toBe('user');
    expect(await firstRunNotice(t.app.services)).toBeNull();
  });
});
