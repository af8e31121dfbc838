import { describe, expect, it } from 'vitest';
import { insertUser, sampleDefinition } from '../testing/fixtures';
import { useTestDatabase } from '../testing/use-test-database';
import { saveDefinitionVersion } from './definitions';
import { archiveWorkflow, escapeLike, findWorkflowVersion, listWorkflows, listWorkflowVersions, type WorkflowCursor } from './workflows';

const db = useTestDatabase();
const { em } = db;

const save = (ownerId: string | null, patch: Partial<ReturnType<typeof sampleDefinition>> = {}, workflowId?: string) =>
  saveDefinitionVersion(em(), { ownerId, workflowId, definition: { ...sampleDefinition(), ...patch } });

async function allPages(ownerId: string, limit: number, extra: { includeArchived?: boolean } = {}): Promise<string[][]> {
  const pages: string[][] = [];
  let after: WorkflowCursor | undefined;
  do {
    const page = await listWorkflows(em(), { ownerId, limit, after, ...extra });
    pages.push(page.items.map((i) => i.workflowId));
    after = page.next ?? undefined;
  } while (after);
  return pages;
}

describe('listWorkflows', () => {
  it("pages through the owner's latest versions newest first, without duplicates or gaps, even on equal timestamps", async () => {
    const owner = await insertUser(db.pool);
    const other = await insertUser(db.pool);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await save(owner, { name: `Flow ${i}` })).workflowId);
    await save(other);
    await save(null);
    // Six rows share one timestamp: only the id tie-breaker keeps paging exact.
    await db.pool.query(`update workflow_definitions set updated_at = '2030-01-01T00:00:00.123456Z' where workflow_id = any($1)`, [ids.slice(0, 6)]);

    const pages = await allPages(owner, 5);
    expect(pages.map((p) => p.length)).toEqual([5, 5, 2]);
    expect(pages.flat().sort()).toEqual([...ids].sort());
    expect(new Set(pages.flat()).size).toBe(12);
  });

  it('lists only latest versions, with the step count, and hides archived workflows unless asked', async () => {
    const owner = await insertUser(db.pool);
    const v1 = await save(owner);
    await save(owner, sampleDefinition(['a', 'b']), v1.workflowId);
    const archived = await save(owner, { name: 'Old one' });
    await archiveWorkflow(em(), { ownerId: owner, workflowId: archived.workflowId });

    const visible = await listWorkflows(em(), { ownerId: owner, limit: 10 });
    expect(visible.items).toHaveLength(1);
    expect(visible.items[0]).toMatchObject({ workflowId: v1.workflowId, version: 2, stepCount: 2, archivedAt: null });
    const all = await listWorkflows(em(), { ownerId: owner, limit: 10, includeArchived: true });
    expect(all.items.map((i) => i.name).sort()).toEqual(['Old one', 'Sample workflow']);
    expect(all.items.find((i) => i.name === 'Old one')?.archivedAt).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
  });

  it('searches name and description case-insensitively, treating % and _ literally', async () => {
    const owner = await insertUser(db.pool);
    await save(owner, { name: 'Quarterly REVIEW', description: 'plain' });
    await save(owner, { name: 'Other', description: 'needs a review soon' });
    await save(owner, { name: '100% done', description: '' });
    await save(owner, { name: '100 x done', description: 'snake_case here' });
    const names = async (search: string) =>
      (await listWorkflows(em(), { ownerId: owner, limit: 10, search })).items.map((i) => i.name).sort();
    expect(await names('review')).toEqual(['Other', 'Quarterly REVIEW']);
    expect(await names('%')).toEqual(['100% done']);
    expect(await names('e_c')).toEqual(['100 x done']);
    expect(await names('\\')).toEqual([]);
    expect(escapeLike('a%b_c\\d')).toBe('a\\%b\\_c\\\\d');
  });

  it('filters by category, including its sub-categories', async () => {
    const owner = await insertUser(db.pool);
    const { rows } = await db.pool.query<{ id: string }>(`insert into workflow_categories (name) values ('Top') returning id`);
    await db.pool.query(`insert into workflow_categories (name, parent_id) values ('Child', $1)`, [rows[0]!.id]);
    await save(owner, { name: 'in top', category: 'Top' });
    await save(owner, { name: 'in child', category: 'Child' });
    await save(owner, { name: 'elsewhere', category: 'Else' });
    const names = async (category: string) =>
      (await listWorkflows(em(), { ownerId: owner, limit: 10, category })).items.map((i) => i.name).sort();
    expect(await names('Top')).toEqual(['in child', 'in top']);
    expect(await names('Child')).toEqual(['in child']);
    expect(await names('Else')).toEqual(['elsewhere']);
    expect(await names('Nope')).toEqual([]);
  });
});

describe('versions and archive', () => {
  it("reads a given or the latest version, only for the workflow's owner", async () => {
    const owner = await insertUser(db.pool);
    const stranger = await insertUser(db.pool);
    const v1 = await save(owner);
    const v2 = await save(owner, { name: 'Second' }, v1.workflowId);
    expect(await findWorkflowVersion(em(), { ownerId: owner, workflowId: v1.workflowId })).toMatchObject({
      versionId: v2.id,
      version: 2,
      isLatest: true,
      name: 'Second',
      definition: { name: 'Second', version: '2' },
    });
    expect(await findWorkflowVersion(em(), { ownerId: owner, workflowId: v1.workflowId, version: 1 })).toMatchObject({
      versionId: v1.id,
      isLatest: false,
      name: 'Sample workflow',
    });
    expect(await findWorkflowVersion(em(), { ownerId: owner, workflowId: v1.workflowId, version: 3 })).toBeNull();
    expect(await findWorkflowVersion(em(), { ownerId: stranger, workflowId: v1.workflowId })).toBeNull();
    expect((await listWorkflowVersions(em(), { ownerId: owner, workflowId: v1.workflowId })).map((v) => [v.version, v.versionId, v.isLatest])).toEqual([
      [1, v1.id, false],
      [2, v2.id, true],
    ]);
    expect(await listWorkflowVersions(em(), { ownerId: stranger, workflowId: v1.workflowId })).toEqual([]);
  });

  it('archives every version once, keeps them, and refuses strangers', async () => {
    const owner = await insertUser(db.pool);
    const stranger = await insertUser(db.pool);
    const v1 = await save(owner);
    await save(owner, {}, v1.workflowId);
    expect(await archiveWorkflow(em(), { ownerId: stranger, workflowId: v1.workflowId })).toBeNull();
    const first = await archiveWorkflow(em(), { ownerId: owner, workflowId: v1.workflowId });
    expect(first).toMatchObject({ workflowId: v1.workflowId, version: 2 });
    await new Promise((r) => setTimeout(r, 5));
    const again = await archiveWorkflow(em(), { ownerId: owner, workflowId: v1.workflowId });
    expect(again?.archivedAt).toBe(first?.archivedAt);
    const { rows } = await db.pool.query('select count(*)::int as n from workflow_definitions where workflow_id = $1 and archived_at is not null', [
      v1.workflowId,
    ]);
    expect(rows[0].n).toBe(2);
  });
});
