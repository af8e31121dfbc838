import { jsonModel, workflow } from '@stepwise/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callMutation, signUp, TEST_PASSWORD, uniqueEmail } from '../api/auth-helpers';
import { askThenGrow, errorCode, saveWorkflow, startTestApp, type TestApp, waitForStatus } from '../api/harness';

const LIMITS = {
  RATE_LIMIT_CHAT_PER_MINUTE: '2',
  SIGN_IN_MAX_FAILURES_PER_ACCOUNT: '3',
  SIGN_IN_MAX_FAILURES_PER_IP: '5',
  // Tests pose as different clients through X-Forwarded-For.
  TRUST_PROXY: 'true',
  MAX_ACTIVE_RUNS_PER_USER: '2',
  RATE_LIMIT_AI_STEPS_PER_MINUTE: '1',
  RATE_LIMIT_AI_MAX_WAIT_MS: '0',
  MAX_BODY_BYTES: '200000',
};
const model = jsonModel(() => ({ tip: 'Keep three months of expenses in cash.' }));
const tips = workflow([
  {
    id: 'tip',
    type: 'ai_generated',
    ai_prompt: 'One tip for an emergency fund.',
    retry: { max_attempts: 2, initial_backoff_ms: 0, max_backoff_ms: 0 },
    config: { auto_accept: true, cache_ttl_ms: 0, output_schema: { type: 'object', properties: { tip: { type: 'string' } }, required: ['tip'] } },
  },
]);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(LIMITS, undefined, { model: model.model });
});
afterAll(async () => t?.stop());

const counter = async (prefix: string) =>
  (await t.db.pool.query<{ points: number }>(`select points from stepwise_limits.counters where key like $1`, [`${prefix}:%`])).rows.map((r) => r.points);

