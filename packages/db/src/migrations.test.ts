import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { migrateDatabase, migrateUp, type Orm } from './orm';
import { createTestDatabase, type TestDatabase } from './testing/test-database';

let db: TestDatabase;
let orm: Orm;

beforeAll(async () => {
  db = await createTestDatabase({ empty: true });
  orm = await db.orm();
});
afterAll(() => db?.drop());

const tables = async () =>
  (await db.pool.query<{ t: string }>(`select tablename as t from pg_tables where schemaname = 'public' order by 1`)).rows.map((r) => r.t);

describe('migrations', () => {
  it('apply on an empty database and create every entity table', async () => {
    expect(await tables()).toEqual([]);
    expect(await migrateUp(orm)).toEqual(MIGRATIONS.map((m) => m.name));
    const expected = ENTITIES.map((e) => orm.getMetadata().get(e.meta.className).tableName);
    expect(await tables()).toEqual([...expected, 'mikro_orm_migrations'].sort());
    expect(await migrateUp(orm)).toEqual([]); // idempotent
  });

  it('four processes starting on one fresh database at once: one applies them, the others find nothing to do', async () => {
    const fresh = await createTestDatabase({ empty: true });
    try {
      const results = await Promise.all(Array.from({ length: 4 }, () => migrateDatabase(fresh.url)));
      expect(results.filter((names) => names.length > 0)).toEqual([MIGRATIONS.map((m) => m.name)]);
    } finally {
      await fresh.drop();
    }
  });

  it('leave no drift between the entities and the migrated schema', async () => {
    expect(await orm.schema.getUpdateSchemaSQL({ wrap: false })).toBe('');
    expect(await orm.getMigrator().checkMigrationNeeded()).toBe(false);
  });

  it('create the indexes the hot paths rely on', async () => {
    const { rows } = await db.pool.query<{ indexname: string; indexdef: string }>(
      `select indexname, indexdef from pg_indexes where schemaname = 'public'`,
    );
    const defs = Object.fromEntries(rows.map((r) => [r.indexname, r.indexdef]));
    expect(defs.workflow_definitions_one_latest_per_workflow).toMatch(/UNIQUE INDEX .* \(workflow_id\) WHERE is_latest/);
    expect(defs.workflow_executions_recoverable_index).toMatch(/\(lease_expires_at\) WHERE .*pending.*running/);
    expect(defs.workflow_executions_user_status_created_index).toMatch(/\(user_id, status, created_at DESC\)/);
    expect(defs.workflow_step_executions_execution_step_attempt_unique).toMatch(/UNIQUE .*\(execution_id, step_id, attempt\)/);
    expect(defs.workflow_templates_owner_id_index).toMatch(/\(owner_id\)/);
  });

  it('roll back to an empty schema and forward again', async () => {
    await orm.getMigrator().down({ to: 0 });
    expect(await tables()).toEqual(['mikro_orm_migrations']);
    await migrateUp(orm);
    expect(await orm.schema.getUpdateSchemaSQL({ wrap: false })).toBe('');
  });
});
