import { ConflictError, createDefaultRegistry, validateDefinition, WorkflowEngine } from '@stepwise/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgStore } from './pg-store';
import { insertUser } from './testing/fixtures';
import { createTestDatabase, type TestDatabase } from './testing/test-database';

// The real engine driving runs through PgStore: what the server will do.
let db: TestDatabase;
let userId: string;
const registry = createDefaultRegistry();
const definition = validateDefinition(
  {
    id: 'budget-check',
    name: 'Budget check',
    category: 'test',
    steps: [
      {
        id: 'budget',
        name: 'Budget',
        type: 'data_collection',
        config: {
          schema: {
            type: 'object',
            properties: { income: { type: 'number', minimum: 0 }, expenses: { type: 'number', minimum: 0 } },
            required: ['income', 'expenses'],
          },
        },
      },
      {
        id: 'surplus',
        name: 'Surplus',
        type: 'calculation',
        dependencies: ['budget'],
        config: { formula: 'monthly_surplus', inputs: { income: 'budget.income', expenses: 'budget.expenses' } },
      },
    ],
    entry_points: ['budget'],
    exit_points: ['surplus'],
  },
  registry,
);

beforeAll(async () => {
  db = await createTestDatabase();
  userId = await insertUser(db.pool);
});
afterAll(() => db?.drop());

async function start(engine: WorkflowEngine) {
  const { rows } = await db.pool.query<{ id: string }>(
    `insert into workflow_definitions (workflow_id, version, name, category, definition)
     values (gen_random_uuid(), 1, $1, $2, $3::jsonb) returning id`,
    [definition.name, definition.category, JSON.stringify(definition)],
  );
  return engine.start({ workflowId: rows[0]!.id, definition, userId, sessionId: 's1' });
}

describe('WorkflowEngine on PgStore', () => {
  it('waits for a form, then completes; a second engine reads the same state', async () => {
    const engine = new WorkflowEngine({ store: new PgStore(db.pool), registry });
    const run = await start(engine);
    expect(run.status).toBe('waiting_for_input');
    const done = await engine.submitInput(run.id, 'budget', { income: 4000, expenses: 3100.5 });
    expect(done.status).toBe('completed');

    const fresh = await new PgStore(db.pool).loadRun(run.id);
    expect(fresh).toEqual(done);
    expect(fresh!.context.data.surplus).toMatchObject({ surplus: 899.5 });
  });

  it('20 concurrent submits on one waiting step: exactly one applies', async () => {
    const engine = new WorkflowEngine({ store: new PgStore(db.pool), registry });
    const run = await start(engine);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => engine.submitInput(run.id, 'budget', { income: 1000 + i, expenses: 1 })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError);
    const { rows } = await db.pool.query(
      `select count(*)::int as n from workflow_step_executions where execution_id = $1 and step_id = 'budget' and status = 'completed'`,
      [run.id],
    );
    expect(rows[0].n).toBe(1);
  });
});
