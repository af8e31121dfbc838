import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignedIn, signUp } from '../api/auth-helpers';
import { startTestApp, type TestApp } from '../api/harness';
import { answerWithBuiltinModel } from './builtin-over-http';
import { chatClient, type Chunk, type Message, userMessage } from './chat-client';
import { startOpenAICompatibleServer } from './openai-compatible-server';

/**
 * The real-provider path end to end: MODEL=openai-compatible:<model> against a local server that
 * speaks Chat Completions (SSE, tool_calls deltas, usage), with the built-in model's behaviour
 * behind it. chat -> generate_workflow -> start (approved) -> form -> submit -> AI step -> accept.
 */
let llm: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;
let t: TestApp;
let me: SignedIn;

beforeAll(async () => {
  llm = await startOpenAICompatibleServer(answerWithBuiltinModel);
  t = await startTestApp({
    MODEL: 'openai-compatible:local-planner',
    OPENAI_BASE_URL: llm.baseURL,
    MODEL_PRICES: JSON.stringify({ 'openai-compatible:local-planner': { input: 1000, output: 2000 } }),
  });
  me = await signUp(t.url);
});
afterAll(async () => {
  await t?.stop();
  await llm?.close();
});

const outputsOf = (chunks: Chunk[]) => chunks.filter((c) => c.type === 'tool-output-available').map((c) => c.output as Record<string, unknown>);

describe('a real provider (OpenAI-compatible server) end to end', () => {
  it('plans, starts after approval, takes the form, runs the AI step, and completes; usage and cost are recorded', async () => {
    const client = chatClient(t.url);
    const api = t.client(me.headers);
    const threadId = crypto.randomUUID();
    const history: Message[] = [];
    const say = async (words: string) => {
      history.push(userMessage(words));
      const turn = await client.chat(me, { id: threadId, messages: history });
      expect(turn.res.status).toBe(200);
      const saved = await client.getJson<{ messages: Message[] }>(me, `/api/chats/${threadId}`);
      history.splice(0, history.length, ...saved.body.messages);
      return turn.chunks;
    };
    /** The person presses Approve on the pending card (what useChat's addToolApprovalResponse sends). */
    const approve = async () => {
      const last = history.at(-1)!;
      history[history.length - 1] = {
        ...last,
        parts: last.parts.map((p) =>
          p.state === 'approval-requested' ? { ...p, state: 'approval-responded', approval: { ...(p.approval as object), approved: true } } : p,
        ),
      };
      const { chunks } = await client.chat(me, { id: threadId, messages: history });
      history.splice(0, history.length, ...(await client.getJson<{ messages: Message[] }>(me, `/api/chats/${threadId}`)).body.messages);
      return chunks;
    };

    const planned = outputsOf(await say('Build me a workflow: ask for my income and expenses, work out my monthly surplus and give me advice on it'));
    const plan = planned.find((o) => 'workflowId' in o)!;
    expect(plan).toBeTruthy();
    const steps = (plan.steps as { type: string }[]).map((s) => s.type);
    expect(steps).toEqual(expect.arrayContaining(['data_collection', 'calculation', 'ai_generated']));

    // Starting a run with paid AI steps asks for approval first.
    const asked = await say('Start it');
    const approval = asked.find((c) => c.type === 'tool-approval-request');
    expect(approval).toBeTruthy();
    expect((await api.executions.list.query({})).items).toEqual([]);
    const started = outputsOf(await approve());
    const run = started.find((o) => o.status === 'waiting_for_input')!;
    expect(run).toBeTruthy();

    await say('My income is 5400 and my expenses are 3100');
    let view = await api.executions.get.query({ id: run.id as string });
    for (let i = 0; i < 200 && view.status !== 'waiting_for_review'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      view = await api.executions.get.query({ id: run.id as string });
    }
    expect(view.status).toBe('waiting_for_review');

    // The run now carries form answers and an AI answer (untrusted): accepting waits for the person's approval too.
    expect((await say('Looks good, accept it')).some((c) => c.type === 'tool-approval-request')).toBe(true);
    expect((await api.executions.get.query({ id: run.id as string })).status).toBe('waiting_for_review');
    await approve();
    view = await api.executions.get.query({ id: run.id as string });
    expect(view.status).toBe('completed');

    // Everything went over the protocol: streaming with usage, tool calls, structured output.
    expect(llm.requests.some((r) => r.stream && r.stream_options?.include_usage)).toBe(true);
    expect(llm.requests.some((r) => r.tools?.some((tool) => tool.function.name === 'generate_workflow'))).toBe(true);
    expect(llm.requests.some((r) => r.response_format?.type === 'json_schema')).toBe(true);
    const calls = await api.ai.calls.query({ executionId: run.id as string });
    expect(calls.length).toBeGreaterThan(0);
    expect(calls[0]!.tokensUsed).toBeGreaterThan(0);
    expect(Number(calls[0]!.costUsd)).toBeGreaterThan(0);
  });
});
