import type { UIMessage } from 'ai';
import { describe, expect, it } from 'vitest';
import { latestRunMention } from './run-mentions';

const RUN_A = '00000000-0000-4000-8000-00000000000a';
const RUN_B = '00000000-0000-4000-8000-00000000000b';
const runView = (id: string) => ({ id, status: 'waiting_for_input', steps: [] });

const assistant = (id: string, parts: unknown[]): UIMessage => ({ id, role: 'assistant', parts: parts as UIMessage['parts'] });
const user = (id: string, text: string): UIMessage => ({ id, role: 'user', parts: [{ type: 'text', text }] });

describe('which tool call shows the run in full', () => {
  it('is the newest settled one that names a run, by its output or its input', () => {
    const messages = [
      user('u1', 'start it'),
      assistant('a1', [{ type: 'tool-start_workflow', toolCallId: 'c1', state: 'output-available', input: {}, output: runView(RUN_A) }]),
      user('u2', 'income 5000'),
      assistant('a2', [
        { type: 'tool-submit_step_input', toolCallId: 'c2', state: 'output-available', input: { executionId: RUN_A }, output: { error: 'bad values' } },
        { type: 'text', text: 'That did not work.' },
      ]),
    ];
    expect(latestRunMention(messages)).toEqual({ runId: RUN_A, toolCallId: 'c2' });
  });

  it('ignores calls still in flight and tools that name no run', () => {
    const messages = [
      assistant('a1', [{ type: 'tool-get_status', toolCallId: 'c1', state: 'output-available', input: { executionId: RUN_B }, output: runView(RUN_B) }]),
      assistant('a2', [
        { type: 'tool-generate_workflow', toolCallId: 'c2', state: 'output-available', input: { goal: 'x' }, output: { workflowId: 'w', name: 'W', steps: [] } },
        { type: 'tool-pause_workflow', toolCallId: 'c3', state: 'input-available', input: { executionId: RUN_A } },
      ]),
    ];
    expect(latestRunMention(messages)).toEqual({ runId: RUN_B, toolCallId: 'c1' });
  });

  it('is none in a thread without runs', () => {
    expect(latestRunMention([user('u1', 'hello')])).toBeNull();
  });
});
