import { randomUUID } from 'node:crypto';
import { formStep, workflow } from '@stepwise/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatTools } from '../../apps/server/src/chat/tools';
import { callMutation, signIn, signUp, signUpAdmin, uniqueEmail, type SignedIn } from './auth-helpers';
import { errorCode, saveWorkflow, startTestApp, type TestApp } from './harness';

// A value no audit entry may ever hold: it is what the person typed into the form.
const INCOME = 987654.31;
const incomeForm = workflow([formStep('income', { income: { type: 'number' } }, ['income'])], { name: 'Income check' });

let t: TestApp;
let alice: SignedIn;

type Row = Record<string, unknown> & { details: Record<string, string> };
const rows = async (where: string, values: unknown[]): Promise<Row[]> =>
  (await t.db.pool.query<Row>(`select * from audit_log where ${where} order by at, id`, values)).rows;

beforeAll(async () => {
  t = await startTestApp();
  alice = await signUp(t.url);
});
afterAll(() => t?.stop());

describe('audit log', () => {
  it('a mutation leaves exactly one entry: caller, path, target, outcome, request id and ip; no form values', async () => {
    const { workflowId } = await saveWorkflow(t, alice.user.id, incomeForm);
    const client = t.client(alice.headers);
    const run = await client.executions.start.mutate({ workflowId });
    await client.executions.submitInput.mutate({ id: run.id, stepId: 'income', data: { income: INCOME } });

    const entries = await rows('target_id = $1', [run.id]);
    expect(entries.map((e) => e.action)).toEqual(['executions.start', 'executions.submitInput']);
    expect(entries[1]).toMatchObject({
      actor_id: alice.user.id,
      actor_kind: 'user',
      target_type: 'execution',
      outcome: 'ok',
      request_id: expect.any(String),
      ip: expect.stringMatching(/127\.0\.0\.1/),
      details: { stepId: 'income' },
    });
    expect(JSON.stringify(await rows('actor_id = $1', [alice.user.id]))).not.toContain(String(INCOME));
  });

  it('a refused mutation is recorded with the error code the caller got', async () => {
    const missing = randomUUID();
    expect(await errorCode(t.client(alice.headers).executions.cancel.mutate({ id: missing }))).toBe('NOT_FOUND');
    expect(await rows('target_id = $1', [missing])).toEqual([
      expect.objectContaining({ action: 'executions.cancel', actor_id: alice.user.id, target_type: 'execution', outcome: 'NOT_FOUND' }),
    ]);
  });

  it('a chat tool call leaves exactly one entry naming the tool, the run it started and the thread; no form values', async () => {
    const { workflowId } = await saveWorkflow(t, alice.user.id, incomeForm);
    const threadId = randomUUID();
    const tools = createChatTools({
      services: t.app.services,
      user: { ...alice.user, via: 'session' },
      threadId,
      model: { model: t.app.services.ai!.model, builtin: true },
      ip: '203.0.113.7',
    });
    const call = { toolCallId: 'call-1', messages: [] };
    const run = (await tools.start_workflow.execute!({ workflowId }, call)) as { id: string };
    await tools.submit_step_input.execute!({ executionId: run.id, stepId: 'income', data: { income: INCOME } }, call);

    const entries = await rows(`details->>'threadId' = $1`, [threadId]);
    expect(entries).toEqual([
      expect.objectContaining({ action: 'chat.tool.start_workflow', actor_id: alice.user.id, target_type: 'execution', target_id: run.id, outcome: 'ok', ip: '203.0.113.7' }),
      expect.objectContaining({ action: 'chat.tool.submit_step_input', target_id: run.id, outcome: 'ok', details: { threadId, stepId: 'income' } }),
    ]);
    expect(JSON.stringify(entries)).not.toContain(String(INCOME));
  });

  it('a tool call over /api/chat carries the request id the response names and the caller\'s address', async () => {
    const threadId = randomUUID();
    const res = await fetch(`${t.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...alice.headers },
      body: JSON.stringify({ id: threadId, messages: [{ id: 'u-1', role: 'user', parts: [{ type: 'text', text: 'show me the templates' }] }] }),
    });
    expect(res.status).toBe(200);
    await res.text();
    expect(await rows(`details->>'threadId' = $1`, [threadId])).toEqual([
      expect.objectContaining({ action: 'chat.tool.list_templates', actor_id: alice.user.id, outcome: 'ok', request_id: res.headers.get('x-request-id'), ip: expect.stringMatching(/127\.0\.0\.1/) }),
    ]);
  });

  it('a sign-in and a failed sign-in each leave exactly one entry, and neither holds the password', async () => {
    const bob = await signUp(t.url, uniqueEmail('bob'));
    await signIn(t.url, bob.user.email);
    expect(await rows(`actor_id = $1 and action = 'auth.sign_in'`, [bob.user.id])).toEqual([
      expect.objectContaining({ actor_kind: 'user', target_type: 'user', target_id: bob.user.id, outcome: 'ok', details: {} }),
    ]);

    const wrongPassword = `Wrong horse ${randomUUID()}`;
    const { res } = await callMutation(t.url, 'auth.signIn', { email: bob.user.email.toUpperCase(), password: wrongPassword });
    expect(res.status).toBe(401);
    const failed = await rows(`action = 'auth.sign_in_failed' and details->>'email' = $1`, [bob.user.email]);
    expect(failed).toEqual([expect.objectContaining({ actor_id: null, target_id: null, outcome: 'UNAUTHORIZED', details: { email: bob.user.email } })]);
    expect(JSON.stringify(await rows('true', []))).not.toContain(wrongPassword);

    // Input PostgreSQL cannot store is refused, and the attempt is still recorded (without it).
    const junk = await callMutation(t.url, 'auth.signIn', { email: `x\u0000${randomUUID()}@example.com`, password: wrongPassword });
    expect(junk.res.status).toBe(400);
    expect(await rows(`action = 'auth.sign_in_failed' and outcome = 'BAD_REQUEST'`, [])).toEqual([expect.objectContaining({ actor_id: null, details: {} })]);
  });

  it('when the audit write fails the mutation still succeeds', async () => {
    const { workflowId } = await saveWorkflow(t, alice.user.id, incomeForm);
    await t.db.pool.query('alter table audit_log rename to audit_log_away');
    try {
      const run = await t.client(alice.headers).executions.start.mutate({ workflowId });
      expect((await t.db.pool.query('select status from workflow_executions where id = $1', [run.id])).rows).toEqual([{ status: 'waiting_for_input' }]);
    } finally {
      await t.db.pool.query('alter table audit_log_away rename to audit_log');
    }
  });

  it('audit.list is for administrators: others get FORBIDDEN, anonymous callers UNAUTHORIZED', async () => {
    expect(await errorCode(t.client(alice.headers).audit.list.query({}))).toBe('FORBIDDEN');
    expect(await errorCode(t.client().audit.list.query({}))).toBe('UNAUTHORIZED');
  });

  it('audit.list pages through an actor\'s entries newest first, by id or email, and filters by action and target', async () => {
    const admin = t.client((await signUpAdmin(t)).headers);
    const carol = await signUp(t.url, uniqueEmail('carol'));
    const client = t.client(carol.headers);
    for (let i = 0; i < 5; i++) await client.auth.createApiToken.mutate({ name: `token ${i}` });
    const expected = (await rows('actor_id = $1', [carol.user.id])).map((e) => e.id).reverse();
    expect(expected).toHaveLength(6); // the sign-up and five tokens

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await admin.audit.list.query({ actor: carol.user.email, limit: 4, cursor });
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(expected);

    const tokens = await admin.audit.list.query({ actor: carol.user.id, action: 'auth.createApiToken' });
    expect(tokens.items).toHaveLength(5);
    expect(tokens.items[0]).toMatchObject({ actorEmail: carol.user.email, targetType: 'api_token', outcome: 'ok' });
    const one = await admin.audit.list.query({ targetType: 'api_token', targetId: tokens.items[0]!.targetId! });
    expect(one.items.map((e) => e.id)).toEqual([tokens.items[0]!.id]);
    expect((await admin.audit.list.query({ actor: uniqueEmail('nobody') })).items).toEqual([]);
    expect(await errorCode(admin.audit.list.query({ cursor: 'not-a-cursor' }))).toBe('BAD_REQUEST');
  });
});
