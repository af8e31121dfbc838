import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createThread, listThreads, loadMessages, type RunSealer, saveMessages, type StoredChatMessage } from '@stepwise/db';
import { convertToModelMessages, createIdGenerator, type LanguageModel, safeValidateUIMessages, stepCountIs, streamText, type UIMessage } from 'ai';
import { z } from 'zod';
import { ipOf } from '../audit/record';
import { authenticate, type AuthUser } from '../auth/authenticate';
import { jsonStorageProblem } from '../json-safety';
import { RateLimitedError, rateLimits } from '../security/rate-limits';
import type { Services } from '../services';
import { createChatTools } from './tools';

/**
 * The chat assistant over HTTP:
 *   POST /api/chat       { id: thread UUID, messages: UIMessage[] } -> UI message stream (SSE)
 *   GET  /api/chats      the user's threads
 *   GET  /api/chats/:id  a thread's messages (to restore it after a reload)
 */

export const SYSTEM_PROMPT = `You are the assistant of Stepwise, a self-directed investing and personal finance platform.
You help people turn what they want to do with their money into workflows (step-by-step plans: forms to fill,
calculations, decisions, AI-written analyses to review) and run them, using your tools:
- generate_workflow builds a workflow from the user's goal; list_templates shows ready-made ones; modify_workflow changes one.
- start_workflow runs a workflow; get_status and explain_step tell where a run is and what it needs.
- submit_step_input gives the values a waiting form asks for; accept_step / reject_step answer a step waiting for review.
- pause_workflow, resume_workflow and cancel_workflow control a run.
Act through the tools rather than describing what you would do. Use the ids tools return; never invent ids or values
the user did not give. When a tool returns { error }, explain it plainly and ask for what is missing.
Keep replies short. You are not a financial adviser: present results as information, not as recommendations.`;

/** Largest request body accepted (bytes): a long conversation, not a file upload. */
export const MAX_CHAT_BODY_BYTES = 1_000_000;
/** Used when TOOL_APPROVAL_SECRET is unset: approvals then verify only on the process that asked. */
const PROCESS_APPROVAL_SECRET = randomBytes(32);

const MAX_STEPS = 5;

const part = z.looseObject({ type: z.string().min(1).max(100) });
const message = z.object({
  id: z.string().min(1).max(100),
  // No client-written system messages: the system prompt is the server's.
  role: z.enum(['user', 'assistant']),
  parts: z.array(part).max(200),
  metadata: z.unknown().optional(),
});
const chatRequest = z.object({
  id: z.uuid({ error: 'id must be the thread id (a UUID)' }),
  messages: z.array(message).min(1).max(200),
});

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Reads the body up to `limit` bytes; 413 past it (the rest is not read). */
async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  if (Number(req.headers['content-length'] ?? 0) > limit) throw new HttpError(413, `The request is too large (at most ${limit} bytes)`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, `The request is too large (at most ${limit} bytes)`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function parseChatRequest(req: IncomingMessage) {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'Send JSON (content-type: application/json)');
  let json: unknown;
  try {
    json = JSON.parse(await readBody(req, MAX_CHAT_BODY_BYTES));
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, 'The body is not valid JSON');
  }
  const parsed = chatRequest.safeParse(json);
  if (!parsed.success) throw new HttpError(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  const problem = jsonStorageProblem(parsed.data.messages);
  if (problem) throw new HttpError(400, `messages cannot be stored: ${problem}`);
  return parsed.data;
}

/** The built-in offline model costs nothing; any other may (so paid AI runs ask for approval). */
function isBuiltinModel(model: LanguageModel): boolean {
  return typeof model !== 'string' && model.provider === 'stepwise' && model.modelId === 'builtin';
}

const titleOf = (messages: readonly UIMessage[]) =>
  messages
    .find((m) => m.role === 'user')
    ?.parts.flatMap((p) => (p.type === 'text' ? [p.text] : []))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200) || 'New chat';

/** A message as stored: its parts sealed (they hold what people typed and what tools showed them). */
const toStored = (sealer: RunSealer, threadId: string) => (m: UIMessage): StoredChatMessage => ({
  id: m.id,
  role: m.role,
  parts: sealer.sealMessageParts(threadId, m.id, m.parts),
});

