import { createDefaultRegistry, validateDefinition, WorkflowEngine } from '@stepwise/engine';
import { formStep, workflow } from '@stepwise/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgStore } from '../pg-store';
import { insertDefinition, insertUser } from '../testing/fixtures';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { FieldCipher } from './cipher';
import { EncryptingStore } from './encrypting-store';
import { EncryptionKeyError, generateKeySpec, parseKeyRing } from './keys';
import { reencryptRuns } from './reencrypt';
import { RunSealer } from './run-sealer';

// A form with a default-sensitive income and account number, a custom field marked x-sensitive,
// and a plain expenses field; then a calculation that reads income and expenses.
const registry = createDefaultRegistry();
const definition = validateDefinition(
  workflow([
    formStep(
      'budget',
      { income: { type: 'number' }, account_number: { type: 'string' }, pet_name: { type: 'string', 'x-sensitive': true }, expenses: { type: 'number' } },
      ['income', 'account_number', 'pet_name', 'expenses'],
    ),
    { id: 'surplus', type: 'calculation', dependencies: ['budget'], config: { formula: 'monthly_surplus', inputs: { income: 'budget.income', expenses: 'budget.expenses' } } },
  ]),
  registry,
);
const answers = { income: 48213.77, account_number: 'DE44500105175407324931', pet_name: 'Rumpelstiltskin', expenses: 1234.5 };
const SECRETS = ['48213.77', 'DE44500105175407324931', 'Rumpelstiltskin'];

const KEY_A = generateKeySpec();
const KEY_B = generateKeySpec();
const idOf = (spec: string) => spec.split(':')[0]!;

let db: TestDatabase;
let userId: string;
let workflowId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  userId = await insertUser(db.pool);
  workflowId = await insertDefinition(db.pool, definition);
});
afterAll(() => db?.drop());

const storeWith = (keys: string) => new EncryptingStore(new PgStore(db.pool), new RunSealer(new FieldCipher(parseKeyRing(keys))));
const engineWith = (keys: string) => new WorkflowEngine({ store: storeWith(keys), registry });

async function submittedRun(keys: string) {
  const engine = engineWith(keys);
  const run = await engine.start({ workflowId, definition, userId, sessionId: 's1' });
  return engine.submitInput(run.id, 'budget', answers);
}

/** Every stored row of the run as text: the execution row and all step attempt rows. */
async function rawRows(runId: string): Promise<string> {
  const { rows } = await db.pool.query<{ text: string }>(
    `select (select row_to_json(e)::text from workflow_executions e where e.id = $1)
       || (select coalesce(string_agg(row_to_json(s)::text, '' order by s.step_id, s.attempt), '') from workflow_step_executions s where s.execution_id = $1) as text`,
    [runId],
  );
  return rows[0]!.text;
}

const keyIdsIn = (text: string) => new Set([...text.matchAll(/v1:([A-Za-z0-9_-]+):/g)].map((m) => m[1]));

