import type { LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { generateText, type ModelMessage, stepCountIs, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { valuesFromText } from './chat-values';
import { createBuiltinModel } from './model';

/** The chat tools as the server declares them (names and inputs); no execute: the test reads the calls. */
const executionId = z.string();
const stepId = z.string();
const serverTools = {
  list_templates: tool({ inputSchema: z.object({ category: z.string().optional() }) }),
  generate_workflow: tool({ inputSchema: z.object({ goal: z.string().min(1) }) }),
  start_workflow: tool({ inputSchema: z.object({ workflowId: z.string(), input: z.record(z.string(), z.unknown()).optional() }) }),
  get_status: tool({ inputSchema: z.object({ executionId }) }),
  submit_step_input: tool({ inputSchema: z.object({ executionId, stepId, data: z.record(z.string(), z.unknown()) }) }),
  accept_step: tool({ inputSchema: z.object({ executionId, stepId }) }),
  reject_step: tool({ inputSchema: z.object({ executionId, stepId, feedback: z.string() }) }),
  pause_workflow: tool({ inputSchema: z.object({ executionId }) }),
  resume_workflow: tool({ inputSchema: z.object({ executionId }) }),
  cancel_workflow: tool({ inputSchema: z.object({ executionId }) }),
  explain_step: tool({ inputSchema: z.object({ executionId, stepId }) }),
};

const WF = '11111111-1111-4111-8111-111111111111';
const RUN = '22222222-2222-4222-8222-222222222222';
const GOAL = 'Help me plan my monthly budget: ask for my income, expenses and savings goal, then if the surplus is under 500 warn me';

const plan = {
  workflowId: WF,
  version: 1,
  name: 'Monthly budget',
  steps: [
    { id: 'details', name: 'Your details', type: 'data_collection', dependencies: [] },
    { id: 'surplus', name: 'Monthly surplus', type: 'calculation', dependencies: ['details'] },
  ],
};
const form = {
  schema: {
    type: 'object',
    properties: {
      income: { title: 'Monthly income', type: 'number' },
      expenses: { title: 'Monthly expenses', type: 'number' },
      savings_goal: { title: 'Monthly savings goal', type: 'number' },
      notes: { title: 'Notes', type: 'string' },
    },
  },
};
const run = (status: string, steps: object[]) => ({ id: RUN, workflowName: 'Monthly budget', status, steps });
const waitingForm = run('waiting_for_input', [
  { stepId: 'details', name: 'Your details', type: 'data_collection', status: 'waiting', waitingFor: 'input', output: form },
  { stepId: 'surplus', name: 'Monthly surplus', type: 'calculation', status: 'pending', waitingFor: null, output: null },
]);
const waitingReview = run('waiting_for_review', [
  { stepId: 'details', type: 'data_collection', status: 'completed', waitingFor: null, output: { income: 1 } },
  { stepId: 'advice', name: 'Advice', type: 'ai_generated', status: 'waiting', waitingFor: 'review', output: { summary: 'Save more.' } },
]);

let n = 0;
/** A finished tool call and its result, as earlier turns leave them in the history. */
function exchange(toolName: string, input: object, output: unknown): ModelMessage[] {
  const toolCallId = `c${++n}`;
  return [
    { role: 'assistant', content: [{ type: 'tool-call', toolCallId, toolName, input }] },
    { role: 'tool', content: [{ type: 'tool-result', toolCallId, toolName, output: { type: 'json', value: output as never } }] },
  ];
}
const user = (text: string): ModelMessage => ({ role: 'user', content: text });
const history = (...steps: ModelMessage[][]) => steps.flat();
const afterPlan = history([user(GOAL)], exchange('generate_workflow', { goal: GOAL }, plan), [{ role: 'assistant', content: 'Here is the plan.' }]);
const afterStart = history(afterPlan, [user('start it')], exchange('start_workflow', { workflowId: WF }, waitingForm));

async function firstCall(messages: ModelMessage[], tools: Partial<typeof serverTools> = serverTools) {
  const result = await generateText({ model: createBuiltinModel(), messages, tools });
  return { call: result.toolCalls[0] ? { toolName: result.toolCalls[0].toolName, input: result.toolCalls[0].input } : null, text: result.text };
}

describe('built-in model: chat intents become tool calls', () => {
  it.each([
    ['a goal', [user(GOAL)], 'generate_workflow', { goal: GOAL }],
    ['"build a workflow for" a goal', [user('Build a workflow for my retirement savings')], 'generate_workflow', { goal: 'Build a workflow for my retirement savings' }],
    ['"show me the templates"', [user('show me the templates')], 'list_templates', {}],
    ['"start it" after a plan', [...afterPlan, user('start it')], 'start_workflow', { workflowId: WF }],
    ['"run it" after a plan', [...afterPlan, user('ok, run it please')], 'start_workflow', { workflowId: WF }],
    ['"what\'s the status?"', [...afterStart, user("what's the status?")], 'get_status', { executionId: RUN }],
    ['"pause it"', [...afterStart, user('pause it')], 'pause_workflow', { executionId: RUN }],
    ['"cancel it"', [...afterStart, user('cancel it')], 'cancel_workflow', { executionId: RUN }],
    ['"explain this step"', [...afterStart, user('why is it waiting?')], 'explain_step', { executionId: RUN, stepId: 'details' }],
    [
      'values "income 5000, expenses 3200"',
      [...afterStart, user('income 5000, expenses 3200 and savings goal 300')],
      'submit_step_input',
      { executionId: RUN, stepId: 'details', data: { income: 5000, expenses: 3200, savings_goal: 300 } },
    ],
    [
      'values "my income is 5k"',
      [...afterStart, user('my income is 5k, my expenses are $1,200.50')],
      'submit_step_input',
      { executionId: RUN, stepId: 'details', data: { income: 5000, expenses: 1200.5 } },
    ],
  ] as const)('%s', async (_name, messages, toolName, input) => {
    expect((await firstCall([...messages])).call).toEqual({ toolName, input });
  });

  it('resumes a paused run', async () => {
    const paused = history(afterStart, [user('pause it')], exchange('pause_workflow', { executionId: RUN }, { ...waitingForm, status: 'paused' }));
    expect((await firstCall([...paused, user('resume it')])).call).toEqual({ toolName: 'resume_workflow', input: { executionId: RUN } });
  });

  it('accepts or rejects (with the rest of the sentence as feedback) the step waiting for review', async () => {
    const reviewing = history(afterPlan, [user('start it')], exchange('start_workflow', { workflowId: WF }, waitingReview));
    expect((await firstCall([...reviewing, user('looks good')])).call).toEqual({ toolName: 'accept_step', input: { executionId: RUN, stepId: 'advice' } });
    expect((await firstCall([...reviewing, user('reject it: make it shorter and mention my rent')])).call).toEqual({
      toolName: 'reject_step',
      input: { executionId: RUN, stepId: 'advice', feedback: 'make it shorter and mention my rent' },
    });
  });

  it('looks the run up first when it moved on since the last result, then accepts the step now in review', async () => {
    const running = run('running', [{ stepId: 'advice', name: 'Advice', type: 'ai_generated', status: 'running', waitingFor: null, output: null }]);
    const before = history(afterPlan, [user('start it')], exchange('start_workflow', { workflowId: WF }, running), [user('looks good, accept it')]);
    expect((await firstCall(before)).call).toEqual({ toolName: 'get_status', input: { executionId: RUN } });
    const looked = [...before, ...exchange('get_status', { executionId: RUN }, waitingReview)];
    expect((await firstCall(looked)).call).toEqual({ toolName: 'accept_step', input: { executionId: RUN, stepId: 'advice' } });
    const accepted = [...looked, ...exchange('accept_step', { executionId: RUN, stepId: 'advice' }, { ...waitingReview, status: 'completed' })];
    const answer = await firstCall(accepted);
    expect(answer.call).toBeNull();
    expect(answer.text).toBe('Your "Monthly budget" run is complete (1 of 2 steps done).');
  });

  it('"build it" builds the goal the user described earlier', async () => {
    const goal = 'ask for my income and expenses, then if the surplus is under 500 warn me';
    const messages: ModelMessage[] = [user(goal), { role: 'assistant', content: 'Say "build it".' }, user('build it')];
    expect((await firstCall(messages)).call).toEqual({ toolName: 'generate_workflow', input: { goal } });
  });

  it('only calls tools it was given, and answers unclear words with what it can do', async () => {
    const { call, text } = await firstCall([user(GOAL)], { list_templates: serverTools.list_templates });
    expect(call).toBeNull();
    expect(text).toMatch(/I can build a workflow/);
    const unclear = await firstCall([user('purple monkey dishwasher')]);
    expect(unclear.call).toBeNull();
    expect(unclear.text).toMatch(/list the templates.*start a workflow/);
  });

  it('asks which workflow to start when none was built', async () => {
    const { call, text } = await firstCall([user('start it')]);
    expect(call).toBeNull();
    expect(text).toMatch(/Which workflow/);
  });
});

describe('built-in model: after a tool result it answers in words', () => {
  it('runs a full turn: tool call, result, then a streamed summary of the plan', async () => {
    const result = streamText({
      model: createBuiltinModel(),
      messages: [user(GOAL)],
      tools: { ...serverTools, generate_workflow: tool({ inputSchema: z.object({ goal: z.string() }), execute: async () => plan }) },
      stopWhen: stepCountIs(5),
    });
    const chunks: string[] = [];
    for await (const chunk of result.textStream) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(5);
    const steps = await result.steps;
    expect(steps).toHaveLength(2);
    expect(steps[0]!.toolCalls.map((c) => c.toolName)).toEqual(['generate_workflow']);
    expect(chunks.join('')).toMatch(/"Monthly budget" with 2 steps:\n1\. Your details \(data collection\)\n2\. Monthly surplus \(calculation\)/);
    expect(chunks.join('')).toContain('start it');
  });

  it('says what a waiting run needs, and explains errors plainly', async () => {
    const waiting = await generateText({ model: createBuiltinModel(), messages: afterStart, tools: serverTools });
    expect(waiting.toolCalls).toEqual([]);
    expect(waiting.text).toMatch(/Your "Monthly budget" run is waiting for your monthly income, monthly expenses, monthly savings goal and notes/);

    const failed = history(afterStart, [user('income 5')], exchange('submit_step_input', {}, { error: 'Some answers need fixing', fieldErrors: { expenses: ['is required'] } }));
    const text = (await generateText({ model: createBuiltinModel(), messages: failed, tools: serverTools })).text;
    expect(text).toBe('That did not work: Some answers need fixing. Please check expenses: is required.');
  });

  it('streams a tool call as input deltas, the whole call, then a tool-calls finish', async () => {
    const tools = [{ type: 'function' as const, name: 'generate_workflow', inputSchema: { type: 'object' as const } }];
    const { stream } = await createBuiltinModel().doStream({ prompt: [{ role: 'user', content: [{ type: 'text', text: GOAL }] }], tools });
    const parts: LanguageModelV3StreamPart[] = [];
    const reader = stream.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
    const types = parts.map((p) => p.type).filter((t) => t !== 'tool-input-delta');
    expect(types).toEqual(['stream-start', 'response-metadata', 'tool-input-start', 'tool-input-end', 'tool-call', 'finish']);
    const deltas = parts.flatMap((p) => (p.type === 'tool-input-delta' ? [p.delta] : []));
    const call = parts.find((p) => p.type === 'tool-call')!;
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe(call.input);
    expect(JSON.parse(call.input)).toEqual({ goal: GOAL });
    expect(parts.at(-1)).toMatchObject({ finishReason: { unified: 'tool-calls', raw: 'tool_calls' } });
  });
});

describe('valuesFromText', () => {
  const properties = form.schema.properties;
  it.each([
    ['income 5000, expenses 3200', { income: 5000, expenses: 3200 }],
    ['my income is 5k', { income: 5000 }],
    ['expenses: 1,200 and income 4.5k', { income: 4500, expenses: 1200 }],
    ['3000, 2800, 300', { income: 3000, expenses: 2800, savings_goal: 300 }],
    ['savings goal 250; notes: rent goes up in May', { savings_goal: 250, notes: 'rent goes up in May' }],
    ['hello', {}],
    ['Start workflow 36a471d5-27d8-4256-9433-b81f2bce1a48', {}],
  ])('%s', (text, expected) => {
    expect(valuesFromText(text, properties)).toEqual(expected);
  });

  it('answers a lone yes/no question from "yes" or "no"', () => {
    const confirm = { acknowledged: { type: 'boolean', title: 'I have read this warning' } };
    expect(valuesFromText('yes, got it', confirm)).toEqual({ acknowledged: true });
    expect(valuesFromText('no', confirm)).toEqual({ acknowledged: false });
  });
});
