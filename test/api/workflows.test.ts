import { type WorkflowDefinitionInput } from '@stepwise/engine';
import { formStep, workflow } from '@stepwise/engine/testing';
import { createContextInner } from '@stepwise/server';
import { appRouter } from '@stepwise/server/router';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startAppWithUsers } from './auth-helpers';
import { errorCode, startTestApp, type TestApp } from './harness';


let t: TestApp;
let alice: Client;
let bob: Client;
let anon: Client;
let aliceId: string;

/** A valid two-step definition: a form, then a second form after it. */
const definition = (extra: Partial<WorkflowDefinitionInput> = {}): WorkflowDefinitionInput =>
  workflow(
    [
      formStep('details', { amount: { type: 'number', minimum: 0 } }, ['amount']),
      formStep('confirm', { ok: { type: 'boolean' } }, ['ok'], ['details']),
    ],
    { name: 'Expense check', category: 'Budgeting', ...extra },
  );

/** The error a call failed with (its `data` carries code, fieldErrors and details). */
async function failure(call: Promise<unknown>): Promise<TRPCClientError<never>> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCClientError) return error as TRPCClientError<never>;
    throw error;
  }
  throw new Error('expected the call to fail');
}
const data = (e: TRPCClientError<never>) =>
  e.data as unknown as { code: string; httpStatus: number; fieldErrors: Record<string, string[]> | null; details: { code: string; path: string }[] | null };

let user: (label: string) => Promise<Client>;

beforeAll(async () => {
  ({ t, alice, aliceId, bob, anon, user } = await startAppWithUsers(startTestApp));
});
afterAll(async () => t?.stop());

describe('workflows: create, get, update, versions', () => {
  it('creates version 1 owned by the caller, whatever created_by the definition claims', async () => {
    const created = await alice.workflows.create.mutate({ definition: definition({ created_by: 'somebody-else' }) });
    expect(created).toMatchObject({ version: 1, name: 'Expense check', category: 'Budgeting', stepCount: 2, archived: false });
    expect(created.id).not.toBe(created.versionId);
    const got = await alice.workflows.get.query({ id: created.id });
    expect(got).toMatchObject({ id: created.id, versionId: created.versionId, version: 1, isLatest: true });
    expect(got.definition).toMatchObject({ created_by: aliceId, version: '1', name: 'Expense check' });
    expect(got.definition.steps.map((s) => s.id)).toEqual(['details', 'confirm']);
  });

  it('update saves version n+1 and keeps the old version readable as it was', async () => {
    const v1 = await alice.workflows.create.mutate({ definition: definition({ name: 'Versioned' }) });
    const v2 = await alice.workflows.update.mutate({ id: v1.id, definition: definition({ name: 'Versioned, renamed', description: 'second' }) });
    expect(v2).toMatchObject({ id: v1.id, version: 2, name: 'Versioned, renamed' });
    expect(v2.versionId).not.toBe(v1.versionId);

    const latest = await alice.workflows.get.query({ id: v1.id });
    expect(latest).toMatchObject({ version: 2, versionId: v2.versionId, name: 'Versioned, renamed', isLatest: true });
    const old = await alice.workflows.get.query({ id: v1.id, version: 1 });
    expect(old).toMatchObject({ version: 1, versionId: v1.versionId, name: 'Versioned', isLatest: false });
    expect(old.definition.name).toBe('Versioned');
    // created_at carries over; updated_at moves.
    expect(latest.definition.created_at).toBe(old.definition.created_at);

    const versions = await alice.workflows.versions.query({ id: v1.id });
    expect(versions.map((v) => [v.version, v.versionId, v.isLatest])).toEqual([
      [1, v1.versionId, false],
      [2, v2.versionId, true],
    ]);
    expect(versions.every((v) => !Number.isNaN(Date.parse(v.createdAt)))).toBe(true);
    expect(await errorCode(alice.workflows.get.query({ id: v1.id, version: 3 }))).toBe('NOT_FOUND');
  });

  it('refuses bad ids and versions with BAD_REQUEST, unknown ids with NOT_FOUND', async () => {
    expect(await errorCode(alice.workflows.get.query({ id: 'not-a-uuid' }))).toBe('BAD_REQUEST');
    expect(await errorCode(alice.workflows.get.query({ id: "'; drop table users; --" }))).toBe('BAD_REQUEST');
    const created = await alice.workflows.create.mutate({ definition: definition() });
    expect(await errorCode(alice.workflows.get.query({ id: created.id, version: 0 }))).toBe('BAD_REQUEST');
    expect(await errorCode(alice.workflows.get.query({ id: created.id, version: 1.5 }))).toBe('BAD_REQUEST');
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const call of [
      () => alice.workflows.get.query({ id: missing }),
      () => alice.workflows.update.mutate({ id: missing, definition: definition() }),
      () => alice.workflows.archive.mutate({ id: missing }),
      () => alice.workflows.versions.query({ id: missing }),
      () => alice.workflows.exportJson.query({ id: missing }),
    ]) {
      expect(await errorCode(call())).toBe('NOT_FOUND');
    }
    // The version id is not a workflow id.
    expect(await errorCode(alice.workflows.get.query({ id: created.versionId }))).toBe('NOT_FOUND');
  });
});

