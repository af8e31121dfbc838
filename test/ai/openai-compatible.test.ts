import { workflow } from '@stepwise/engine/testing';
import { createModel } from '@stepwise/server/model';
import { loadConfig } from '@stepwise/server';
import { streamText, tool } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { signUp } from '../api/auth-helpers';
import { saveWorkflow, startTestApp, type TestApp, waitForStatus } from '../api/harness';
import { startOpenAICompatibleServer } from './openai-compatible-server';

let llm: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;
let t: TestApp;

beforeAll(async () => {
  llm = await startOpenAICompatibleServer((request) => {
    if (request.tools?.length) return { toolCalls: [{ name: 'start_workflow', arguments: JSON.stringify({ workflowId: 'budget', reason: 'you asked' }) }] };
    if (request.response_format?.type === 'json_schema') return { content: JSON.stringify({ tip: 'Move 300 to savings on payday' }), usage: { prompt_tokens: 200, completion_tokens: 12 } };
    return { content: 'Hello from a local model' };
  });
  t = await startTestApp({ MODEL: 'openai-compatible:local-test-model', OPENAI_BASE_URL: llm.baseURL });
});
afterAll(async () => {
  await t?.stop();
  await llm?.close();
});

describe('MODEL=openai-compatible:<model> (Chat Completions, as Ollama / vLLM / LM Studio serve it)', () => {
  it('runs an AI step through the local server: structured output, the request it received, usage', async () => {
    const me = await signUp(t.url);
    const saved = await saveWorkflow(
      t,
      me.user.id,
      workflow([
        {
          id: 'tip',
          type: 'ai_generated',
          ai_prompt: 'Give one savings tip for a surplus of {{input.surplus}}.',
          config: { output_schema: { type: 'object', properties: { tip: { type: 'string' } }, required: ['tip'] } },
        },
      ]),
    );
    const api = t.client(me.headers);
    const run = await api.executions.start.mutate({ workflowId: saved.workflowId, input: { surplus: 1800 } });
    const view = await waitForStatus(api, run.id, 'waiting_for_review');
    expect(view.status).toBe('waiting_for_review');
    expect(view.steps[0]!.output).toEqual({ tip: 'Move 300 to savings on payday' });
    const sent = llm.requests.find((r) => r.response_format?.type === 'json_schema')!;
    expect(sent.model).toBe('local-test-model');
    expect(sent.response_format!.json_schema!.schema).toMatchObject({ type: 'object', properties: { tip: { type: 'string' } } });
    expect(JSON.stringify(sent.messages)).toContain('surplus of 1800');
    const detail = await api.executions.get.query({ id: run.id });
    expect(detail.steps[0]!.output).toEqual({ tip: 'Move 300 to savings on payday' });
  });

  it('streams text and tool calls over SSE with usage', async () => {
    const { model } = createModel(loadConfig({ MODEL: 'openai-compatible:local-test-model', OPENAI_BASE_URL: llm.baseURL }));
    const text = streamText({ model, prompt: 'Say hello' });
    const deltas: string[] = [];
    for await (const d of text.textStream) deltas.push(d);
    expect(deltas.join('')).toBe('Hello from a local model');
    expect(deltas.length).toBeGreaterThan(3);
    expect((await text.usage).totalTokens).toBe(150);
    expect(llm.requests.at(-1)).toMatchObject({ stream: true, stream_options: { include_usage: true } });

    const withTools = streamText({
      model,
      prompt: 'Start my budget',
      tools: { start_workflow: tool({ description: 'Start a workflow', inputSchema: z.object({ workflowId: z.string(), reason: z.string() }) }) },
    });
    const calls = await withTools.toolCalls;
    expect(calls.map((c) => [c.toolName, c.input])).toEqual([['start_workflow', { workflowId: 'budget', reason: 'you asked' }]]);
  });

  it('names the configured model for the UI', async () => {
    expect(await t.client().meta.info.query()).toEqual({ model: { label: 'openai-compatible:local-test-model', builtin: false } });
  });

  it('refuses a configuration that cannot work, saying which variable is missing', () => {
    expect(() => loadConfig({ MODEL: 'openai-compatible:x' })).toThrow(/OPENAI_BASE_URL: is needed/);
    expect(() => loadConfig({ MODEL: 'openai:gpt-4o-mini' })).toThrow(/OPENAI_API_KEY: is needed/);
    expect(() => loadConfig({ MODEL: 'gpt' })).toThrow(/MODEL: use builtin/);
  });
});
