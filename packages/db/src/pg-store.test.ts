import { describe, expect, it } from 'vitest';
import { StaleVersionError, type RunRecord } from '@stepwise/engine';
import { PgStore } from './pg-store';
import { commitOf, usePgStore } from './pg-store.test-support';
import { insertDefinition, insertUser, sampleDefinition, sampleRun, stepAttempt } from './testing/fixtures';
import { createTestDatabase } from './testing/test-database';

const t = usePgStore();

const { owner, rawRun, rawSteps } = t;

describe('PgStore', () => {
  it('round-trips a run: the latest attempt of each step wins, untouched steps come back pending', async () => {
    const run = sampleRun({
      ...owner(),
      steps: [stepAttempt('collect', 1), stepAttempt('review', 1, { stepType: 'decision', status: 'failed' })],
    });
    await t.store.createRun(run);
    // Two more attempts of `review`, written out of order; attempt 3 must win.
    const feedback = stepAttempt('review', 3, {
      stepType: 'decision',
      status: 'waiting',
      waitingFor: 'review',
      feedback: 'needs more detail',
      output: { proposal: 'x' },
      completedAt: null,
      durationMs: null,
    });
    await t.store.commit(commitOf(run, {}, [feedback, stepAttempt('review', 2, { stepType: 'decision', status: 'failed' })]));

    const loaded = await t.store.loadRun(run.id);
    expect(loaded).not.toBeNull();
    expect(loaded).toEqual({
      ...run,
      version: 1,
      updatedAt: new Date(run.updatedAt.getTime() + 1000),
      definition: sampleDefinition(),
      steps: { collect: stepAttempt('collect', 1), review: feedback, finish: run.steps.finish },
    });
    expect(loaded!.steps.finish).toMatchObject({ status: 'pending', attempt: 0, stepType: 'decision' });
    expect(loaded!.startedAt).toBeInstanceOf(Date);
    expect(Object.keys(loaded!.steps)).toEqual(['collect', 'review', 'finish']);
    expect((await rawSteps(run.id)).map((s) => `${s.step_id}#${s.attempt}`)).toEqual(['collect#1', 'review#1', 'review#2', 'review#3']);
  });

  it('returns null for an unknown or malformed run id', async () => {
    expect(await t.store.loadRun('00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await t.store.loadRun('not-a-uuid')).toBeNull();
  });

  it('commit writes the run patch, maps the error to jsonb + error_message, and increments the version', async () => {
    const run = sampleRun(owner());
    await t.store.createRun(run);
    const error = { code: 'step_failed', message: 'The bank API said no', details: { status: 502 } };
    const completedAt = new Date('2025-01-02T04:00:00.000Z');
    await t.store.commit(
      commitOf(run, { status: 'failed', error, results: { total: 3 }, leaseOwner: null, leaseExpiresAt: null, completedAt }, [
        stepAttempt('collect', 1, { status: 'failed', error, output: null }),
      ]),
    );
    const loaded = (await t.store.loadRun(run.id))!;
    expect(loaded).toMatchObject({ version: 1, status: 'failed', error, results: { total: 3 }, leaseOwner: null, completedAt });
    expect(loaded.steps.collect).toMatchObject({ status: 'failed', error, output: null });
    const raw = await rawRun(run.id);
    expect(raw.error_message).toBe('The bank API said no');
    expect((await rawSteps(run.id))[0].error_message).toBe('The bank API said no');

    // A commit with no steps is still one statement that bumps the version.
    await t.store.commit({ ...commitOf(loaded), expectedVersion: 1 });
    expect((await rawRun(run.id)).version).toBe(2);
  });

  it('a commit with a stale version throws StaleVersionError and writes nothing', async () => {
    const run = sampleRun(owner());
    await t.store.createRun(run);
    await t.store.commit(commitOf(run, { status: 'running' }, [stepAttempt('collect', 1)]));
    const before = { run: await rawRun(run.id), steps: await rawSteps(run.id) };

    const stale = commitOf(run, { status: 'completed' }, [stepAttempt('collect', 1, { status: 'failed' }), stepAttempt('review', 1)]);
    await expect(t.store.commit(stale)).rejects.toBeInstanceOf(StaleVersionError);
    expect(await rawRun(run.id)).toEqual(before.run);
    expect(await rawSteps(run.id)).toEqual(before.steps);
  });

  it('of 20 concurrent commits with the same expected version exactly one succeeds', async () => {
    const run = sampleRun(owner());
    await t.store.createRun(run);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        t.store.commit(commitOf(run, { status: 'running' }, [stepAttempt('collect', 1, { output: { writer: i } })])),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const stale = results.filter((r) => r.status === 'rejected' && r.reason instanceof StaleVersionError);
    expect(ok).toHaveLength(1);
    expect(stale).toHaveLength(19);
    const winner = results.findIndex((r) => r.status === 'fulfilled');
    expect((await rawRun(run.id)).version).toBe(1);
    const steps = await rawSteps(run.id);
    expect(steps).toHaveLength(1);
    expect(steps[0].output_data).toEqual({ writer: winner });
  });

  it('is atomic: a step row that violates a constraint leaves the run row and every step row unchanged', async () => {
    const run = sampleRun({ ...owner(), steps: [stepAttempt('collect', 1)] });
    await t.store.createRun(run);
    const before = { run: await rawRun(run.id), steps: await rawSteps(run.id) };

    const bad = commitOf(run, { status: 'completed', results: { done: true } }, [
      stepAttempt('collect', 1, { status: 'failed', output: { changed: true } }),
      stepAttempt('review', 1),
      stepAttempt('finish', 1, { stepType: 'x'.repeat(51) }),
    ]);
    await expect(t.store.commit(bad)).rejects.toThrow(/too long/);
    expect(await rawRun(run.id)).toEqual(before.run);
    expect(await rawSteps(run.id)).toEqual(before.steps);
    // The run still accepts a good commit at the old version.
    await t.store.commit(commitOf(run, { status: 'completed' }));
    expect((await rawRun(run.id)).version).toBe(1);
  });

  it('a one-step commit (its own statement) is version-guarded and atomic too', async () => {
    const run = sampleRun(owner());
    await t.store.createRun(run);
    const before = { run: await rawRun(run.id), steps: await rawSteps(run.id) };
    const tooLong = commitOf(run, { status: 'running' }, [stepAttempt('collect', 1, { stepType: 'x'.repeat(51) })]);
    await expect(t.store.commit(tooLong)).rejects.toThrow(/too long/);
    expect(await rawRun(run.id)).toEqual(before.run);
    expect(await rawSteps(run.id)).toEqual(before.steps);
    await t.store.commit(commitOf(run, { status: 'running' }, [stepAttempt('collect', 1, { output: { n: 1 } })]));
    const stale = commitOf(run, { status: 'running' }, [stepAttempt('collect', 1, { output: { n: 2 } })]);
    await expect(t.store.commit(stale)).rejects.toBeInstanceOf(StaleVersionError);
    expect((await rawSteps(run.id)).map((s) => s.output_data)).toEqual([{ n: 1 }]);
  });

  it('renews a lease only for its owner, without a version bump', async () => {
    const run = sampleRun(owner());
    await t.store.createRun(run);
    const until = new Date('2030-01-01T00:00:00.000Z');
    expect(await t.store.renewLease(run.id, 'someone-else', until)).toBe(false);
    expect((await rawRun(run.id)).lease_expires_at).toEqual(run.leaseExpiresAt);
    expect(await t.store.renewLease(run.id, 'worker-1', until)).toBe(true);
    const raw = await rawRun(run.id);
    expect(raw.lease_expires_at).toEqual(until);
    expect(raw.version).toBe(0);
  });

  it('lists only pending/running runs whose lease is missing or expired', async () => {
    // A database of its own, so other tests' runs do not show up.
    const own = await createTestDatabase();
    try {
      const s = new PgStore(own.pool);
      const u = await insertUser(own.pool);
      const w = await insertDefinition(own.pool);
      const now = new Date('2025-06-01T12:00:00.000Z');
      const make = async (status: RunRecord['status'], leaseExpiresAt: Date | null, createdAt: Date) => {
        const run = { ...sampleRun({ workflowId: w, userId: u }), status, leaseExpiresAt, leaseOwner: leaseExpiresAt && 'w', createdAt };
        await s.createRun(run);
        return run.id;
      };
      const past = new Date(now.getTime() - 1000);
      const future = new Date(now.getTime() + 60_000);
      const t = (n: number) => new Date(now.getTime() - 100_000 + n);
      const pendingNoLease = await make('pending', null, t(1));
      const runningExpired = await make('running', past, t(2));
      await make('running', future, t(3)); // held by a live process
      await make('waiting_for_input', null, t(4)); // waits for a person, nothing to drive
      await make('completed', past, t(5));
      await make('failed', null, t(6));
      const runningAtNow = await make('running', now, t(7)); // expires exactly now

      expect(await s.listRecoverable(now, 10)).toEqual([pendingNoLease, runningExpired, runningAtNow]);
      expect(await s.listRecoverable(now, 2)).toEqual([pendingNoLease, runningExpired]);
    } finally {
      await own.drop();
    }
  });

  it('createRun writes the run and its touched steps in one statement (all or nothing)', async () => {
    const run = sampleRun({
      ...owner(),
      steps: [stepAttempt('collect', 1), stepAttempt('review', 1, { stepType: 'y'.repeat(60) })],
    });
    await expect(t.store.createRun(run)).rejects.toThrow(/too long/);
    expect(await rawRun(run.id)).toBeUndefined();
    expect(await rawSteps(run.id)).toEqual([]);
  });

  it('createRun with one touched step (its own statement) is all or nothing too, and round-trips', async () => {
    const bad = sampleRun({ ...owner(), steps: [stepAttempt('collect', 1, { stepType: 'y'.repeat(60) })] });
    await expect(t.store.createRun(bad)).rejects.toThrow(/too long/);
    expect(await rawRun(bad.id)).toBeUndefined();
    const run = sampleRun({ ...owner(), steps: [stepAttempt('collect', 1, { output: { a: 1 } })] });
    await t.store.createRun(run);
    const loaded = await t.store.loadRun(run.id);
    expect(loaded?.steps.collect).toMatchObject({ attempt: 1, output: { a: 1 } });
    expect(loaded?.steps.review).toMatchObject({ attempt: 0, status: 'pending' });
  });
});
