import type { EntityManager } from '@mikro-orm/postgresql';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertUser, sampleDefinition } from '../testing/fixtures';
import { useTestDatabase } from '../testing/use-test-database';
import { getDefinitionVersion, getLatestDefinition, saveDefinitionVersion } from './definitions';

const db = useTestDatabase();
let em: EntityManager;
beforeAll(() => {
  em = db.em();
});

const versions = async (workflowId: string) =>
  (
    await db.pool.query('select version, is_latest from workflow_definitions where workflow_id = $1 order by version', [workflowId])
  ).rows.map((r) => [r.version, r.is_latest]);

describe('definition versions', () => {
  it('saves version n+1 and makes it the only latest; old versions stay readable', async () => {
    const ownerId = await insertUser(db.pool);
    const v1 = await saveDefinitionVersion(em, { ownerId, definition: sampleDefinition() });
    expect(v1).toMatchObject({ version: 1, isLatest: true, name: 'Sample workflow', category: 'testing' });
    const v2 = await saveDefinitionVersion(em, {
      workflowId: v1.workflowId,
      ownerId,
      definition: { ...sampleDefinition(['a', 'b']), name: 'Renamed' },
    });
    expect(v2).toMatchObject({ workflowId: v1.workflowId, version: 2, isLatest: true, name: 'Renamed' });
    expect(v2.definition.version).toBe('2');
    expect(await versions(v1.workflowId)).toEqual([
      [1, false],
      [2, true],
    ]);
    const fresh = em.fork();
    expect((await getDefinitionVersion(fresh, v1.id))?.definition.steps.map((s) => s.id)).toEqual(['collect', 'review', 'finish']);
    expect((await getLatestDefinition(fresh, v1.workflowId))?.id).toBe(v2.id);
  });

  it('numbers concurrent saves of one workflow without gaps or two latest versions', async () => {
    const first = await saveDefinitionVersion(em, { ownerId: null, definition: sampleDefinition() });
    await Promise.all(
      Array.from({ length: 8 }, () => saveDefinitionVersion(em, { workflowId: first.workflowId, ownerId: null, definition: sampleDefinition() })),
    );
    const rows = await versions(first.workflowId);
    expect(rows.map(([v]) => v)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(rows.filter(([, latest]) => latest)).toEqual([[9, true]]);
  });

  it('the database refuses a second latest version of one workflow', async () => {
    const v = await saveDefinitionVersion(em, { ownerId: null, definition: sampleDefinition() });
    await expect(
      db.pool.query(
        `insert into workflow_definitions (workflow_id, version, is_latest, name, category, definition)
         values ($1, 99, true, 'x', 'y', '{}')`,
        [v.workflowId],
      ),
    ).rejects.toThrow(/one_latest_per_workflow/);
  });
});
