import { createTestDatabase, PgStore, saveDefinitionVersion, type TestDatabase } from '@stepwise/db';
import { WorkflowEngine, createDefaultRegistry } from '@stepwise/engine';
import { formStep, workflow } from '@stepwise/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let db: TestDatabase;
beforeAll(async () => (db = await createTestDatabase()));
afterAll(async () => db?.drop());

describe('definition versions', () => {
  it('a run keeps the version it started with after the workflow is edited', async () => {
    const orm = await db.orm();
    const registry = createDefaultRegistry();
    const engine = new WorkflowEngine({ store: new PgStore(db.pool), registry });
    const v1Def = engine.validate(workflow([formStep('ask', { amount: { type: 'number' } }, ['amount'])], { name: 'Savings' }));
    const v1 = await saveDefinitionVersion(orm.em.fork(), { ownerId: null, definition: v1Def });
    const run = await engine.start({ workflowId: v1.id, definition: v1Def, userId: await user(), sessionId: 's' });

    const v2Def = engine.validate(
      workflow([formStep('ask', { amount: { type: 'number' }, note: { type: 'string' } }, ['amount', 'note'])], { name: 'Savings' }),
    );
    const v2 = await saveDefinitionVersion(orm.em.fork(), { workflowId: v1.workflowId, ownerId: null, definition: v2Def });
    expect(v2.version).toBe(v1.version + 1);

    // A fresh store (no cache) reads the run's own version back.
    const reloaded = await new PgStore(db.pool).loadRun(run.id);
    expect(Object.keys((reloaded!.definition.steps[0]!.config.schema as { properties: object }).properties)).toEqual(['amount']);
    const done = await new WorkflowEngine({ store: new PgStore(db.pool), registry }).submitInput(run.id, 'ask', { amount: 5 });
    expect(done.status).toBe('completed');
    const { rows } = await db.pool.query('select version, is_latest from workflow_definitions where workflow_id = $1 order by version', [v1.workflowId]);
    expect(rows).toEqual([
      { version: 1, is_latest: false },
      { version: 2, is_latest: true },
    ]);
  });
});

async function user(): Promise<string> {
  const { rows } = await db.pool.query(`insert into users (email) values ('v@example.com') returning id`);
  return rows[0].id;
}
