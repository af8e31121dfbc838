import { randomUUID } from 'node:crypto';
import { FieldCipher, generateKeySpec, parseKeyRing, reencryptRuns, RunSealer } from '@stepwise/db';
import { formStep, jsonModel, workflow } from '@stepwise/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signUp, uniqueEmail } from './auth-helpers';
import { errorCode, saveWorkflow, startTestApp, type TestApp, waitForStatus } from './harness';

// Sensitive answers travel to their owner in plaintext and sit in PostgreSQL only encrypted.
const KEY = generateKeySpec();
const answers = { income: 73519.25, account_number: 'GB82WEST12345698765432', pet_name: 'Quetzalcoatl', expenses: 2100 };
const SECRETS = ['73519.25', 'GB82WEST12345698765432', 'Quetzalcoatl'];

const budget = workflow(
  [
    formStep(
      'budget',
      { income: { type: 'number' }, account_number: { type: 'string' }, pet_name: { type: 'string', 'x-sensitive': true }, expenses: { type: 'number' } },
      ['income', 'account_number', 'pet_name', 'expenses'],
    ),
    { id: 'surplus', type: 'calculation', dependencies: ['budget'], config: { formula: 'monthly_surplus', inputs: { income: 'budget.income', expenses: 'budget.expenses' } } },
  ],
  { name: 'Private budget' },
);

// An AI step whose prompt quotes the income: the prompt is stored only sealed, in the step row and the call record.
const advice = workflow([
  formStep('budget', { income: { type: 'number' } }, ['income']),
  {
    id: 'advice',
    type: 'ai_generated',
    dependencies: ['budget'],
    ai_prompt: 'Suggest a savings rate for a monthly income of {{budget.income}}.',
    config: { auto_accept: true, output_schema: { type: 'object', properties: { tip: { type: 'string' } }, required: ['tip'] } },
  },
]);
const model = jsonModel(() => ({ tip: 'Save a fifth' }));

/** The run's rows (execution, step attempts, model calls) as one text. */
async function storedText(runId: string): Promise<string> {
  const { rows } = await t.db.pool.query<{ text: string }>(
    `select (select row_to_json(e)::text from workflow_executions e where e.id = $1)
       || (select string_agg(row_to_json(s)::text, '') from workflow_step_executions s where s.execution_id = $1)
       || coalesce((select string_agg(row_to_json(a)::text, '') from ai_step_executions a
            join workflow_step_executions s on s.id = a.step_execution_id where s.execution_id = $1), '') as text`,
    [runId],
  );
  return rows[0]!.text;
}

let t: TestApp;
let alice: Client;
let aliceHeaders: Record<string, string>;
let bob: Client;
let workflowId: string;
let adviceId: string;
/** Written by the tests above, read again after the rotation below. */
const written: { chatId?: string; adviceRunId?: string; runId?: string } = {};

beforeAll(async () => {
  t = await startTestApp({ STEPWISE_ENCRYPTION_KEYS: KEY }, undefined, { model: model.model });
  const signedIn = await signUp(t.url, uniqueEmail('alice'));
  aliceHeaders = signedIn.headers;
  alice = t.client(aliceHeaders);
  bob = t.client((await signUp(t.url, uniqueEmail('bob'))).headers);
  workflowId = (await saveWorkflow(t, signedIn.user.id, budget)).workflowId;
  adviceId = (await saveWorkflow(t, signedIn.user.id, advice)).workflowId;
});
afterAll(async () => t?.stop());

