import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgStore } from '../pg-store';
import { insertDefinition, insertUser, sampleRun, stepAttempt } from '../testing/fixtures';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { listAiStepExecutions, PgResponseCache, recordAiStepExecution, recordGeneration } from './ai';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

async function runWithStep(stepId: string, attempt: number) {
  const userId = await insertUser(db.pool);
  const workflowId = await insertDefinition(db.pool);
  const run = sampleRun({ workflowId, userId, steps: [stepAttempt(stepId, attempt, { status: 'running' })] });
  await new PgStore(db.pool).createRun(run);
  return { run, userId, workflowId };
}

const call = { model: 'openai:gpt-4o-mini', prompt: 'p', response: '{"a":1}', totalTokens: 150, latencyMs: 42, cached: false, costUsd: '0.0012' };

describe('AI step calls', () => {
  it('records a call against its step attempt and lists it with tokens and cost', async () => {
    const { run } = await runWithStep('review', 2);
    const id = await recordAiStepExecution(db.pool, { runId: run.id, stepId: 'review', attempt: 2, ...call });
    expect(id).toEqual(expect.any(String));
    await recordAiStepExecution(db.pool, { runId: run.id, stepId: 'review', attempt: 2, ...call, totalTokens: 0, costUsd: '0', cached: true });
    const rows = await listAiStepExecutions(db.pool, run.id);
    expect(rows.map((r) => [r.stepId, r.attempt, r.model, r.tokensUsed, r.costUsd, r.latencyMs, r.cached])).toEqual([
      ['review', 2, 'openai:gpt-4o-mini', 150, '0.0012', 42, false],
      ['review', 2, 'openai:gpt-4o-mini', 0, '0.0000', 42, true],
    ]);
  });

  it('writes nothing when the step attempt does not exist', async () => {
    const { run } = await runWithStep('review', 1);
    expect(await recordAiStepExecution(db.pool, { runId: run.id, stepId: 'review', attempt: 9, ...call })).toBeNull();
    expect(await listAiStepExecutions(db.pool, run.id)).toEqual([]);
  });
});

describe('workflow generations', () => {
  it('records successes with the saved version and failures with the error', async () => {
    const userId = await insertUser(db.pool);
    const workflowId = await insertDefinition(db.pool);
    const base = { userId, requirements: { goal: 'budget' }, model: 'builtin', generationTimeMs: 12.6 };
    await recordGeneration(db.pool, { ...base, generatedWorkflowId: workflowId, success: true, errorMessage: null });
    await recordGeneration(db.pool, { ...base, generatedWorkflowId: null, success: false, errorMessage: 'cycle' });
    const { rows } = await db.pool.query(
      'select requirements, generated_workflow_id, ai_model, generation_time_ms, success, error_message from ai_workflow_generations where user_id = $1 order by success desc',
      [userId],
    );
    expect(rows).toEqual([
      { requirements: { goal: 'budget' }, generated_workflow_id: workflowId, ai_model: 'builtin', generation_time_ms: 13, success: true, error_message: null },
      { requirements: { goal: 'budget' }, generated_workflow_id: null, ai_model: 'builtin', generation_time_ms: 13, success: false, error_message: 'cycle' },
    ]);
  });
});

describe('PgResponseCache', () => {
  it('returns what was set, upserts, and reads expired entries as misses', async () => {
    const cache = new PgResponseCache(db.pool, 'builtin');
    expect(await cache.get('k1')).toBeNull();
    await cache.set('k1', 'first', 60_000);
    await cache.set('k1', 'second', 60_000);
    expect(await cache.get('k1')).toBe('second');
    await cache.set('k2', 'old', 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(await cache.get('k2')).toBeNull();
    expect(await cache.sweep()).toBeGreaterThanOrEqual(1);
    expect(await cache.get('k1')).toBe('second');
  });
});
