import { createContextInner } from '@stepwise/server';
import { appRouter } from '@stepwise/server/router';
import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, signUp, signUpAdmin, type SignedIn, uniqueEmail } from '../api/auth-helpers';
import { askThenGrow, saveWorkflow, startTestApp, type TestApp } from '../api/harness';
import {
  CALLER_RUNS,
  callProcedure,
  CHAT_RUNS,
  check,
  fieldValue,
  type Identity,
  inputFor,
  known,
  malformedRequests,
  nastyString,
  PROCEDURES,
  type ProcedureInfo,
  RUNS_PER_PROCEDURE,
  send,
  SOCKET_RUNS,
} from './fuzz-kit';

/**
 * Property-based fuzzing of every procedure of appRouter over real HTTP (raw fetch, so malformed
 * requests are possible too) and through the in-process caller (many more inputs), of /api/chat,
 * of the request guard's headers and of the socket.io events: bad input never yields a 5xx or a
 * stack trace, and the server keeps answering. Procedures are enumerated from the router, so a new
 * one is fuzzed without touching this file.
 */

let app: TestApp;
let user: SignedIn;
let admin: SignedIn;
const sockets: Socket[] = [];

beforeAll(async () => {
  // Limits high enough that fuzzing reaches the handlers (a 429 would pass, but tests less).
  app = await startTestApp({ RATE_LIMIT_CHAT_PER_MINUTE: '100000', SIGN_IN_MAX_FAILURES_PER_IP: '100000', MAX_ACTIVE_RUNS_PER_USER: '100000' });
  user = await signUp(app.url, uniqueEmail('fuzz'));
  admin = await signUpAdmin(app);
  known.workflowId = (await saveWorkflow(app, user.user.id, askThenGrow())).workflowId;
  known.executionId = (await app.client(user.headers).executions.start.mutate({ workflowId: known.workflowId })).id;
  const template = (await app.client(user.headers).templates.list.query({}))[0];
  if (template) {
    known.templateId = (template as { id: string }).id;
    known.templateKey = (template as { key?: string }).key ?? '';
  }
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await app?.stop();
});

async function healthy(): Promise<void> {
  const answer = await send(`${app.url}/healthz`);
  expect(answer.status, `healthz after fuzzing: ${answer.body}`).toBe(200);
}

/**
 * Headers for an identity. auth.* procedures get a user of their own (signOut or a wrong
 * changePassword must not spoil the others), re-signed-in whenever a call ended its session.
 */
function identities(procedure: ProcedureInfo) {
  let own: SignedIn | undefined;
  const email = uniqueEmail('fuzz-auth');
  return {
    async prepare() {
      if (procedure.path.startsWith('auth.')) own = await signUp(app.url, email);
    },
    headers(identity: Identity): Record<string, string> {
      if (identity === 'anonymous') return {};
      if (identity === 'admin') return admin.headers;
      return (own ?? user).headers;
    },
    async restore() {
      if (!own) return;
      const me = await send(`${app.url}/trpc/auth.me`, { headers: own.headers });
      if (!me.body.includes(own.user.id)) own = await signIn(app.url, email);
    },
  };
}

describe('fuzzing every procedure over HTTP', () => {
  it('enumerates the procedures from the router', () => {
    const paths = PROCEDURES.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['auth.signUp', 'auth.me', 'workflows.create', 'executions.submitInput', 'templates.list', 'categories.list']));
    expect(PROCEDURES.find((p) => p.path === 'executions.submitInput')?.keys).toEqual(expect.arrayContaining(['id', 'stepId']));
    console.info(`fuzzing ${PROCEDURES.length} procedures: ${paths.join(', ')}`);
  });

  for (const procedure of PROCEDURES) {
    it(`${procedure.path} (${procedure.type}): arbitrary and malformed input never yields a 5xx or a stack trace`, async () => {
      const who = identities(procedure);
      await who.prepare();
      await fc.assert(
        fc.asyncProperty(fc.constantFrom<Identity>('user', 'user', 'admin', 'anonymous'), inputFor(procedure.keys), async (identity, input) => {
          try {
            check(`${procedure.path} as ${identity}`, await callProcedure(app.url, procedure, input, who.headers(identity)));
          } finally {
            await who.restore();
          }
        }),
        { numRuns: RUNS_PER_PROCEDURE, endOnFailure: true },
      );
      for (const identity of ['user'] as const) {
        for (const [label, path, init] of malformedRequests(procedure)) {
          const headers = { ...who.headers(identity), ...(init.headers as Record<string, string> | undefined) };
          const what = `${procedure.path}: ${label} as ${identity}`;
          check(what, await send(`${app.url}/trpc/${path}`, { ...init, headers }, what));
          await who.restore();
        }
      }
      await healthy();
    });
  }
});

// ---------------------------------------------------------------- socket.io

function connect(cookie: string): Promise<Socket> {
  const socket = io(app.url, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** The client refuses to emit these itself; they go out as raw packets below instead. */
const RESERVED = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);
const eventName = fc.oneof(
  fc.constantFrom('execution.join', 'execution.leave', 'admin.join', 'alerts.join', 'run.event', 'error', '__proto__', 'constructor', 'toString', 'hasOwnProperty'),
  nastyString.filter((name) => !RESERVED.has(name)),
);
const socketArgs = fc.array(fc.oneof(fieldValue, fc.record({ executionId: fieldValue }, { requiredKeys: [] })), { maxLength: 3 });
/** Raw socket.io packets (the engine.io message payload), most of them broken. */
const rawPacket = fc.oneof(
  nastyString,
  fc.jsonValue({ maxDepth: 3 }).map((v) => `2${JSON.stringify(v)}`),
  fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 2 })).map(([id, v]) => `2${id}["execution.join",${JSON.stringify(v)}]`),
  fc.constantFrom('2', '2[', '2["execution.join"', '21["execution.join"]', '3', '3999[]', '5', '51-["execution.join",{"_placeholder":true,"num":0}]', '0/nope,', '1', '4"boom"', '6', `2${'['.repeat(10_000)}`, '2["execution.join",{"executionId":"\\ud800"}]'),
  fc.constantFrom(...RESERVED).map((name) => `2["${name}",{"executionId":"x"}]`),
);

