import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../api/auth-helpers';
import { askThenGrow, saveWorkflow, startTestApp, type TestApp } from '../api/harness';
import { chatClient, chunkOf, userMessage } from '../ai/chat-client';
import { scriptedModel, text, toolCall } from '../ai/scripted-model';

const { model, scripts } = scriptedModel();
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ MAX_ACTIVE_RUNS_PER_USER: '1' }, undefined, { model });
});
afterAll(async () => t?.stop());

describe('the active-run cap in the chat', () => {
  it('start_workflow past MAX_ACTIVE_RUNS_PER_USER answers the model with the limit, and starts nothing', async () => {
    const me = await signUp(t.url);
    const { workflowId } = await saveWorkflow(t, me.user.id, askThenGrow());
    await t.client(me.headers).executions.start.mutate({ workflowId });

    scripts.push(toolCall('start_workflow', { workflowId }, 'call-start'), text('You have too many runs.'));
    const { chunks } = await chatClient(t.url).chat(me, { id: randomUUID(), messages: [userMessage('start it again')] });
    expect(chunkOf(chunks, 'tool-output-available')).toMatchObject({
      toolCallId: 'call-start',
      output: { error: 'You already have 1 run in progress (the most allowed at once); finish or cancel one before starting another' },
    });
    const { rows } = await t.db.pool.query<{ n: number }>(`select count(*)::int as n from workflow_executions where user_id = $1`, [me.user.id]);
    expect(rows[0]!.n).toBe(1);
  });
});