describe('sensitive fields over HTTP', () => {
  it('the owner sees the values in the execution view; the rows hold none of them; others see nothing', async () => {
    const run = await alice.executions.start.mutate({ workflowId, input: { month: '2026-11' } });
    written.runId = run.id;
    const done = await alice.executions.submitInput.mutate({ id: run.id, stepId: 'budget', data: answers });
    expect(done.status).toBe('completed');

    const view = await alice.executions.get.query({ id: run.id });
    expect(view.data.budget).toEqual(answers);
    expect(view.steps.find((s) => s.stepId === 'budget')!.output).toEqual(answers);
    // The timeline reads step rows directly: their values come back opened too.
    const attempts = Object.fromEntries(view.attempts.map((a) => [a.stepId, a]));
    expect(attempts.budget!.output).toEqual(answers);
    expect(attempts.surplus!.input).toMatchObject({ income: 73519.25, expenses: 2100 });
    expect(await errorCode(bob.executions.get.query({ id: run.id }))).toBe('NOT_FOUND');

    const stored = await storedText(run.id);
    for (const secret of SECRETS) expect(stored).not.toContain(secret);
    expect(stored).toMatch(/"expenses": ?2100/);

    // Analytics works on what stays plain: the run counts as completed.
    const stats = await alice.analytics.overview.query({ days: 7 });
    expect(JSON.stringify(stats)).toContain('Private budget');
  });

  it('an AI prompt quoting a sensitive field is stored sealed, and its owner reads it back', async () => {
    const run = await alice.executions.start.mutate({ workflowId: adviceId, input: {} });
    written.adviceRunId = run.id;
    await alice.executions.submitInput.mutate({ id: run.id, stepId: 'budget', data: { income: 64022.5 } });
    await waitForStatus(alice, run.id, 'completed');
    expect(model.prompts.some((p) => p.includes('64022.5'))).toBe(true);

    const stored = await storedText(run.id);
    expect(stored).toContain('ai_model');
    expect(stored).not.toContain('64022.5');
    const [call] = await alice.ai.calls.query({ executionId: run.id });
    expect(call!.prompt).toContain('64022.5');
    expect(JSON.parse(call!.response)).toEqual({ tip: 'Save a fifth' });
    const view = await alice.executions.get.query({ id: run.id });
    expect(view.attempts.find((a) => a.stepId === 'advice')!.input).toMatchObject({ prompt: expect.stringContaining('64022.5') });
  });

  it('chat messages are stored sealed and come back as typed when the chat is reopened', async () => {
    const threadId = randomUUID();
    written.chatId = threadId;
    const words = 'My salary is 91827 a year, IBAN GB33BUKB20201555555555';
    const res = await fetch(`${t.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...aliceHeaders },
      body: JSON.stringify({ id: threadId, messages: [{ id: `u-${randomUUID()}`, role: 'user', parts: [{ type: 'text', text: words }] }] }),
    });
    await res.text();
    const { rows } = await t.db.pool.query<{ text: string }>(`select string_agg(parts::text, '') as text from chat_messages where thread_id = $1`, [threadId]);
    expect(rows[0]!.text).toContain('$enc');
    expect(rows[0]!.text).not.toContain('91827');
    expect(rows[0]!.text).not.toContain('GB33BUKB20201555555555');
    const reopened = await fetch(`${t.url}/api/chats/${threadId}`, { headers: aliceHeaders });
    const body = (await reopened.json()) as { messages: Array<{ role: string; parts: Array<{ type: string; text?: string }> }> };
    expect(body.messages.find((m) => m.role === 'user')!.parts).toEqual([{ type: 'text', text: words }]);
  });

  it('a process with another key cannot read the run and says so, without changing it', async () => {
    const run = await alice.executions.start.mutate({ workflowId, input: {} });
    await alice.executions.submitInput.mutate({ id: run.id, stepId: 'budget', data: answers });
    const before = await t.db.pool.query('select version, context::text from workflow_executions where id = $1', [run.id]);

    const other = await startTestApp({ STEPWISE_ENCRYPTION_KEYS: generateKeySpec() }, t.db);
    try {
      // The owner asking the process with the wrong key gets an error, never garbage or a half-read run.
      const refused = await other.client(aliceHeaders).executions.get.query({ id: run.id }).catch((e: unknown) => e);
      expect(refused).toMatchObject({ data: { code: 'SERVICE_UNAVAILABLE' }, message: expect.stringContaining('an administrator must configure the key') });
      expect(await errorCode(other.client(aliceHeaders).executions.cancel.mutate({ id: run.id }))).toBe('SERVICE_UNAVAILABLE');
      await expect(other.app.engine.getRun(run.id)).rejects.toMatchObject({ code: 'encryption_key_mismatch', problem: 'unknown_key' });
    } finally {
      await other.stop();
    }
    const after = await t.db.pool.query('select version, context::text from workflow_executions where id = $1', [run.id]);
    expect(after.rows).toEqual(before.rows);
    expect((await alice.executions.get.query({ id: run.id })).data.budget).toEqual(answers);
  });

  it('rotation: after re-encryption a process holding only the new key reads runs, model calls and chats', async () => {
    const next = generateKeySpec();
    const moved = await reencryptRuns(t.db.pool, new RunSealer(new FieldCipher(parseKeyRing(`${next},${KEY}`))));
    expect(moved.runs).toBeGreaterThanOrEqual(3);
    expect(moved.modelCalls).toBeGreaterThanOrEqual(1);
    expect(moved.chatMessages).toBeGreaterThanOrEqual(1);

    const rotated = await startTestApp({ STEPWISE_ENCRYPTION_KEYS: next }, t.db);
    try {
      const client = rotated.client(aliceHeaders);
      expect((await client.executions.get.query({ id: written.runId! })).data.budget).toEqual(answers);
      expect((await client.ai.calls.query({ executionId: written.adviceRunId! }))[0]!.prompt).toContain('64022.5');
      const chat = await fetch(`${rotated.url}/api/chats/${written.chatId}`, { headers: aliceHeaders });
      expect(JSON.stringify(await chat.json())).toContain('91827');
    } finally {
      await rotated.stop();
    }
  });
});
