import { saveDefinitionVersion } from '@stepwise/db';
import type { EngineEvent } from '@stepwise/engine';
import { formStep, workflow } from '@stepwise/engine/testing';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './auth-helpers';
import { startTestApp, type TestApp } from './harness';

let a: TestApp;
let b: TestApp;
let alice: { cookie: string; headers: Record<string, string> };
let bob: { cookie: string; headers: Record<string, string> };
let workflowId: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  a = await startTestApp();
  b = await startTestApp({}, a.db); // a second server process on the same PostgreSQL
  alice = await signUp(a.url, 'alice@example.com', 'correct horse battery');
  bob = await signUp(a.url, 'bob@example.com', 'correct horse battery');
  const me = (await a.client(alice.headers).auth.me.query())!;
  const definition = a.app.engine.validate(
    workflow([
      formStep('ask', { amount: { type: 'number' } }, ['amount']),
      { id: 'grow', type: 'calculation', dependencies: ['ask'], config: { formula: 'compound_growth', inputs: { principal: 'ask.amount', annual_rate_pct: '5.0', years: '2' } } },
    ]),
  );
  workflowId = (await saveDefinitionVersion((await a.db.orm()).em.fork(), { ownerId: me.id, definition })).workflowId;
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await b?.stop();
  await a?.stop();
});

function connect(url: string, cookie?: string): Socket {
  const socket = io(url, { transports: ['websocket'], extraHeaders: cookie ? { cookie } : {}, reconnection: false });
  sockets.push(socket);
  return socket;
}

const connected = (s: Socket) =>
  new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', (e) => reject(e));
  });

describe('live updates over socket.io', () => {
  it('a client on process B receives every event of a run driven by process A, in order; another user gets none', async () => {
    const run = await a.client(alice.headers).executions.start.mutate({ workflowId });
    const watcher = connect(b.url, alice.cookie);
    await connected(watcher);
    const events: EngineEvent[] = [];
    watcher.on('run.event', (e: EngineEvent) => events.push(e));
    expect(await watcher.emitWithAck('execution.join', { executionId: run.id })).toEqual({ ok: true });

    const snoop = connect(a.url, bob.cookie);
    await connected(snoop);
    const leaked: EngineEvent[] = [];
    snoop.on('run.event', (e: EngineEvent) => leaked.push(e));
    expect(await snoop.emitWithAck('execution.join', { executionId: run.id })).toMatchObject({ ok: false, error: 'NOT_FOUND' });

    await a.client(alice.headers).executions.submitInput.mutate({ id: run.id, stepId: 'ask', data: { amount: 1000 } });
    const deadline = Date.now() + 10_000;
    while (!events.some((e) => e.type === 'run.status' && e.status === 'completed') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const seen = events.map((e) => (e.type === 'run.status' ? `run:${e.status}` : `${e.type}:${'stepId' in e ? e.stepId : ''}`));
    expect(seen).toEqual(['step.completed:ask', 'run:running', 'step.completed:grow', 'run:completed']);
    const order = events.map((e) => ('seq' in e ? e.seq * 1000 + e.index : 0));
    expect(order).toEqual([...order].sort((x, y) => x - y));
    await new Promise((r) => setTimeout(r, 200));
    expect(leaked).toEqual([]);
  });

  it('refuses a handshake without credentials, and non-admins in the admin room', async () => {
    const anon = connect(a.url);
    await expect(connected(anon)).rejects.toThrow(/unauthorized/);
    const user = connect(a.url, bob.cookie);
    await connected(user);
    expect(await user.emitWithAck('admin.join')).toMatchObject({ ok: false, error: 'FORBIDDEN' });
    expect(await user.emitWithAck('execution.join', { executionId: 'nope' })).toMatchObject({ ok: false, error: 'BAD_REQUEST' });
  });
});
