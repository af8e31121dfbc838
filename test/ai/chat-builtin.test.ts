import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignedIn, signUp } from '../api/auth-helpers';
import { startTestApp, type TestApp } from '../api/harness';

/**
 * A whole conversation over real HTTP with the built-in offline model (MODEL unset, nothing
 * injected): the model itself picks the tools from the user's words and sums up their results.
 */

let t: TestApp;
let ada: SignedIn;
beforeAll(async () => {
  t = await startTestApp();
  ada = await signUp(t.url);
});
afterAll(async () => t?.stop());

type Chunk = { type: string; [key: string]: unknown };
interface Message {
  id: string;
  role: string;
  parts: Array<{ type: string; [key: string]: unknown }>;
}
interface StepView {
  stepId: string;
  type: string;
  status: string;
  waitingFor: string | null;
  output: unknown;
}
interface RunView {
  id: string;
  status: string;
  steps: StepView[];
}

async function chat(id: string, messages: Message[]) {
  const res = await fetch(`${t.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...ada.headers },
    body: JSON.stringify({ id, messages }),
  });
  expect(res.status).toBe(200);
  const data = (await res.text())
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => line.slice('data: '.length));
  expect(data.at(-1)).toBe('[DONE]');
  const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as Chunk);
  const calls = chunks.filter((c) => c.type === 'tool-input-available').map((c) => ({ toolName: c.toolName as string, input: c.input }));
  const outputs = chunks.filter((c) => c.type === 'tool-output-available').map((c) => c.output);
  const deltas = chunks.filter((c) => c.type === 'text-delta').map((c) => c.delta as string);
  expect(chunks.find((c) => c.type === 'error')).toBeUndefined();
  return { chunks, calls, outputs, deltas, text: deltas.join('') };
}

async function thread(id: string): Promise<Message[]> {
  const res = await fetch(`${t.url}/api/chats/${id}`, { headers: ada.headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: Message[] }).messages;
}

/** The next turn: the saved conversation plus the user's new words (what useChat sends). */
async function say(id: string, words: string) {
  const previous = await thread(id).catch(() => [] as Message[]);
  return chat(id, [...previous, { id: `u-${randomUUID()}`, role: 'user', parts: [{ type: 'text', text: words }] }]);
}

const GOAL = 'Help me plan my monthly budget: ask for my income, expenses and savings goal, then if the surplus is under 500 warn me';

describe('chat with the built-in model', () => {
  it('plans, starts, takes values and reports status from plain words', async () => {
    const id = randomUUID();

    const planned = await chat(id, [{ id: `u-${randomUUID()}`, role: 'user', parts: [{ type: 'text', text: GOAL }] }]);
    expect(planned.calls).toEqual([{ toolName: 'generate_workflow', input: { goal: GOAL } }]);
    const plan = planned.outputs[0] as { workflowId: string; steps: { id: string; type: string }[] };
    expect(plan.workflowId).toMatch(/^[0-9a-f-]{36}$/);
    expect(plan.steps.map((s) => s.type)).toEqual(expect.arrayContaining(['data_collection', 'calculation', 'decision']));
    expect(planned.deltas.length).toBeGreaterThan(5);
    expect(planned.text).toMatch(/I built the workflow .* with \d+ steps/);
    expect(planned.text).toContain('start it');

    const started = await say(id, 'start it');
    expect(started.calls).toEqual([{ toolName: 'start_workflow', input: { workflowId: plan.workflowId } }]);
    const run = started.outputs[0] as RunView;
    expect(run.status).toBe('waiting_for_input');
    expect(started.text).toMatch(/waiting for your monthly income, monthly expenses and monthly savings goal/);

    const form = run.steps.find((s) => s.status === 'waiting')!;
    const submitted = await say(id, 'my income is 3000, expenses 2800 and savings goal 300');
    expect(submitted.calls).toEqual([
      { toolName: 'submit_step_input', input: { executionId: run.id, stepId: form.stepId, data: { income: 3000, expenses: 2800, savings_goal: 300 } } },
    ]);
    const moved = submitted.outputs[0] as RunView;
    expect(moved.steps.find((s) => s.stepId === form.stepId)?.status).toBe('completed');
    // A surplus of 200 is under 500: the decision takes the warning branch, which now waits.
    const decision = moved.steps.find((s) => s.type === 'decision')!;
    expect(decision).toMatchObject({ status: 'completed', output: expect.objectContaining({ branch: 'warn' }) });
    const warning = moved.steps.find((s) => s.status === 'waiting');
    expect(warning?.stepId).not.toBe(form.stepId);
    expect(submitted.text).toMatch(/saved your answers/);

    const status = await say(id, "what's the status?");
    expect(status.calls).toEqual([{ toolName: 'get_status', input: { executionId: run.id } }]);
    expect(status.outputs[0]).toMatchObject({ id: run.id, status: moved.status });
    expect(status.text).toMatch(/run is/);

    const confirmed = await say(id, 'yes, I have read it');
    expect(confirmed.calls).toEqual([{ toolName: 'submit_step_input', input: { executionId: run.id, stepId: warning!.stepId, data: { acknowledged: true } } }]);
    expect(confirmed.outputs[0]).toMatchObject({ status: 'completed' });
    expect(confirmed.text).toMatch(/run is complete/);

    // A reload restores the whole conversation: five turns, each a user message and the answer.
    const restored = await thread(id);
    expect(restored.map((m) => m.role)).toEqual(Array.from({ length: 5 }, () => ['user', 'assistant']).flat());
    const toolParts = restored.flatMap((m) => m.parts.filter((p) => p.type.startsWith('tool-')).map((p) => [p.type, p.state]));
    expect(toolParts).toEqual([
      ['tool-generate_workflow', 'output-available'],
      ['tool-start_workflow', 'output-available'],
      ['tool-submit_step_input', 'output-available'],
      ['tool-get_status', 'output-available'],
      ['tool-submit_step_input', 'output-available'],
    ]);
    expect(restored.at(-1)!.parts).toContainEqual(expect.objectContaining({ type: 'text', text: confirmed.text }));
  });

  it('lists templates and answers unclear words with what it can do', async () => {
    const listed = await say(randomUUID(), 'show me the templates');
    expect(listed.calls).toEqual([{ toolName: 'list_templates', input: {} }]);
    expect(listed.text).toMatch(/Here are the templates/);

    const unclear = await say(randomUUID(), 'purple monkey dishwasher');
    expect(unclear.calls).toEqual([]);
    expect(unclear.text).toMatch(/I can build a workflow/);
  });
});
