import { appRouter } from '@stepwise/server/router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness';

// The only procedures that answer without credentials.
const PUBLIC = new Set(['auth.signUp', 'auth.signIn', 'auth.signOut', 'auth.me', 'meta.info']);

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(async () => t?.stop());

describe('without credentials', () => {
  const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>);

  it('covers the whole API', () => {
    expect(procedures.length).toBeGreaterThan(30);
  });

  for (const [path, procedure] of procedures) {
    if (PUBLIC.has(path)) continue;
    it(`${path} answers UNAUTHORIZED`, async () => {
      const url = `${t.url}/trpc/${path}`;
      const res =
        procedure._def.type === 'query'
          ? await fetch(`${url}?input=${encodeURIComponent('{}')}`)
          : await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(401);
      const body = (await res.json()) as { error: { data: { code: string } } };
      expect(body.error.data.code).toBe('UNAUTHORIZED');
    });
  }

  it('a forged session cookie or token is no better', async () => {
    const forged: Record<string, string>[] = [{ cookie: 'sw_session=forged' }, { authorization: 'Bearer sw_forged' }];
    for (const headers of forged) {
      const res = await fetch(`${t.url}/trpc/executions.list?input=${encodeURIComponent('{}')}`, { headers });
      expect(res.status).toBe(401);
    }
  });
});
