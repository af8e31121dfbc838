import { describe, expect, it } from 'vitest';
import { createDefaultRegistry } from './default-registry';
import { type Dispatcher, WorkflowEngine } from './engine';
import { MemoryStore } from './memory-store';
import { formStep, jsonModel, workflow } from './testing';
import { validateDefinition } from './validate-definition';

/**
 * Two "processes" on one store: the web process queues every start and action; the worker takes
 * the jobs. The queue here is an array; the server's is pg-boss.
 */
function twoProcesses(options: { lose?: boolean } = {}) {
  const store = new MemoryStore();
  // Who held the run after each commit: the web process must never have.
  const holders: (string | null)[] = [];
  const commit = store.commit.bind(store);
  store.commit = (change) => (holders.push(change.run.leaseOwner), commit(change));
  const registry = createDefaultRegistry();
  const { model, prompts } = jsonModel(() => ({ tip: 'Spend less on dining out.' }));
  let clock = new Date('2026-01-01T00:00:00Z');
  const now = () => clock;
  const queued: string[] = [];
  const worker = new WorkflowEngine({ store, registry, model, owner: 'worker', leaseMs: 10_000, now });
  const dispatcher: Dispatcher = {
    async dispatch(runId) {
      queued.push(runId);
      if (!options.lose) await worker.advance(runId);
    },
  };
  const web = new WorkflowEngine({ store, registry, model, owner: 'web', leaseMs: 10_000, now, dispatcher });
  const definition = validateDefinition(
    workflow([
      formStep('income', { monthly: { type: 'number' } }, ['monthly']),
      {
        id: 'grow',
        type: 'calculation',
        dependencies: ['income'],
        config: { formula: 'compound_growth', inputs: { principal: 'income.monthly', annual_rate_pct: '0.0', years: '1' } },
      },
      {
        id: 'tip',
        type: 'ai_generated',
        dependencies: ['grow'],
        ai_prompt: 'Saved in a year: {{grow.future_value}}. One tip.',
        config: { auto_accept: true, cache_ttl_ms: 0, output_schema: { type: 'object', properties: { tip: { type: 'string' } }, required: ['tip'] } },
      },
    ]),
    registry,
  );
  const start = () => web.start({ workflowId: 'w', definition, userId: 'u', sessionId: 's' });
  const advanceClock = (ms: number) => (clock = new Date(clock.getTime() + ms));
  return { store, web, worker, queued, prompts, holders, start, advanceClock };
}

describe('runs handed to a queue', () => {
  it('a start and an answer are queued; the process that takes the job drives the run, the one that queued it never does', async () => {
    const { store, web, worker, queued, holders, start } = twoProcesses();
    const started = await start();
    expect(started.status).toBe('waiting_for_input'); // where the worker left it, not "pending"
    expect(queued).toEqual([started.id]);

    const answered = await web.submitInput(started.id, 'income', { monthly: 2500 });
    expect(queued).toEqual([started.id, started.id]);
    // The calculation ran in the same job as the answer; the AI step runs on in the worker.
    expect(answered.steps.grow).toMatchObject({ status: 'completed', output: { future_value: 2500 } });
    await worker.idle();
    const done = (await store.loadRun(started.id))!;
    expect(done.status).toBe('completed');
    expect(done.steps.tip).toMatchObject({ status: 'completed', attempt: 1 });
    expect(holders).toContain('worker');
    expect(holders).not.toContain('web');
  });

  it('a lost job is picked up by recovery once the unclaimed lease runs out, and steps run once', async () => {
    const { store, worker, start, advanceClock, prompts } = twoProcesses({ lose: true });
    const started = await start();
    expect(started.status).toBe('pending');
    expect(started.leaseOwner).toBeNull();
    expect(await worker.recover()).toBe(0); // the queue may still deliver it: not yet
    advanceClock(10_001);
    expect(await worker.recover()).toBe(1);
    expect((await store.loadRun(started.id))!.status).toBe('waiting_for_input');
    expect(prompts).toHaveLength(0);
  });

  it('advance leaves a run alone while a live process holds it', async () => {
    const { store, worker, start } = twoProcesses({ lose: true });
    const started = await start();
    const other = (await store.loadRun(started.id))!;
    await store.commit({
      runId: other.id,
      expectedVersion: other.version,
      run: { ...other, leaseOwner: 'another-process', leaseExpiresAt: new Date('2026-01-01T00:00:09Z') },
      steps: [],
    });
    expect(await worker.advance(started.id)).toBe(false);
    expect((await store.loadRun(started.id))!).toMatchObject({ status: 'pending', leaseOwner: 'another-process' });
  });
});