const postChat = (headers: Record<string, string>, body: string) =>
  fetch(`${t.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('chat messages per user', () => {
  it('past RATE_LIMIT_CHAT_PER_MINUTE answers 429 with Retry-After and a plain message; other users are not affected', async () => {
    const me = await signUp(t.url);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await postChat(me.headers, '{}')).status);
    expect(statuses).toEqual([400, 400, 429]);
    const limited = await postChat(me.headers, '{}');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toEqual({ error: expect.stringMatching(/^You are sending messages too fast \(at most 2 a minute\); try again in \d+ seconds?$/) });
    expect((await postChat((await signUp(t.url)).headers, '{}')).status).toBe(400);
  });
});

describe('request bodies', () => {
  it('every route refuses a body over MAX_BODY_BYTES with a 413 JSON error', async () => {
    for (const path of ['/trpc/auth.signIn', '/api/chat', '/healthz', '/']) {
      const res = await fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(250_000) });
      expect(res.status, path).toBe(413);
      const message = 'The request is too large (at most 200000 bytes)';
      // tRPC routes answer in tRPC's error shape, so typed clients get PAYLOAD_TOO_LARGE.
      const trpcShaped = { error: { message, code: -32013, data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413, path: 'auth.signIn' } } };
      expect(await res.json()).toEqual(path.startsWith('/trpc/') ? trpcShaped : { error: message });
    }
  });

  it('a streamed body without a length is cut off too: tRPC at MAX_BODY_BYTES, the chat at its own 1 MB', async () => {
    const stream = (bytes: number) =>
      new ReadableStream({
        start(controller) {
          for (let sent = 0; sent < bytes; sent += 50_000) controller.enqueue(new TextEncoder().encode('x'.repeat(50_000)));
          controller.close();
        },
      });
    const streamed = (path: string, bytes: number, headers: Record<string, string> = {}) =>
      fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: stream(bytes), duplex: 'half' } as RequestInit);
    const trpc = await streamed('/trpc/auth.signIn', 300_000);
    expect(trpc.status).toBe(413);
    expect(await trpc.json()).toMatchObject({ error: { data: { code: 'PAYLOAD_TOO_LARGE' } } });
    const chat = await streamed('/api/chat', 1_200_000, (await signUp(t.url)).headers);
    expect(chat.status).toBe(413);
    expect(await chat.json()).toEqual({ error: 'The request is too large (at most 1000000 bytes)' });
  });
});

describe('sign-in throttling, counted in PostgreSQL', () => {
  const signInFrom = (ip: string, email: string, password: string) => callMutation(t.url, 'auth.signIn', { email, password }, { 'x-forwarded-for': ip });

  it('after SIGN_IN_MAX_FAILURES_PER_ACCOUNT failures even the right password waits, on every process sharing the database', async () => {
    const me = await signUp(t.url);
    for (let i = 0; i < 3; i++) expect((await signInFrom('10.0.0.1', me.user.email, 'Wrong password 1')).res.status).toBe(401);
    const blocked = await signInFrom('10.0.0.2', me.user.email, TEST_PASSWORD);
    expect(blocked.res.status).toBe(429);
    expect(Number(blocked.res.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(blocked.body.error).toMatchObject({ message: expect.stringMatching(/^Too many failed sign-ins for this account; try again in 1[45] minutes$/), data: { code: 'TOO_MANY_REQUESTS' } });

    const second = await startTestApp(LIMITS, t.db);
    try {
      const there = await callMutation(second.url, 'auth.signIn', { email: me.user.email, password: TEST_PASSWORD }, { 'x-forwarded-for': '10.0.0.3' });
      expect(there.res.status).toBe(429);
    } finally {
      await second.app.stop();
    }
  });

  it('a success clears the account count', async () => {
    const me = await signUp(t.url);
    for (let i = 0; i < 2; i++) await signInFrom('10.0.1.1', me.user.email, 'Wrong password 1');
    expect((await signInFrom('10.0.1.1', me.user.email, TEST_PASSWORD)).res.status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await signInFrom('10.0.1.1', me.user.email, 'Wrong password 1')).res.status).toBe(401);
  });

  it('after SIGN_IN_MAX_FAILURES_PER_IP failures from one IP, any account waits; another IP does not', async () => {
    const emails = [uniqueEmail('a'), uniqueEmail('b'), uniqueEmail('c')];
    const before = (await counter('signin_ip')).length;
    for (const email of [...emails, ...emails.slice(0, 2)]) expect((await signInFrom('10.0.2.1', email, 'Wrong password 1')).res.status).toBe(401);
    expect((await counter('signin_ip')).length).toBe(before + 1);
    const blocked = await signInFrom('10.0.2.1', uniqueEmail('d'), 'Wrong password 1');
    expect(blocked.res.status).toBe(429);
    expect(blocked.body.error?.message).toMatch(/^Too many failed sign-ins from your network/);
    expect((await signInFrom('10.0.2.2', uniqueEmail('d'), 'Wrong password 1')).res.status).toBe(401);
  });
});

describe('active runs per user', () => {
  it('past MAX_ACTIVE_RUNS_PER_USER a new run is TOO_MANY_REQUESTS; finishing one makes room', async () => {
    const me = await signUp(t.url);
    const client = t.client(me.headers);
    const { workflowId } = await saveWorkflow(t, me.user.id, askThenGrow());
    const first = await client.executions.start.mutate({ workflowId });
    await client.executions.start.mutate({ workflowId });
    await expect(client.executions.start.mutate({ workflowId })).rejects.toThrow(/You already have 2 runs in progress .*finish or cancel one/);
    expect(await errorCode(client.executions.start.mutate({ workflowId }))).toBe('TOO_MANY_REQUESTS');
    const { rows } = await t.db.pool.query<{ n: number }>(`select count(*)::int as n from workflow_executions where user_id = $1`, [me.user.id]);
    expect(rows[0]!.n).toBe(2);

    await client.executions.cancel.mutate({ id: first.id });
    await waitForStatus(client, first.id, 'cancelled');
    expect((await client.executions.start.mutate({ workflowId })).status).not.toBe('failed');
  });
});

describe('AI step calls per user', () => {
  it('past RATE_LIMIT_AI_STEPS_PER_MINUTE a step fails retryably with a plain message, without calling the model', async () => {
    const me = await signUp(t.url);
    const client = t.client(me.headers);
    const { workflowId } = await saveWorkflow(t, me.user.id, tips);
    const calls = model.prompts.length;
    const first = await client.executions.start.mutate({ workflowId });
    await waitForStatus(client, first.id, 'completed');
    const second = await client.executions.start.mutate({ workflowId });
    const failed = await waitForStatus(client, second.id, 'failed');
    expect(model.prompts.length).toBe(calls + 1);
    expect(failed.steps[0]?.error).toMatchObject({
      code: 'ai_execution_failed',
      message: expect.stringMatching(/^Too many AI step calls for this user \(at most 1 a minute\); the step is retried, or retry it in \d+ seconds$/),
      details: { retryAfterMs: expect.any(Number) },
    });
    expect(await counter('ai')).toContain(3); // the call that went through and both tries of the retry policy
  });

  it('a step short of a slot waits for it (RATE_LIMIT_AI_MAX_WAIT_MS) instead of failing', async () => {
    // Its own database: a second app on t's would share t's queue, and t (no waiting) could take the job.
    const patient = await startTestApp({ ...LIMITS, RATE_LIMIT_AI_MAX_WAIT_MS: '30000' }, undefined, { model: model.model });
    try {
      const me = await signUp(patient.url);
      const client = patient.client(me.headers);
      const { workflowId } = await saveWorkflow(patient, me.user.id, tips);
      await waitForStatus(client, (await client.executions.start.mutate({ workflowId })).id, 'completed');
      // The window ends in 1.5 s instead of a minute, so the wait stays short.
      await patient.db.pool.query(`update stepwise_limits.counters set expire = $2 where key = $1`, [`ai:${me.user.id}`, Date.now() + 1_500]);
      const started = Date.now();
      const second = await client.executions.start.mutate({ workflowId });
      await waitForStatus(client, second.id, 'completed', 15_000);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    } finally {
      await patient.stop();
    }
  });
});
