import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { jsonModel, workflow } from '@stepwise/engine/testing';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../api/auth-helpers';
import { saveWorkflow, startTestApp, type TestApp } from '../api/harness';

const REDIS_URL = 'redis://127.0.0.1:6379';
const hasRedis = await new Promise<boolean>((resolve) => {
  const socket = connect(6379, '127.0.0.1', () => (socket.end(), resolve(true)));
  socket.on('error', () => resolve(false));
});
if (!hasRedis) console.warn('cache-redis: skipped, no Redis answers at 127.0.0.1:6379');

const model = jsonModel((prompt) => ({ tip: `Automate a transfer on payday (${/savings [0-9a-f-]{36}/.exec(prompt)?.[0]})` }));
let t: TestApp;
beforeAll(async () => {
  if (hasRedis) t = await startTestApp({ REDIS_URL }, undefined, { model: model.model });
});
afterAll(async () => t?.stop());

describe('the AI response cache with REDIS_URL', () => {
  it.skipIf(!hasRedis)('serves a repeated prompt from Redis: one model call, the answer stored under stepwise:ai:', async () => {
    const me = await signUp(t.url);
    const { id: workflowId, definition } = await saveWorkflow(
      t,
      me.user.id,
      workflow([
        {
          id: 'tip',
          type: 'ai_generated',
          ai_prompt: 'One tip about {{input.topic}}.',
          config: { output_schema: { type: 'object', properties: { tip: { type: 'string' } }, required: ['tip'] }, auto_accept: true },
        },
      ]),
    );
    const topic = `savings ${randomUUID()}`; // a prompt no earlier run has cached
    const before = model.prompts.length;
    for (let i = 0; i < 2; i++) {
      await t.app.engine.start({ workflowId, definition, userId: me.user.id, sessionId: 's', input: { topic } });
      await t.app.engine.idle();
    }
    expect(model.prompts.length - before).toBe(1);
    const { rows } = await t.db.pool.query('select count(*)::int as n from ai_response_cache');
    expect(rows[0].n).toBe(0); // not PostgreSQL: Redis holds it
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    try {
      const keys = await redis.keys('stepwise:ai:*');
      const values = await Promise.all(keys.map((k) => redis.get(k)));
      expect(values.filter((v) => v?.includes(topic))).toHaveLength(1);
    } finally {
      await redis.quit();
    }
  });
});