describe('fuzzing socket.io events', () => {
  it('arbitrary events, payloads, missing acks and broken packets never crash the server; a valid join works afterwards', async () => {
    const socket = await connect(user.cookie);
    let current = socket;
    await fc.assert(
      fc.asyncProperty(eventName, socketArgs, fc.boolean(), rawPacket, async (event, args, withAck, raw) => {
        if (!current.connected) current = await connect(user.cookie); // a broken packet may get the connection closed
        if (withAck) {
          const answer: unknown = await current.timeout(500).emitWithAck(event, ...args).catch(() => 'no answer');
          const target = (args[0] as { executionId?: unknown } | undefined)?.executionId;
          if (event === 'execution.join' && target !== known.executionId) expect(answer).not.toEqual({ ok: true }); // only the caller's own run joins
        } else {
          current.emit(event, ...args);
        }
        current.io.engine.send(raw);
      }),
      { numRuns: SOCKET_RUNS },
    );
    await healthy();
    const fresh = await connect(user.cookie);
    expect(await fresh.timeout(5_000).emitWithAck('execution.join', { executionId: known.executionId })).toEqual({ ok: true });
    expect(await fresh.timeout(5_000).emitWithAck('execution.join', { executionId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, error: 'NOT_FOUND' });
  });
});

// ---------------------------------------------------------------- in process, /api/chat, the guard

describe('fuzzing every procedure through the in-process caller', () => {
  for (const procedure of PROCEDURES) {
    it(`${procedure.path}: every refusal is a typed 4xx TRPCError, never INTERNAL_SERVER_ERROR`, async () => {
      const caller = appRouter.createCaller(createContextInner(app.app.services, { ...user.user, via: 'token' }));
      const call = procedure.path.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
      await fc.assert(
        fc.asyncProperty(inputFor(procedure.keys), async (input) => {
          const error = await call(input).then(() => null, (e: unknown) => e);
          if (error === null) return;
          expect(error, String(error)).toBeInstanceOf(TRPCError);
          expect((error as TRPCError).code, (error as TRPCError).message).not.toBe('INTERNAL_SERVER_ERROR');
        }),
        { numRuns: CALLER_RUNS, endOnFailure: true },
      );
    });
  }
});

const chatMessage = fc.record({
  id: fc.oneof(nastyString, fc.uuid()),
  role: fc.constantFrom('user', 'assistant', 'system', 'tool', ''),
  parts: fc.array(fc.oneof(fc.record({ type: fc.constant('text'), text: nastyString }), fc.record({ type: nastyString }, { requiredKeys: [] }), fieldValue), { maxLength: 3 }),
});
const chatBody = fc.oneof(
  { weight: 4, arbitrary: fc.record({ id: fc.oneof(fc.uuid(), nastyString), messages: fc.oneof(fc.array(chatMessage, { maxLength: 3 }), fieldValue) }, { requiredKeys: [] }).map((b) => JSON.stringify(b)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: nastyString },
);

describe('fuzzing /api/chat and the request guard over HTTP', () => {
  it('arbitrary chat bodies, methods and content types never yield a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(chatBody, fc.constantFrom('POST', 'POST', 'GET', 'PUT'), fc.constantFrom('application/json', 'text/plain', ''), async (body, method, type) => {
        const init: RequestInit = { method, headers: { ...user.headers, ...(type ? { 'content-type': type } : {}) }, ...(method === 'GET' ? {} : { body }) };
        check(`/api/chat ${method} ${type}`, await send(`${app.url}/api/chat`, init));
      }),
      { numRuns: CHAT_RUNS },
    );
    await healthy();
  });

  it('arbitrary origins, fetch-site hints, content types and credentials never yield a 5xx', async () => {
    const path = fc.oneof(fc.constantFrom(...PROCEDURES.map((p) => `/trpc/${p.path}`)), fc.constantFrom('/api/chat', '/api/chats', '/healthz', '/', '/metrics'));
    const header = (values: string[]) => fc.option(fc.oneof(fc.constantFrom(...values), nastyString.map((v) => v.replace(/[^\x20-\x7e]/g, ''))), { nil: undefined });
    const headers = fc.record({
      origin: header([app.url, 'https://evil.example', 'null', 'http://127.0.0.1', '']),
      'sec-fetch-site': header(['same-origin', 'same-site', 'cross-site', 'none']),
      'content-type': header(['application/json', 'text/plain', 'application/json; charset=utf-8', 'multipart/form-data']),
      cookie: header([user.cookie, 'sw_session=', 'sw_session=x; sw_session=y']),
      authorization: header(['Bearer x', 'Basic Og==', '']),
      'x-forwarded-for': header(['1.2.3.4', '::1', 'a, b, c']),
    });
    await fc.assert(
      fc.asyncProperty(path, fc.constantFrom('POST', 'GET', 'DELETE', 'PATCH'), headers, fc.jsonValue({ maxDepth: 2 }), async (to, method, raw, body) => {
        const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) as Record<string, string>;
        const init: RequestInit = { method, headers: defined, ...(method === 'GET' ? {} : { body: JSON.stringify(body) }) };
        check(`${method} ${to}`, await send(`${app.url}${to}`, init));
      }),
      { numRuns: CHAT_RUNS },
    );
    await healthy();
  });
});
