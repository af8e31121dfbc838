import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callMutation, signUp, TEST_PASSWORD, uniqueEmail } from '../api/auth-helpers';
import { startTestApp, type TestApp } from '../api/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ TRUST_PROXY: 'true', TRUSTED_ORIGINS: 'https://app.example.com/' });
});
afterAll(async () => t?.stop());

const directives = (csp: string | null) => Object.fromEntries((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

describe('security headers', () => {
  it('every response carries a CSP that allows only our own scripts, plus the usual hardening headers', async () => {
    const host = new URL(t.url).host;
    for (const path of ['/', '/executions/x', '/healthz', '/trpc/auth.me', '/api/chats', '/nope.json']) {
      const res = await fetch(`${t.url}${path}`);
      const csp = directives(res.headers.get('content-security-policy'));
      expect(csp['script-src'], path).toEqual(["'self'", "'unsafe-eval'"]); // no inline scripts, no other hosts
      expect(csp['default-src']).toEqual(["'self'"]);
      expect(csp['connect-src']).toEqual(["'self'", `ws://${host}`, `wss://${host}`]);
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
      expect(csp['object-src']).toEqual(["'none'"]);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    }
  });

  it('a forged Host header does not get into the policy', async () => {
    const { request } = await import('node:http');
    const csp = await new Promise<string>((resolve, reject) => {
      const url = new URL(`${t.url}/healthz`);
      request({ host: url.hostname, port: url.port, path: url.pathname, headers: { host: 'evil.example; script-src *' } }, (res) => {
        res.resume();
        resolve(String(res.headers['content-security-policy']));
      })
        .on('error', reject)
        .end();
    });
    expect(directives(csp)['connect-src']).toEqual(["'self'"]);
  });
});

describe('cross-site requests', () => {
  it('a state-changing request from another origin is refused with 403, before it runs', async () => {
    const me = await signUp(t.url);
    const evil = await callMutation(t.url, 'auth.signOut', {}, { ...me.headers, origin: 'https://evil.example' });
    expect(evil.res.status).toBe(403);
    expect(evil.body).toMatchObject({
      error: { message: expect.stringContaining('Requests from https://evil.example may not change anything here'), data: { code: 'FORBIDDEN', httpStatus: 403 } },
    });
    expect((await t.client(me.headers).auth.me.query())?.id).toBe(me.user.id); // still signed in

    const noOrigin = await callMutation(t.url, 'auth.signOut', {}, { ...me.headers, 'sec-fetch-site': 'cross-site' });
    expect(noOrigin.res.status).toBe(403);
  });

  it('the same origin and TRUSTED_ORIGINS may; a cookie-authenticated change needs a JSON body', async () => {
    const me = await signUp(t.url);
    const own = await callMutation(t.url, 'auth.createApiToken', { name: 'own' }, { ...me.headers, origin: t.url });
    expect(own.res.status).toBe(200);
    const trusted = await callMutation(t.url, 'auth.createApiToken', { name: 'trusted' }, { ...me.headers, origin: 'https://app.example.com' });
    expect(trusted.res.status).toBe(200);

    const form = await fetch(`${t.url}/trpc/auth.signOut`, { method: 'POST', headers: { ...me.headers, 'content-type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
    expect(await form.json()).toMatchObject({
      error: { message: 'Send JSON (content-type: application/json) when signed in with a session cookie', data: { code: 'UNSUPPORTED_MEDIA_TYPE' } },
    });
    expect((await t.client(me.headers).auth.me.query())?.id).toBe(me.user.id);
    // A bearer token is not sent by browsers on their own: no forgery to guard against.
    const bearer = await fetch(`${t.url}/trpc/auth.listApiTokens`, { headers: { authorization: `Bearer ${(own.body.result?.data as { token: string }).token}` } });
    expect(bearer.status).toBe(200);
  });

  it('behind a trusted proxy, the host the browser used (X-Forwarded-Host) is the same origin', async () => {
    const me = await signUp(t.url);
    const proxied = { ...me.headers, origin: 'https://stepwise.example.org', 'x-forwarded-host': 'stepwise.example.org' };
    expect((await callMutation(t.url, 'auth.createApiToken', { name: 'proxied' }, proxied)).res.status).toBe(200);
    expect((await callMutation(t.url, 'auth.createApiToken', { name: 'other' }, { ...proxied, 'x-forwarded-host': 'other.example.org' })).res.status).toBe(403);
  });

  it('reads (GET) are never refused for their origin', async () => {
    const res = await fetch(`${t.url}/trpc/auth.me`, { headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(200);
  });
});

describe('the session cookie', () => {
  const cookieOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('sw_session='))!;

  it('is HttpOnly and SameSite=Lax, and Secure only over https (here: a trusted proxy saying so)', async () => {
    const email = uniqueEmail('cookie');
    const plain = cookieOf((await callMutation(t.url, 'auth.signUp', { email, password: TEST_PASSWORD })).res);
    expect(plain).toMatch(/; HttpOnly/);
    expect(plain).toMatch(/; SameSite=Lax/);
    expect(plain).not.toMatch(/; Secure/);
    const https = cookieOf((await callMutation(t.url, 'auth.signIn', { email, password: TEST_PASSWORD }, { 'x-forwarded-proto': 'https' })).res);
    expect(https).toMatch(/; Secure/);
  });

  it('is always Secure with COOKIE_SECURE=always', async () => {
    const secure = await startTestApp({ COOKIE_SECURE: 'always' });
    try {
      expect(cookieOf((await callMutation(secure.url, 'auth.signUp', { email: uniqueEmail(), password: TEST_PASSWORD })).res)).toMatch(/; Secure/);
    } finally {
      await secure.stop();
    }
  });
});

describe('the password policy', () => {
  const problems = async (password: string, email = uniqueEmail('policy')) =>
    ((await callMutation(t.url, 'auth.signUp', { email, password })).body.error?.data as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors?.password;

  it('says each rule a new password breaks', async () => {
    expect(await problems('Eleven ch 1')).toEqual(['Use at least 12 characters']);
    expect(await problems('onlylowercaseletters')).toEqual([expect.stringMatching(/^Mix at least two kinds of characters/)]);
    expect(await problems('aaaaaaaaaaaa1')).toEqual(['Use at least 5 different characters']);
    expect(await problems('Hello margaret.smith 1', 'Margaret.Smith@example.com')).toEqual(['Do not use your email address (or the part before the @) in the password']);
    expect(await problems('margaret.smith@example.com', 'margaret.smith@example.com')).toEqual(['Do not use your email address (or the part before the @) in the password']);
    const { rows } = await t.db.pool.query(`select 1 from users where email = 'margaret.smith@example.com'`);
    expect(rows).toEqual([]);
  });

  it('applies to a password change too', async () => {
    const me = await signUp(t.url, uniqueEmail('changer'));
    const name = me.user.email.split('@')[0]!;
    const { body } = await callMutation(t.url, 'auth.changePassword', { currentPassword: TEST_PASSWORD, newPassword: `X${name}9!` }, me.headers);
    expect((body.error?.data as { fieldErrors?: unknown }).fieldErrors).toEqual({ newPassword: ['Do not use your email address (or the part before the @) in the password'] });
    expect((await callMutation(t.url, 'auth.signIn', { email: me.user.email, password: TEST_PASSWORD })).res.status).toBe(200);
  });
});
