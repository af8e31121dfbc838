import type { EngineEvent } from '@stepwise/engine';
import { io, type Socket } from 'socket.io-client';
import { expect } from 'vitest';
import { signUp, type SignedIn } from './auth-helpers';
import { askThenGrow, saveWorkflow, startTestApp, type TestApp } from './harness';

export interface TwoProcesses {
  a: TestApp;
  b: TestApp;
  alice: SignedIn;
  bob: SignedIn;
  /** alice's workflow: a form, then a calculation. */
  workflowId: string;
  /** A socket.io client (not yet connected); closed by stop(). */
  socket(url: string, cookie?: string): Socket;
  connect(url: string, cookie?: string): Promise<Socket>;
  stop(): Promise<void>;
}

/** Two server processes on one PostgreSQL (and whatever `env` adds, e.g. REDIS_URL), with two users. */
export async function startTwoProcesses(env: Record<string, string> = {}): Promise<TwoProcesses> {
  const a = await startTestApp(env);
  const b = await startTestApp(env, a.db);
  const alice = await signUp(a.url);
  const bob = await signUp(a.url);
  const { workflowId } = await saveWorkflow(a, alice.user.id, askThenGrow());
  const sockets: Socket[] = [];
  const socket = (url: string, cookie?: string) => {
    const s = io(url, { transports: ['websocket'], extraHeaders: cookie ? { cookie } : {}, reconnection: false, forceNew: true });
    sockets.push(s);
    return s;
  };
  return {
    a,
    b,
    alice,
    bob,
    workflowId,
    socket,
    connect: (url, cookie) => {
      const s = socket(url, cookie);
      return new Promise((resolve, reject) => {
        s.once('connect', () => resolve(s));
        s.once('connect_error', reject);
      });
    },
    async stop() {
      for (const s of sockets) s.disconnect();
      await b.stop();
      await a.stop();
    },
  };
}

/**
 * What every adapter must do: alice watches from process B a run driven through process A and
 * receives every event in order; bob, also on B, is refused and gets none.
 */
export async function expectEventsAcrossProcesses({ a, b, alice, bob, workflowId, connect }: TwoProcesses): Promise<void> {
  const run = await a.client(alice.headers).executions.start.mutate({ workflowId });
  const watcher = await connect(b.url, alice.cookie);
  const events: EngineEvent[] = [];
  watcher.on('run.event', (e: EngineEvent) => events.push(e));
  expect(await watcher.emitWithAck('execution.join', { executionId: run.id })).toEqual({ ok: true });

  const snoop = await connect(b.url, bob.cookie);
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
}