describe('EncryptingStore on PostgreSQL', () => {
  it('stores no plaintext of sensitive fields, keeps the others plain, and reads everything back', async () => {
    const done = await submittedRun(KEY_A);
    expect(done.status).toBe('completed');

    const raw = await rawRows(done.id);
    for (const secret of SECRETS) expect(raw).not.toContain(secret);
    expect(keyIdsIn(raw)).toEqual(new Set([idOf(KEY_A)]));
    // Non-sensitive values stay queryable in SQL (analytics reads them there).
    const { rows } = await db.pool.query(`select context #>> '{data,budget,expenses}' as expenses, context #> '{data,budget,income}' as income from workflow_executions where id = $1`, [done.id]);
    expect(rows[0].expenses).toBe('1234.5');
    expect(Object.keys(rows[0].income)).toEqual(['$enc']);

    const loaded = await storeWith(KEY_A).loadRun(done.id);
    expect(loaded).toEqual(done);
    expect(loaded!.context.data.budget).toEqual(answers);
    expect(loaded!.steps.surplus!.input).toMatchObject({ income: 48213.77, expenses: 1234.5 });
  });

  it('keeps nothing per run: the engine sends the definition with each commit', async () => {
    const inner = new PgStore(db.pool);
    let loads = 0;
    const counting = Object.assign(Object.create(inner) as PgStore, { loadRun: (id: string) => (loads++, inner.loadRun(id)) });
    const store = new EncryptingStore(counting, new RunSealer(new FieldCipher(parseKeyRing(KEY_A))));
    const engine = new WorkflowEngine({ store, registry });
    const run = await engine.start({ workflowId, definition, userId, sessionId: 's1' });
    const loadsBefore = loads;
    const done = await engine.submitInput(run.id, 'budget', answers);
    expect(done.status).toBe('completed');
    expect(loads - loadsBefore).toBe(1); // the engine's own read; no second read to learn the definition
    expect(Object.keys(store)).toEqual(['inner', 'sealer']);
  });

  it('a wrong key fails loudly with a typed error and changes no row', async () => {
    const done = await submittedRun(KEY_A);
    const before = await rawRows(done.id);

    const otherId = await storeWith(KEY_B).loadRun(done.id).catch((e: unknown) => e);
    expect(otherId).toBeInstanceOf(EncryptionKeyError);
    expect(otherId).toMatchObject({ code: 'encryption_key_mismatch', problem: 'unknown_key', keyId: idOf(KEY_A) });
    expect((otherId as Error).message).toContain(`key "${idOf(KEY_A)}", which is not configured`);

    // Same key id, different bytes: authentication fails instead of returning garbage.
    const impostor = `${idOf(KEY_A)}:${KEY_B.split(':')[1]}`;
    const sameId = await storeWith(impostor).loadRun(done.id).catch((e: unknown) => e);
    expect(sameId).toMatchObject({ code: 'encryption_key_mismatch', problem: 'authentication_failed' });

    expect(await rawRows(done.id)).toBe(before);

    // A waiting run (a sensitive start input is already sealed): submitting with the wrong key writes nothing.
    const waiting = await engineWith(KEY_A).start({ workflowId, definition, userId, sessionId: 's1', input: { salary: 91234 } });
    const waitingBefore = await rawRows(waiting.id);
    expect(waitingBefore).not.toContain('91234');
    const engine = engineWith(KEY_B);
    await expect(engine.getRun(waiting.id)).rejects.toBeInstanceOf(EncryptionKeyError);
    await expect(engine.submitInput(waiting.id, 'budget', answers)).rejects.toBeInstanceOf(EncryptionKeyError);
    await expect(engine.cancel(waiting.id)).rejects.toBeInstanceOf(EncryptionKeyError);
    expect(await rawRows(waiting.id)).toBe(waitingBefore);
    expect((await engineWith(KEY_A).submitInput(waiting.id, 'budget', answers)).status).toBe('completed');
  });

  it('rotation: values sealed with key A still open once B is current, and new writes use B', async () => {
    const engineA = engineWith(KEY_A);
    const waiting = await engineA.start({ workflowId, definition, userId, sessionId: 's1' });
    const old = await submittedRun(KEY_A);

    const rotated = `${KEY_B},${KEY_A}`;
    expect(await storeWith(rotated).loadRun(old.id)).toEqual(old);

    // A run started before the rotation and finished after it: its new rows use B only.
    const finished = await engineWith(rotated).submitInput(waiting.id, 'budget', answers);
    expect(finished.status).toBe('completed');
    const raw = await rawRows(finished.id);
    for (const secret of SECRETS) expect(raw).not.toContain(secret);
    expect(keyIdsIn(raw)).toEqual(new Set([idOf(KEY_B)]));
    expect((await storeWith(rotated).loadRun(finished.id))!.context.data.budget).toEqual(answers);
    // Before A is dropped, the old run fails loudly, naming the key it needs.
    await expect(storeWith(KEY_B).loadRun(old.id)).rejects.toThrow(idOf(KEY_A));
  });

  it('re-encryption moves every value sealed with an old key to the current one, so the old key can go', async () => {
    const old = await submittedRun(KEY_A);
    const rotated = `${KEY_B},${KEY_A}`;
    const sealer = new RunSealer(new FieldCipher(parseKeyRing(rotated)));
    const moved = await reencryptRuns(db.pool, sealer, 2);
    expect(moved.runs).toBeGreaterThanOrEqual(1);
    expect(moved.stepAttempts).toBeGreaterThanOrEqual(2);
    expect(await reencryptRuns(db.pool, sealer, 2)).toEqual({ runs: 0, stepAttempts: 0, modelCalls: 0, chatMessages: 0 });

    const raw = await rawRows(old.id);
    expect(keyIdsIn(raw)).toEqual(new Set([idOf(KEY_B)]));
    for (const secret of SECRETS) expect(raw).not.toContain(secret);
    expect(await storeWith(KEY_B).loadRun(old.id)).toEqual(old);
  });
});
