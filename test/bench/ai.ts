import { randomUUID } from 'node:crypto';
import { createBuiltinModel } from '@stepwise/engine';
import { workflow } from '@stepwise/engine/testing';
import { streamText } from 'ai';
import { signUp } from '../api/auth-helpers';
import { saveWorkflow } from '../api/harness';
import { startBenchApp } from './bench-app';
import { percentile, print } from './workloads';

const RUNS = 60;

/**
 * chat.first_token_ms_p50: POST /api/chat to the first streamed text token with the built-in model,
 * against the model's own stream in the same run; ai.cache_hit_ratio on a run that repeats prompts.
 */
export async function benchAi(): Promise<void> {
  const bench = await startBenchApp();
  const { db, app } = bench;
  try {
    const me = await signUp(app.url);
    const prompt = 'Hello, what can you do for me?';

    const modelFirst: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const result = streamText({ model: createBuiltinModel(), prompt });
      for await (const _ of result.textStream) {
        modelFirst.push(performance.now() - t0);
        break;
      }
    }

    const chatFirst: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const res = await fetch(`${app.url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...me.headers },
        body: JSON.stringify({ id: randomUUID(), messages: [{ id: randomUUID(), role: 'user', parts: [{ type: 'text', text: prompt }] }] }),
      });
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let buffered = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += decoder.decode(value, { stream: true });
        if (buffered.includes('"type":"text-delta"')) {
          chatFirst.push(performance.now() - t0);
          break;
        }
      }
      await reader.cancel();
    }
    const base = { name: 'model.first_token_ms_p50', value: percentile(modelFirst, 50), unit: 'ms' };
    print({ name: 'chat.first_token_ms_p50', value: percentile(chatFirst, 50), unit: 'ms', baseline: base, ratio: percentile(chatFirst, 50) / base.value });

    // The same AI step prompt 20 times: the first call asks the model, the rest come from the cache.
    const { definition, ...saved } = await saveWorkflow(
      bench,
      me.user.id,
      workflow([
        {
          id: 'tip',
          type: 'ai_generated',
          ai_prompt: 'One savings tip for a surplus of {{input.surplus}}.',
          config: { output_schema: { type: 'object', properties: { tip: { type: 'string' } }, required: ['tip'] }, auto_accept: true },
        },
      ]),
    );
    for (let i = 0; i < 20; i++) {
      await app.engine.start({ workflowId: saved.id, definition, userId: me.user.id, sessionId: 'bench', input: { surplus: 1800 } });
      await app.engine.idle();
    }
    await new Promise((r) => setTimeout(r, 200)); // recording is asynchronous
    const { rows } = await db.pool.query<{ total: number; hits: number }>(
      `select count(*)::int as total, count(*) filter (where cached)::int as hits from ai_step_executions`,
    );
    const { total, hits } = rows[0]!;
    print({ name: 'ai.cache_hit_ratio', value: total ? hits / total : 0, unit: 'ratio', note: `${hits} of ${total} calls served from the cache` });
  } finally {
    await bench.close();
  }
}