async function postChat(services: Services, model: LanguageModel, user: AuthUser, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await parseChatRequest(req);
  const em = services.orm.em.fork();
  const threadId = body.id;
  const tools = createChatTools({ services, user, threadId, model: { model, builtin: isBuiltinModel(model) }, ip: ipOf(req) });
  const validated = await safeValidateUIMessages<UIMessage>({ messages: body.messages, tools: tools as never });
  if (!validated.success) throw new HttpError(400, `messages: ${validated.error.message}`);
  const messages = validated.data;

  const thread = await createThread(em, { id: threadId, userId: user.id, title: titleOf(messages) });
  if (!thread) throw new HttpError(404, `No chat ${threadId}`);
  // The user's words are kept even if the model fails below.
  await saveMessages(em, threadId, messages.map(toStored(services.sealer, threadId)));

  const abort = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  const result = streamText({
    model,
    system: SYSTEM_PROMPT,
    messages: await convertToModelMessages(messages, { tools, ignoreIncompleteToolCalls: true }),
    tools,
    stopWhen: stepCountIs(MAX_STEPS),
    abortSignal: abort.signal,
    // Approvals come back from the browser: signed here, verified when replayed.
    experimental_toolApprovalSecret: services.config.TOOL_APPROVAL_SECRET ?? PROCESS_APPROVAL_SECRET,
    onError: ({ error }) => services.log.error({ err: String(error), threadId }, 'chat stream failed'),
  });
  result.pipeUIMessageStreamToResponse(res, {
    originalMessages: messages,
    generateMessageId: createIdGenerator({ prefix: 'msg', size: 24 }),
    // Never send stack traces or provider details to the browser.
    onError: () => 'The assistant ran into a problem; try again.',
    onFinish: async ({ messages: all }) => {
      try {
        await saveMessages(services.orm.em.fork(), threadId, all.map(toStored(services.sealer, threadId)));
      } catch (error) {
        services.log.error({ err: String(error), threadId }, 'saving chat messages failed');
      }
    },
  });
}

async function getChat(services: Services, user: AuthUser, threadId: string, res: ServerResponse): Promise<void> {
  if (!z.uuid().safeParse(threadId).success) throw new HttpError(404, `No chat ${threadId}`);
  const found = await loadMessages(services.orm.em.fork(), threadId, user.id);
  if (!found) throw new HttpError(404, `No chat ${threadId}`);
  const messages = found.messages.map((m) => ({ ...m, parts: services.sealer.openMessageParts(threadId, m.id, m.parts) }));
  send(res, 200, { ...found.thread, messages });
}

/** Handles every /api/chat* request; answers JSON errors, never a stack trace. */
export async function chatRoute(services: Services, model: LanguageModel, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const user = await authenticate(services, req.headers);
    if (!user) throw new HttpError(401, 'Sign in first (session cookie or Authorization: Bearer <token>)');
    if (url.pathname === '/api/chat') {
      if (req.method !== 'POST') throw new HttpError(405, 'Use POST');
      await rateLimits(services.pool, services.config).chat(user.id);
      return await postChat(services, model, user, req, res);
    }
    if (url.pathname === '/api/chats') {
      if (req.method !== 'GET') throw new HttpError(405, 'Use GET');
      return send(res, 200, { threads: await listThreads(services.orm.em.fork(), user.id) });
    }
    const one = /^\/api\/chats\/([^/]+)$/.exec(url.pathname);
    if (one) {
      if (req.method !== 'GET') throw new HttpError(405, 'Use GET');
      return await getChat(services, user, decodeURIComponent(one[1]!), res);
    }
    throw new HttpError(404, 'Not found');
  } catch (error) {
    if (error instanceof RateLimitedError) {
      res.setHeader('retry-after', String(error.retryAfterSeconds));
      return send(res, 429, { error: error.message });
    }
    if (error instanceof HttpError) {
      if (error.status === 413) res.setHeader('connection', 'close');
      return send(res, error.status, { error: error.message });
    }
    services.log.error({ err: String(error) }, 'chat request failed');
    send(res, 500, { error: 'Something went wrong on our side; try again' });
  }
}
