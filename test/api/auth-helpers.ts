import { randomUUID } from 'node:crypto';
import type { TestApp } from './harness';

/** Signing people up and in over real HTTP, for any API test that needs users. */

/** Meets the password policy. */
export const TEST_PASSWORD = 'Correct horse 42';

export const uniqueEmail = (label = 'user') => `${label}-${randomUUID()}@example.com`;

export interface SignedIn {
  user: { id: string; email: string; role: 'user' | 'admin' };
  /** `sw_session=<token>`: the Cookie header value. */
  cookie: string;
  /** Headers for `testApp.client(headers)` or fetch. */
  headers: { cookie: string };
  /** The raw Set-Cookie header the server sent. */
  setCookie: string;
}

/** POSTs a tRPC mutation (non-batched: the body is the input itself); returns the parsed answer and the response. */
export async function callMutation(url: string, path: string, input: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { result?: { data: unknown }; error?: { message: string; data?: { code?: string } } };
  return { res, body };
}

async function session(url: string, path: 'auth.signUp' | 'auth.signIn', email: string, password: string): Promise<SignedIn> {
  const { res, body } = await callMutation(url, path, { email, password });
  if (!res.ok || !body.result) throw new Error(`${path} failed (${res.status}): ${body.error?.message}`);
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('sw_session='));
  if (!setCookie) throw new Error(`${path} set no sw_session cookie`);
  const cookie = setCookie.split(';')[0]!;
  return { user: body.result.data as SignedIn['user'], cookie, headers: { cookie }, setCookie };
}

/** Creates an account (a unique email unless given) and returns its session cookie. */
export function signUp(url: string, email = uniqueEmail(), password = TEST_PASSWORD): Promise<SignedIn> {
  return session(url, 'auth.signUp', email, password);
}

export function signIn(url: string, email: string, password = TEST_PASSWORD): Promise<SignedIn> {
  return session(url, 'auth.signIn', email, password);
}

/**
 * Signs up a user and makes it an admin (through the database: the server's first-run admin
 * already exists, so sign-ups are plain users). The role applies from the next request.
 */
export async function signUpAdmin(app: TestApp, email = uniqueEmail('admin'), password = TEST_PASSWORD): Promise<SignedIn> {
  const signedIn = await signUp(app.url, email, password);
  await app.db.pool.query(`update users set role = 'admin' where id = $1`, [signedIn.user.id]);
  return { ...signedIn, user: { ...signedIn.user, role: 'admin' } };
}

export type Client = ReturnType<TestApp['client']>;

/** A started app with two signed-up users (alice, bob), an anonymous client, and a way to add more. */
export async function startAppWithUsers(startApp: () => Promise<TestApp>) {
  const t = await startApp();
  const user = async (label: string): Promise<Client> => t.client((await signUp(t.url, uniqueEmail(label))).headers);
  const a = await signUp(t.url, uniqueEmail('alice'));
  return { t, alice: t.client(a.headers), aliceId: a.user.id, bob: await user('bob'), anon: t.client(), user };
}
