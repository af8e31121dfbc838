import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { formStep, workflow } from '@stepwise/engine/testing';
import { describeError, runTool } from '@stepwise/server/tool';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './auth-helpers';
import { saveWorkflow, startTestApp, type TestApp } from './harness';
import { testEnv } from '../env';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let t: TestApp;
let env: Record<string, string>;
let workflowId: string;
let runIds: string[];

beforeAll(async () => {
  t = await startTestApp();
  const alice = t.client((await signUp(t.url, 'alice@example.com', 'correct horse battery')).headers);
  const { token } = await alice.auth.createApiToken.mutate({ name: 'tool test' });
  env = { STEPWISE_URL: t.url, STEPWISE_TOKEN: token };
  const me = (await alice.auth.me.query())!;
  ({ workflowId } = await saveWorkflow(t, me.id, workflow([formStep('ask', { n: { type: 'number' } }, ['n'])], { name: 'Ask a number' })));
  runIds = [];
  for (let i = 0; i < 3; i++) runIds.push((await alice.executions.start.mutate({ workflowId })).id);
});
afterAll(async () => t?.stop());

async function tool(args: string[], extraEnv: Record<string, string> = env) {
  let text = '';
  const code = await runTool(args, (t) => (text += `${t}\n`), extraEnv).catch((e) => ((text += describeError(e)), 1));
  return { code, text };
}

describe('npm run tool', () => {
  it('lists executions as a table and as JSON, filtered by status', async () => {
    const { code, text } = await tool(['executions', 'list', '--status', 'waiting_for_input']);
    expect(code).toBe(0);
    expect(text.split('\n')[0]).toMatch(/^id\s+status\s+workflowName/);
    for (const id of runIds) expect(text).toContain(id);
    const json = JSON.parse((await tool(['executions', 'list', '--json'])).text) as { id: string }[];
    expect(json.map((r) => r.id).sort()).toEqual([...runIds].sort());
    expect((await tool(['executions', 'list', '--status', 'failed'])).text.trim()).toBe('(none)');
  });

  it('cancels an execution and exports a workflow', async () => {
    const { code, text } = await tool(['executions', 'cancel', runIds[0]!]);
    expect(code).toBe(0);
    expect(text).toContain('is cancelled');
    const exported = JSON.parse((await tool(['workflows', 'export', workflowId])).text);
    expect(exported).toMatchObject({ name: 'Ask a number', steps: [{ id: 'ask' }] });
  });

  it('says in plain words what is wrong', async () => {
    expect((await tool(['executions', 'list', '--status', 'nope'])).text).toContain('--status must be one of');
    expect((await tool(['executions', 'cancel', '00000000-0000-4000-8000-000000000000'])).text).toMatch(/NOT_FOUND/);
    expect((await tool(['executions', 'list'], { ...env, STEPWISE_TOKEN: 'sw_wrong' })).text).toContain('API token was not accepted');
    expect((await tool(['executions', 'list'], { ...env, STEPWISE_URL: 'http://127.0.0.1:9' })).text).toContain('Could not reach the server');
    expect((await tool(['executions', 'list'], { STEPWISE_URL: t.url })).text).toContain('STEPWISE_TOKEN');
  });

  it('runs as `npm run tool` from the repository root', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'tool', '--', 'executions', 'list', '--json'], {
      cwd: repoRoot,
      env: { ...testEnv.inherited(), ...env },
    });
    expect((JSON.parse(stdout) as unknown[]).length).toBe(3);
  });
});
