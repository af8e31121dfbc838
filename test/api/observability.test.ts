import { randomUUID } from 'node:crypto';
import { createTestDatabase, saveDefinitionVersion, type TestDatabase } from '@stepwise/db';
import { formStep, workflow } from '@stepwise/engine/testing';
import { type App, createLogger, loadConfig, startApp } from '@stepwise/server';
import type { AppRouter } from '@stepwise/server/router';
import { createTRPCClient, httpLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callMutation, type SignedIn, signUp, signUpAdmin, TEST_PASSWORD } from './auth-helpers';

/** The server with its log lines captured, to check what they carry and what they never hold. */
let db: TestDatabase;
let app: App;
const lines: Record<string, unknown>[] = [];
const raw: string[] = [];
let alice: SignedIn;
let workflowId: string;

const client = (headers: Record<string, string>) => createTRPCClient<AppRouter>({ links: [httpLink({ url: `${app.url}/trpc`, headers })] });

beforeAll(async () => {
  db = await createTestDatabase();
  const config = loadConfig({ DATABASE_URL: db.url, PORT: '0', HOST: '127.0.0.1' });
  const log = createLogger('debug', {
    write(line: string) {
      raw.push(line);
      lines.push(JSON.parse(line) as Record<string, unknown>);
    },
  });
  app = await startApp(config, log);
  alice = await signUp(app.url);
  const definition = app.engine.validate(workflow([formStep('ask', { savings: { type: 'number' } }, ['savings'])]));
  workflowId = (await saveDefinitionVersion((await db.orm()).em.fork(), { ownerId: alice.user.id, definition })).workflowId;
});
afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

describe('structured logs', () => {
  it("carry the request id (sent or generated, echoed back) and the execution id, and never form values or passwords", async () => {
    const run = await client(alice.headers).executions.start.mutate({ workflowId });
    const requestId = `req-${randomUUID()}`;
    const { res } = await callMutation(app.url, 'executions.submitInput', { id: run.id, stepId: 'ask', data: { savings: 987654.32 } }, { ...alice.headers, 'x-request-id': requestId });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe(requestId);
    await app.observability.flush();

    const ofRequest = lines.filter((l) => l.requestId === requestId);
    expect(ofRequest).toContainEqual(expect.objectContaining({ msg: 'request', path: '/trpc/executions.submitInput', status: 200 }));
    // The run finished while the request was handled: its status line has both ids.
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'run status', executionId: run.id, status: 'completed' }));

    const generated = await fetch(`${app.url}/api/chats`, { headers: alice.headers });
    const id = generated.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines).toContainEqual(expect.objectContaining({ requestId: id, path: '/api/chats' }));

    const all = raw.join('');
    expect(all).not.toContain('987654');
    expect(all).not.toContain(TEST_PASSWORD);
    expect(all).not.toContain(alice.cookie.split('=')[1]);
  });

  it('refuse a forged request id and make a new one', async () => {
    const res = await fetch(`${app.url}/healthz`, { headers: { 'x-request-id': 'bad id {"level":60}' } });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('analytics.aiPerformance', () => {
  it('gives cost, tokens, latency and success rate per model: everyone to admins, their own to others', async () => {
    const run = await client(alice.headers).executions.start.mutate({ workflowId });
    const { rows } = await db.pool.query<{ id: string }>(
      `insert into workflow_step_executions (execution_id, step_id, step_type, attempt, status, completed_at)
       values ($1, 'ai', 'ai_generated', 1, 'completed', now()), ($1, 'ai', 'ai_generated', 2, 'failed', now()) returning id`,
      [run.id],
    );
    await db.pool.query(
      `insert into ai_step_executions (step_execution_id, ai_model, prompt, response, tokens_used, cost_usd, execution_time_ms)
       values ($1, 'openai.chat:gpt-4o', 'p', '{}', 100, 0.5, 200), ($2, 'openai.chat:gpt-4o', 'p', '{}', 300, 1.5, 400),
              (null, 'openai.chat:gpt-4o-mini', 'p', '{}', 50, 0.01, 100)`,
      [rows[0]!.id, rows[1]!.id],
    );
    await db.pool.query(
      `insert into ai_workflow_generations (user_id, requirements, ai_model, generation_time_ms, success) values ($1, '{}', 'openai.chat:gpt-4o', 600, true)`,
      [alice.user.id],
    );

    const mine = await client(alice.headers).analytics.aiPerformance.query({ days: 7 });
    expect(mine.scope).toBe('mine');
    expect(mine.models).toEqual([
      { model: 'openai.chat:gpt-4o', stepCalls: 2, generations: 1, cachedCalls: 0, tokens: 400, costUsd: 2, avgLatencyMs: 400, successRate: 2 / 3 },
    ]);
    expect(mine.totals).toEqual({ costUsd: 2, tokens: 400, calls: 3 });

    const admin = await signUpAdmin({ url: app.url, db } as Parameters<typeof signUpAdmin>[0]);
    const all = await client(admin.headers).analytics.aiPerformance.query({ days: 7 });
    expect(all.models.map((m) => m.model)).toEqual(['openai.chat:gpt-4o', 'openai.chat:gpt-4o-mini']);
    const bob = await signUp(app.url);
    expect((await client(bob.headers).analytics.aiPerformance.query({ days: 30 })).models).toEqual([]);
  });
});
