import { BUILTIN_TEMPLATES, TEMPLATE_CATEGORIES } from '@stepwise/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderCategories, seed, type CategorySeed, type TemplateSeed } from './seed';
import { sampleDefinition } from './testing/fixtures';
import { createTestDatabase, type TestDatabase } from './testing/test-database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

// Children listed before their parents on purpose.
const categories: CategorySeed[] = [
  { name: 'Loans', description: 'Borrowing', parent: 'Finance' },
  { name: 'Finance', description: 'Money matters', parent: null },
  { name: 'Onboarding', description: 'New people', parent: null },
];
const templates: TemplateSeed[] = [
  { key: 'loan-application', category: 'Loans', definition: { ...sampleDefinition(), name: 'Loan application' } },
  { key: 'employee-onboarding', category: 'Onboarding', definition: { ...sampleDefinition(['welcome']), name: 'Employee onboarding' } },
  // Its category is not listed: seed creates it under categoryParent.
  { key: 'expense-report', category: 'Expenses', categoryParent: 'Finance', definition: { ...sampleDefinition(), name: 'Expense report' } },
];

async function snapshot() {
  const cats = await db.pool.query(
    `select c.id, c.name, c.description, p.name as parent from workflow_categories c
       left join workflow_categories p on p.id = c.parent_id order by c.name`,
  );
  const tpls = await db.pool.query(
    `select t.id, t.key, t.name, t.category, c.name as category_name, t.template, t.updated_at, t.usage_count
       from workflow_templates t left join workflow_categories c on c.id = t.category_id order by t.key`,
  );
  return { categories: cats.rows, templates: tpls.rows };
}

describe('seed', () => {
  it('inserts categories with their parent tree and templates linked to their category', async () => {
    expect(await seed(db.pool, templates, categories)).toEqual({ categoriesWritten: 4, templatesWritten: 3 });
    const { categories: cats, templates: tpls } = await snapshot();
    expect(cats.map((c) => [c.name, c.parent])).toEqual([
      ['Expenses', 'Finance'],
      ['Finance', null],
      ['Loans', 'Finance'],
      ['Onboarding', null],
    ]);
    expect(tpls.map((t) => [t.key, t.name, t.category_name])).toEqual([
      ['employee-onboarding', 'Employee onboarding', 'Onboarding'],
      ['expense-report', 'Expense report', 'Expenses'],
      ['loan-application', 'Loan application', 'Loans'],
    ]);
    expect(tpls[2].template).toEqual(templates[0]!.definition);
  });

  it('is idempotent: a second run writes nothing and changes no row', async () => {
    const before = await snapshot();
    expect(await seed(db.pool, templates, categories)).toEqual({ categoriesWritten: 0, templatesWritten: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('updates a changed template in place, keeping its id and usage count', async () => {
    await db.pool.query(`update workflow_templates set usage_count = 9 where key = 'loan-application'`);
    const before = (await snapshot()).templates.find((t) => t.key === 'loan-application');
    const changed = templates.map((t) =>
      t.key === 'loan-application' ? { ...t, definition: { ...t.definition, description: 'v2' } } : t,
    );
    expect(await seed(db.pool, changed, categories)).toEqual({ categoriesWritten: 0, templatesWritten: 1 });
    const after = (await snapshot()).templates.find((t) => t.key === 'loan-application');
    expect(after).toMatchObject({ id: before.id, usage_count: 9, template: { description: 'v2' } });
    expect((await db.pool.query('select count(*)::int as n from workflow_templates')).rows[0].n).toBe(3);
  });

  it('seeds the engine\'s built-in templates and categories, twice, to the same rows', async () => {
    const own = await createTestDatabase();
    try {
      const count = async () =>
        (await own.pool.query(`select (select count(*) from workflow_categories)::int as c, (select count(*) from workflow_templates)::int as t`)).rows[0];
      const first = await seed(own.pool, BUILTIN_TEMPLATES, TEMPLATE_CATEGORIES);
      expect(first.templatesWritten).toBe(BUILTIN_TEMPLATES.length);
      const after = await count();
      expect(after).toEqual({ c: TEMPLATE_CATEGORIES.length, t: BUILTIN_TEMPLATES.length });
      expect(await seed(own.pool, BUILTIN_TEMPLATES, TEMPLATE_CATEGORIES)).toEqual({ categoriesWritten: 0, templatesWritten: 0 });
      expect(await count()).toEqual(after);
      const orphans = await own.pool.query('select key from workflow_templates where category_id is null');
      expect(orphans.rows).toEqual([]);
    } finally {
      await own.drop();
    }
  });

  it('refuses an invalid template definition before writing anything', async () => {
    const bad = [{ key: 'broken', category: 'Finance', definition: { ...sampleDefinition(), steps: [] } }];
    await expect(seed(db.pool, bad, categories)).rejects.toThrow(/broken is not a valid workflow definition/);
    expect((await db.pool.query(`select count(*)::int as n from workflow_templates where key = 'broken'`)).rows[0].n).toBe(0);
  });

  it('refuses a category tree with a cycle or an unknown parent', () => {
    expect(() => orderCategories([{ name: 'a', description: '', parent: 'b' }, { name: 'b', description: '', parent: 'a' }])).toThrow(/cycle/);
    expect(() => orderCategories([{ name: 'a', description: '', parent: 'nope' }])).toThrow(/missing/);
  });
});