describe('workflows: invalid definitions', () => {
  it('a cycle and an unknown step type are BAD_REQUEST with every issue code in details and fieldErrors by path', async () => {
    const cyclic = workflow([
      { id: 'start', type: 'data_collection', config: { schema: { type: 'object', properties: {} } } },
      { id: 'a', type: 'data_collection', dependencies: ['start', 'b'], config: { schema: { type: 'object', properties: {} } } },
      { id: 'b', type: 'data_collection', dependencies: ['a'], config: { schema: { type: 'object', properties: {} } } },
      { id: 'odd', type: 'teleport', dependencies: ['start'] },
    ]);
    const e = await failure(alice.workflows.create.mutate({ definition: cyclic }));
    expect(data(e).code).toBe('BAD_REQUEST');
    const codes = data(e).details!.map((d) => d.code);
    expect(codes).toContain('cycle');
    expect(codes).toContain('unknown_step_type');
    expect(data(e).fieldErrors).toHaveProperty(['steps[3].type']);
    expect(e.message).toMatch(/cycle/);
  });

  it('a wrongly shaped definition or a non-object is BAD_REQUEST, never a 500', async () => {
    const e = await failure(alice.workflows.create.mutate({ definition: { name: 'no steps' } as WorkflowDefinitionInput }));
    expect(data(e).code).toBe('BAD_REQUEST');
    expect(data(e).details!.every((d) => d.code === 'invalid_shape')).toBe(true);
    for (const bad of [null, [], 'text', 42]) {
      expect(await errorCode(alice.workflows.create.mutate({ definition: bad as unknown as WorkflowDefinitionInput }))).toBe('BAD_REQUEST');
    }
  });

  it('values PostgreSQL cannot store (NUL, unpaired surrogates, deep nesting) are BAD_REQUEST', async () => {
    expect(await errorCode(alice.workflows.create.mutate({ definition: definition({ name: 'nul \u0000 here' }) }))).toBe('BAD_REQUEST');
    expect(await errorCode(alice.workflows.create.mutate({ definition: definition({ description: 'half \ud800 pair' }) }))).toBe('BAD_REQUEST');
    let deep: unknown = 'bottom';
    for (let i = 0; i < 2000; i++) deep = { d: deep };
    const nested = definition();
    (nested.steps[0]!.config as Record<string, unknown>).ui_schema = deep;
    const e = await failure(alice.workflows.create.mutate({ definition: nested }));
    expect(data(e).code).toBe('BAD_REQUEST');
    expect(e.message).toMatch(/nested more than/);
  });

  it('an invalid update is refused and adds no version', async () => {
    const created = await alice.workflows.create.mutate({ definition: definition() });
    const e = await failure(
      alice.workflows.update.mutate({ id: created.id, definition: workflow([{ id: 'x', type: 'nope' }]) }),
    );
    expect(data(e).details!.map((d) => d.code)).toEqual(['unknown_step_type']);
    expect((await alice.workflows.versions.query({ id: created.id })).map((v) => v.version)).toEqual([1]);
  });
});

