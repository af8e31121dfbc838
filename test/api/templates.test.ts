import { BUILTIN_TEMPLATES, TEMPLATE_CATEGORIES } from '@stepwise/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startAppWithUsers } from './auth-helpers';
import { errorCode, startTestApp, type TestApp } from './harness';

let t: TestApp;
let alice: Client;
let bob: Client;
let anon: Client;
let aliceId: string;

let user: (label: string) => Promise<Client>;
const builtin = (key: string) => BUILTIN_TEMPLATES.find((b) => b.key === key)!;

beforeAll(async () => {
  ({ t, alice, aliceId, bob, anon, user } = await startAppWithUsers(startTestApp));
});
afterAll(async () => t?.stop());

describe('templates.list and get', () => {
  it('lists the 6 seeded finance templates by name, with their category and step count', async () => {
    const list = await alice.templates.list.query();
    expect(list.map((x) => x.key).sort()).toEqual(BUILTIN_TEMPLATES.map((b) => b.key).sort());
    expect(list.map((x) => x.name)).toEqual([...list.map((x) => x.name)].sort((a, b) => a.localeCompare(b)));
    for (const item of list) {
      const b = builtin(item.key);
      expect(item).toMatchObject({ name: b.definition.name, category: b.category, stepCount: b.definition.steps.length, usageCount: 0 });
      expect(item.categoryId).toMatch(/^[0-9a-f-]{36}$/);
      expect(item).not.toHaveProperty('definition');
    }
  });

  it('filters by category, including sub-categories', async () => {
    const keys = async (category: string) => (await alice.templates.list.query({ category })).map((x) => x.key).sort();
    const under = (parent: string) =>
      BUILTIN_TEMPLATES.filter((b) => b.category === parent || b.categoryParent === parent)
        .map((b) => b.key)
        .sort();
    expect(await keys('Planning')).toEqual(under('Planning'));
    expect(await keys('Planning')).toHaveLength(3);
    expect(await keys('Investing')).toEqual(under('Investing'));
    expect(await keys('Budgeting')).toEqual(['monthly-budget-review']);
    expect(await keys('No such category')).toEqual([]);
    expect(await errorCode(alice.templates.list.query({ category: '' }))).toBe('BAD_REQUEST');
    expect(await errorCode(alice.templates.list.query({ category: 'x'.repeat(101) }))).toBe('BAD_REQUEST');
  });

  it('gets one template by id or by key, with its definition as written', async () => {
    const [first] = await alice.templates.list.query();
    const byId = await alice.templates.get.query({ id: first!.id });
    const byKey = await alice.templates.get.query({ key: first!.key });
    expect(byKey).toEqual(byId);
    expect(byId.definition).toEqual(builtin(first!.key).definition);
  });

  it('refuses bad references with BAD_REQUEST and unknown ones with NOT_FOUND', async () => {
    expect(await errorCode(alice.templates.get.query({}))).toBe('BAD_REQUEST');
    const [first] = await alice.templates.list.query();
    expect(await errorCode(alice.templates.get.query({ id: first!.id, key: first!.key }))).toBe('BAD_REQUEST');
    expect(await errorCode(alice.templates.get.query({ id: 'monthly-budget-review' }))).toBe('BAD_REQUEST');
    expect(await errorCode(alice.templates.get.query({ key: 'Not A Slug!' }))).toBe('BAD_REQUEST');
    expect(await errorCode(alice.templates.get.query({ key: 'no-such-template' }))).toBe('NOT_FOUND');
    expect(await errorCode(alice.templates.get.query({ id: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
  });
});

describe('templates.instantiate', () => {
  it('turns every seeded template into a valid workflow of the caller and counts each use', async () => {
    const list = await alice.templates.list.query();
    expect(list).toHaveLength(6);
    for (const template of list) {
      const created = await alice.templates.instantiate.mutate({ id: template.id });
      expect(created).toMatchObject({ version: 1, name: template.name, category: template.category, stepCount: template.stepCount, archived: false });
      const workflow = await alice.workflows.get.query({ id: created.id });
      expect(workflow.definition.created_by).toBe(aliceId);
      expect(workflow.definition.steps.map((s) => s.id)).toEqual(builtin(template.key).definition.steps.map((s) => s.id));
      // What was stored is a valid definition for the running engine.
      expect(() => t.app.engine.validate(workflow.definition)).not.toThrow();
      expect(await errorCode(bob.workflows.get.query({ id: created.id }))).toBe('NOT_FOUND');
    }
    const mine = await alice.workflows.list.query({ limit: 100 });
    expect(mine.items).toHaveLength(6);
    expect((await alice.templates.list.query()).every((x) => x.usageCount === 1)).toBe(true);

    const again = await bob.templates.instantiate.mutate({ key: 'monthly-budget-review' });
    expect((await bob.workflows.list.query({})).items.map((w) => w.id)).toEqual([again.id]);
    expect((await alice.templates.get.query({ key: 'monthly-budget-review' })).usageCount).toBe(2);
  });

  it('an instance is independent of the template: updating it adds a version of the user’s workflow only', async () => {
    const created = await bob.templates.instantiate.mutate({ key: 'retirement-plan' });
    const current = await bob.workflows.get.query({ id: created.id });
    await bob.workflows.update.mutate({ id: created.id, definition: { ...current.definition, name: 'My retirement plan' } });
    expect((await bob.templates.get.query({ key: 'retirement-plan' })).name).toBe(builtin('retirement-plan').definition.name);
    expect((await bob.workflows.get.query({ id: created.id })).version).toBe(2);
  });

  it('refuses unknown or malformed templates without creating anything', async () => {
    const carol = await user('carol');
    expect(await errorCode(carol.templates.instantiate.mutate({ id: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
    expect(await errorCode(carol.templates.instantiate.mutate({ id: 'nope' }))).toBe('BAD_REQUEST');
    expect(await errorCode(carol.templates.instantiate.mutate({}))).toBe('BAD_REQUEST');
    expect((await carol.workflows.list.query({ includeArchived: true })).items).toEqual([]);
  });
});

describe('categories.list', () => {
  it('returns the seeded tree via parent ids, siblings by name', async () => {
    const tree = await alice.categories.list.query();
    const shape = (nodes: typeof tree): unknown => nodes.map((n) => [n.name, shape(n.children)]);
    expect(shape(tree)).toEqual([
      ['Investing', [['Portfolio', []], ['Research', []]]],
      ['Onboarding', []],
      ['Planning', [['Budgeting', []], ['Retirement', []], ['Tax', []]]],
    ]);
    const flat = (nodes: typeof tree): typeof tree => nodes.flatMap((n) => [n, ...flat(n.children)]);
    const all = flat(tree);
    expect(all).toHaveLength(TEMPLATE_CATEGORIES.length);
    for (const node of all) {
      expect(node.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(node.description).toBe(TEMPLATE_CATEGORIES.find((c) => c.name === node.name)!.description);
    }
    // Template category ids point into this tree.
    const ids = new Set(all.map((n) => n.id));
    expect((await alice.templates.list.query()).every((x) => x.categoryId !== null && ids.has(x.categoryId))).toBe(true);
  });
});

describe('templates and categories: authentication', () => {
  it('an unauthenticated client gets UNAUTHORIZED from every procedure', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const calls: [string, () => Promise<unknown>][] = [
      ['templates.list', () => anon.templates.list.query()],
      ['templates.get', () => anon.templates.get.query({ id })],
      ['templates.instantiate', () => anon.templates.instantiate.mutate({ id })],
      ['categories.list', () => anon.categories.list.query()],
    ];
    for (const [name, call] of calls) expect(await errorCode(call()), name).toBe('UNAUTHORIZED');
  });
});

describe('templates.save and remove (admins)', () => {
  it('an admin adds, replaces and removes a template; others are refused', async () => {
    const { signUpAdmin } = await import('./auth-helpers');
    const admin = t.client((await signUpAdmin(t)).headers);
    const def = { ...builtin('monthly-budget-review').definition, name: 'House budget' };
    const saved = await admin.templates.save.mutate({ key: 'house-budget', definition: def });
    expect(saved).toMatchObject({ key: 'house-budget', name: 'House budget', category: def.category });
    const replaced = await admin.templates.save.mutate({ key: 'house-budget', definition: { ...def, name: 'Household budget' } });
    expect(replaced.id).toBe(saved.id);
    expect((await alice.templates.get.query({ key: 'house-budget' })).name).toBe('Household budget');

    expect(await errorCode(alice.templates.save.mutate({ key: 'mine', definition: def }))).toBe('FORBIDDEN');
    expect(await errorCode(alice.templates.remove.mutate({ id: saved.id }))).toBe('FORBIDDEN');
    expect(await errorCode(admin.templates.save.mutate({ key: 'bad', definition: { ...def, steps: [] } }))).toBe('BAD_REQUEST');

    expect(await admin.templates.remove.mutate({ id: saved.id })).toEqual({ id: saved.id, removed: true });
    expect(await errorCode(alice.templates.get.query({ key: 'house-budget' }))).toBe('NOT_FOUND');
    expect(await errorCode(admin.templates.remove.mutate({ id: saved.id }))).toBe('NOT_FOUND');
  });
});

describe('personal templates (saveMine, removeMine)', () => {
  const missing = '00000000-0000-4000-8000-000000000000';

  it('a user saves their workflow as a template only they see, use and remove', async () => {
    const [dave, erin] = [await user('dave'), await user('erin')];
    const def = { ...builtin('monthly-budget-review').definition, name: 'Dave’s Budget: 2025!' };
    const workflow = await dave.workflows.create.mutate({ definition: def });
    await dave.workflows.update.mutate({ id: workflow.id, definition: { ...def, name: 'Dave’s Budget: 2026!' } });

    const saved = await dave.templates.saveMine.mutate({ workflowId: workflow.id });
    expect(saved).toMatchObject({ name: 'Dave’s Budget: 2026!', category: def.category, stepCount: def.steps.length, usageCount: 0, mine: true });
    expect(saved.key).toMatch(/^dave-s-budget-2026-[a-z0-9]{6}$/);
    const listed = await dave.templates.list.query();
    expect(listed.filter((x) => x.mine)).toEqual([saved]);
    expect(listed.filter((x) => !x.mine).map((x) => x.key).sort()).toEqual(BUILTIN_TEMPLATES.map((b) => b.key).sort());
    expect((await dave.templates.list.query({ category: def.category })).map((x) => x.id)).toContain(saved.id);
    const detail = await dave.templates.get.query({ key: saved.key });
    expect(detail.definition).not.toHaveProperty('created_by');
    expect(detail.definition.steps.map((s) => s.id)).toEqual(def.steps.map((s) => s.id));

    const made = await dave.templates.instantiate.mutate({ id: saved.id });
    expect(made).toMatchObject({ name: 'Dave’s Budget: 2026!', version: 1 });
    expect((await dave.templates.get.query({ id: saved.id })).usageCount).toBe(1);

    // Another user: not listed, and every way in answers as if it did not exist.
    expect((await erin.templates.list.query()).map((x) => x.id)).not.toContain(saved.id);
    expect((await erin.templates.list.query()).every((x) => !x.mine)).toBe(true);
    expect(await errorCode(erin.templates.get.query({ id: saved.id }))).toBe('NOT_FOUND');
    expect(await errorCode(erin.templates.get.query({ key: saved.key }))).toBe('NOT_FOUND');
    expect(await errorCode(erin.templates.instantiate.mutate({ id: saved.id }))).toBe('NOT_FOUND');
    expect(await errorCode(erin.templates.removeMine.mutate({ id: saved.id }))).toBe('NOT_FOUND');
    expect(await errorCode(erin.templates.saveMine.mutate({ workflowId: workflow.id }))).toBe('NOT_FOUND');
    expect((await erin.workflows.list.query({})).items).toEqual([]);

    expect(await dave.templates.removeMine.mutate({ id: saved.id })).toEqual({ id: saved.id, removed: true });
    expect(await errorCode(dave.templates.get.query({ id: saved.id }))).toBe('NOT_FOUND');
    expect(await errorCode(dave.templates.removeMine.mutate({ id: saved.id }))).toBe('NOT_FOUND');
    // The workflow made from it stays.
    expect((await dave.workflows.get.query({ id: made.id })).name).toBe('Dave’s Budget: 2026!');
  });

  it('two saves of one workflow are two templates; a shared template cannot be removed as one’s own', async () => {
    const frank = await user('frank');
    const workflow = await frank.templates.instantiate.mutate({ key: 'retirement-plan' });
    const [first, second] = [await frank.templates.saveMine.mutate({ workflowId: workflow.id }), await frank.templates.saveMine.mutate({ workflowId: workflow.id })];
    expect(first.key).not.toBe(second.key);
    expect((await frank.templates.list.query()).filter((x) => x.mine)).toHaveLength(2);

    const shared = (await frank.templates.list.query()).filter((x) => !x.mine);
    expect(await errorCode(frank.templates.removeMine.mutate({ id: shared[0]!.id }))).toBe('NOT_FOUND');
    expect(await errorCode(frank.templates.removeMine.mutate({ id: missing }))).toBe('NOT_FOUND');
    expect(await errorCode(frank.templates.removeMine.mutate({ id: 'nope' }))).toBe('BAD_REQUEST');
    expect(await errorCode(frank.templates.saveMine.mutate({ workflowId: missing }))).toBe('NOT_FOUND');
    expect(await errorCode(frank.templates.saveMine.mutate({ workflowId: 'nope' }))).toBe('BAD_REQUEST');
    expect((await frank.templates.list.query()).filter((x) => !x.mine)).toEqual(shared);
  });

  it('an admin’s save never overwrites a user’s template with the same key, and saveMine makes no shared template', async () => {
    const { signUpAdmin } = await import('./auth-helpers');
    const admin = t.client((await signUpAdmin(t)).headers);
    const gina = await user('gina');
    const workflow = await gina.templates.instantiate.mutate({ key: 'retirement-plan' });
    const mine = await gina.templates.saveMine.mutate({ workflowId: workflow.id });
    expect((await admin.templates.list.query()).map((x) => x.id)).not.toContain(mine.id);
    const def = builtin('monthly-budget-review').definition;
    expect(await errorCode(admin.templates.save.mutate({ key: mine.key, definition: def }))).toBe('CONFLICT');
    expect((await gina.templates.get.query({ id: mine.id })).name).toBe(mine.name);
  });

  it('an unauthenticated client gets UNAUTHORIZED', async () => {
    expect(await errorCode(anon.templates.saveMine.mutate({ workflowId: missing }))).toBe('UNAUTHORIZED');
    expect(await errorCode(anon.templates.removeMine.mutate({ id: missing }))).toBe('UNAUTHORIZED');
  });
});