describe('workflows: list, search, paging', () => {
  it('pages through 25 workflows with limit 10: newest first, no duplicates, none missing', async () => {
    const pager = await user('pager');
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push((await pager.workflows.create.mutate({ definition: definition({ name: `Paged ${i}` }) })).id);

    const pages: { id: string; updatedAt: string }[][] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof pager.workflows.list.query>> = await pager.workflows.list.query({ limit: 10, cursor });
      pages.push(page.items);
      cursor = page.nextCursor;
    } while (cursor && pages.length < 10);
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    const seen = pages.flat().map((i) => i.id);
    expect(new Set(seen).size).toBe(25);
    expect([...seen].sort()).toEqual([...ids].sort());
    const times = pages.flat().map((i) => Date.parse(i.updatedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // Default page size is 20.
    expect((await pager.workflows.list.query()).items).toHaveLength(20);
  });

  it('lists only latest versions of the caller’s own workflows, with summaries', async () => {
    const carol = await user('carol');
    const w = await carol.workflows.create.mutate({ definition: definition({ name: 'Mine' }) });
    await carol.workflows.update.mutate({ id: w.id, definition: definition({ name: 'Mine v2' }) });
    const { items, nextCursor } = await carol.workflows.list.query({});
    expect(nextCursor).toBeNull();
    expect(items).toEqual([
      { id: w.id, versionId: expect.any(String), version: 2, name: 'Mine v2', description: '', category: 'Budgeting', stepCount: 2, updatedAt: expect.any(String), archived: false },
    ]);
    expect((await bob.workflows.list.query({ search: 'Mine' })).items).toEqual([]);
  });

  it('searches name and description case-insensitively; % and _ match only themselves', async () => {
    const dave = await user('dave');
    for (const [name, description] of [
      ['Quarterly REVIEW', 'plain'],
      ['Other', 'needs a review soon'],
      ['100% done', ''],
      ['Snake_case check', ''],
      ['Snakescase check', ''],
    ] as const) {
      await dave.workflows.create.mutate({ definition: definition({ name, description }) });
    }
    const names = async (search: string) => (await dave.workflows.list.query({ search })).items.map((i) => i.name).sort();
    expect(await names('review')).toEqual(['Other', 'Quarterly REVIEW']);
    expect(await names('%')).toEqual(['100% done']);
    expect(await names('e_c')).toEqual(['Snake_case check']);
    expect(await names('zzz')).toEqual([]);
  });

  it('filters by category, including sub-categories of the seeded tree', async () => {
    const erin = await user('erin');
    for (const category of ['Budgeting', 'Tax', 'Research', 'Custom']) {
      await erin.workflows.create.mutate({ definition: definition({ name: `in ${category}`, category }) });
    }
    const names = async (category: string) => (await erin.workflows.list.query({ category })).items.map((i) => i.name).sort();
    expect(await names('Planning')).toEqual(['in Budgeting', 'in Tax']);
    expect(await names('Research')).toEqual(['in Research']);
    expect(await names('Custom')).toEqual(['in Custom']);
    expect(await names('Nothing here')).toEqual([]);
  });

  it('refuses bad list input with BAD_REQUEST', async () => {
    for (const input of [
      { limit: 0 },
      { limit: 101 },
      { limit: 2.5 },
      { cursor: 'garbage' },
      { cursor: Buffer.from(JSON.stringify(['2025-02-30T00:00:00.000000Z', '00000000-0000-4000-8000-000000000000'])).toString('base64url') },
      { search: 'x'.repeat(201) },
      { search: 'nul\u0000' },
      { category: '' },
    ]) {
      expect(await errorCode(alice.workflows.list.query(input as never)), JSON.stringify(input)).toBe('BAD_REQUEST');
    }
  });
});

describe('workflows: archive', () => {
  it('hides the workflow from lists unless asked, keeps it readable, refuses updates, and is idempotent', async () => {
    const frank = await user('frank');
    const keep = await frank.workflows.create.mutate({ definition: definition({ name: 'Keep' }) });
    const old = await frank.workflows.create.mutate({ definition: definition({ name: 'Old' }) });
    const archived = await frank.workflows.archive.mutate({ id: old.id });
    expect(archived).toMatchObject({ id: old.id, archived: true });
    expect((await frank.workflows.list.query({})).items.map((i) => i.id)).toEqual([keep.id]);
    const all = await frank.workflows.list.query({ includeArchived: true });
    expect(all.items.map((i) => [i.name, i.archived]).sort()).toEqual([
      ['Keep', false],
      ['Old', true],
    ]);
    expect((await frank.workflows.get.query({ id: old.id })).archived).toBe(true);
    expect(await errorCode(frank.workflows.update.mutate({ id: old.id, definition: definition() }))).toBe('CONFLICT');
    expect(await frank.workflows.archive.mutate({ id: old.id })).toMatchObject({ archived: true });
    expect(await errorCode(frank.workflows.archive.mutate({ id: 'nope' }))).toBe('BAD_REQUEST');
  });
});

describe('workflows: export and import', () => {
  it('round-trips: the export imports as a new workflow of the caller with the same steps', async () => {
    const original = await alice.workflows.create.mutate({ definition: definition({ name: 'Exported', description: 'round trip' }) });
    await alice.workflows.update.mutate({ id: original.id, definition: definition({ name: 'Exported v2' }) });
    const v1 = await alice.workflows.exportJson.query({ id: original.id, version: 1 });
    expect(v1).toMatchObject({ name: 'Exported', description: 'round trip', version: '1', created_by: aliceId });
    expect(await alice.workflows.exportJson.query({ id: original.id })).toMatchObject({ name: 'Exported v2', version: '2' });

    const imported = await bob.workflows.importJson.mutate({ json: JSON.stringify(v1, null, 2) });
    expect(imported).toMatchObject({ version: 1, name: 'Exported', stepCount: 2 });
    expect(imported.id).not.toBe(original.id);
    const back = await bob.workflows.get.query({ id: imported.id });
    const { created_by: _a, created_at: _b, updated_at: _c, ...rest } = back.definition;
    const { created_by: _d, created_at: _e, updated_at: _f, ...expected } = v1;
    expect(rest).toEqual(expected);
    expect(back.definition.created_by).not.toBe(aliceId);
  });

  it('refuses text that is not JSON, or not a valid definition', async () => {
    const e = await failure(alice.workflows.importJson.mutate({ json: '{"name": ' }));
    expect(data(e).code).toBe('BAD_REQUEST');
    expect(e.message).toMatch(/^not valid JSON: /);
    expect(await errorCode(alice.workflows.importJson.mutate({ json: '' }))).toBe('BAD_REQUEST');
    expect(await errorCode(alice.workflows.importJson.mutate({ json: 'null' }))).toBe('BAD_REQUEST');
    const invalid = await failure(alice.workflows.importJson.mutate({ json: JSON.stringify(workflow([{ id: 'x', type: 'nope' }])) }));
    expect(data(invalid).details!.map((d) => d.code)).toEqual(['unknown_step_type']);
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(await errorCode(alice.workflows.importJson.mutate({ json: deep }))).toBe('BAD_REQUEST');
  });

  it('an import over 1 MB is refused with BAD_REQUEST; a body over the HTTP limit with PAYLOAD_TOO_LARGE', async () => {
    const big = JSON.stringify({ ...definition(), description: 'x'.repeat(1_000_001) });
    const e = await alice.workflows.importJson.mutate({ json: big }).catch((error: unknown) => error);
    expect(e).toMatchObject({ data: { code: 'BAD_REQUEST' } });
    expect(String((e as Error).message)).toMatch(/larger than 1 MB/);
    const huge = JSON.stringify({ ...definition(), description: 'x'.repeat(1_200_000) });
    expect(await errorCode(alice.workflows.importJson.mutate({ json: huge }))).toBe('PAYLOAD_TOO_LARGE');
    // Called without HTTP, the procedure's own limit answers.
    const caller = appRouter.createCaller(createContextInner(t.app.services, { id: aliceId, email: 'alice@example.com', role: 'user', via: 'session' }));
    expect(await caller.workflows.importJson({ json: big }).catch((error: unknown) => error)).toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('workflows: isolation and authentication', () => {
  it("user B gets NOT_FOUND for every procedure on A's workflow, and A's workflow is unchanged", async () => {
    const mine = await alice.workflows.create.mutate({ definition: definition({ name: 'Private' }) });
    const calls: [string, () => Promise<unknown>][] = [
      ['get', () => bob.workflows.get.query({ id: mine.id })],
      ['get version', () => bob.workflows.get.query({ id: mine.id, version: 1 })],
      ['update', () => bob.workflows.update.mutate({ id: mine.id, definition: definition() })],
      ['archive', () => bob.workflows.archive.mutate({ id: mine.id })],
      ['versions', () => bob.workflows.versions.query({ id: mine.id })],
      ['exportJson', () => bob.workflows.exportJson.query({ id: mine.id })],
      ['exportJson version', () => bob.workflows.exportJson.query({ id: mine.id, version: 1 })],
    ];
    for (const [name, call] of calls) expect(await errorCode(call()), name).toBe('NOT_FOUND');
    expect((await bob.workflows.list.query({ search: 'Private' })).items).toEqual([]);
    expect(await alice.workflows.get.query({ id: mine.id })).toMatchObject({ version: 1, archived: false, name: 'Private' });
  });

  it('an unauthenticated client gets UNAUTHORIZED from every procedure', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const calls: [string, () => Promise<unknown>][] = [
      ['list', () => anon.workflows.list.query({})],
      ['get', () => anon.workflows.get.query({ id })],
      ['create', () => anon.workflows.create.mutate({ definition: definition() })],
      ['update', () => anon.workflows.update.mutate({ id, definition: definition() })],
      ['archive', () => anon.workflows.archive.mutate({ id })],
      ['versions', () => anon.workflows.versions.query({ id })],
      ['exportJson', () => anon.workflows.exportJson.query({ id })],
      ['importJson', () => anon.workflows.importJson.mutate({ json: '{}' })],
    ];
    for (const [name, call] of calls) expect(await errorCode(call()), name).toBe('UNAUTHORIZED');
    const bogus = t.client({ authorization: 'Bearer sw_not_a_real_token' });
    expect(await errorCode(bogus.workflows.list.query({}))).toBe('UNAUTHORIZED');
  });
});
