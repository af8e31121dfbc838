import { describe, expect, it } from 'vitest';
import { StaleVersionError, type RunCommit, type RunRecord } from '@stepwise/engine';
import { PgStore } from './pg-store';
import { commitOf, usePgStore } from './pg-store.test-support';
import { sampleRun, stepAttempt } from './testing/fixtures';

// Group commit: with one statement in flight, commits arriving meanwhile go out as one batch.
const t = usePgStore({ commitsInFlight: 1 });

const { owner, rawRun, rawSteps } = t;

async function newRuns(n: number, steps = [stepAttempt('collect', 1)]): Promise<RunRecord[]> {
  const runs = Array.from({ length: n }, () => sampleRun({ ...owner(), steps }));
  for (const run of runs) await t.store.createRun(run);
  return runs;
}

/** Sends a lead commit first so every one of `changes` queues behind it and they share batches. */
async function commitTogether(changes: RunCommit[]): Promise<PromiseSettledResult<void>[]> {
  const [lead] = await newRuns(1);
  const all = [t.store.commit(commitOf(lead!)), ...changes.map((c) => t.store.commit(c))];
  return (await Promise.allSettled(all)).slice(1);
}

describe('PgStore group commit', () => {
  it('commits of many runs at once all land, in one transaction, each with its own steps', async () => {
    const runs = await newRuns(30);
    const results = await commitTogether(
      runs.map((run, i) =>
        commitOf(run, { status: 'completed', results: { i } }, [
          stepAttempt('collect', 1, { output: { i } }), // updates the attempt written by createRun
          stepAttempt('review', 1, { stepType: 'decision', output: { i } }),
        ]),
      ),
    );
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const rows = await Promise.all(runs.map((run) => rawRun(run.id)));
    expect(rows.map((r) => [r.version, r.status, r.results])).toEqual(runs.map((_, i) => [1, 'completed', { i }]));
    expect(new Set(rows.map((r) => r.tx)).size).toBe(1);
    for (const [i, run] of runs.entries()) {
      expect((await rawSteps(run.id)).map((s) => [s.step_id, s.attempt, s.output_data])).toEqual([
        ['collect', 1, { i }],
        ['review', 1, { i }],
      ]);
    }
  });

  it('a stale commit inside a batch throws StaleVersionError and writes nothing; the rest land', async () => {
    const runs = await newRuns(5);
    const changes = runs.map((run) => commitOf(run, { status: 'completed' }, [stepAttempt('review', 1, { stepType: 'decision' })]));
    changes[2] = { ...changes[2]!, expectedVersion: 7 };
    const before = { run: await rawRun(runs[2]!.id), steps: await rawSteps(runs[2]!.id) };

    const results = await commitTogether(changes);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(StaleVersionError);
    expect(await rawRun(runs[2]!.id)).toEqual(before.run);
    expect(await rawSteps(runs[2]!.id)).toEqual(before.steps);
    const landed = await Promise.all([0, 1, 3, 4].map((i) => rawRun(runs[i]!.id)));
    expect(landed.map((r) => r.version)).toEqual([1, 1, 1, 1]);
    expect(new Set(landed.map((r) => r.tx)).size).toBe(1);
    for (const i of [0, 1, 3, 4]) expect((await rawSteps(runs[i]!.id)).map((s) => s.step_id)).toEqual(['collect', 'review']);
  });

  it('an entry that violates a constraint fails alone and the others land', async () => {
    const runs = await newRuns(4);
    const changes = runs.map((run) => commitOf(run, { status: 'running' }, [stepAttempt('review', 1, { stepType: 'decision' })]));
    changes[1] = commitOf(runs[1]!, { status: 'completed' }, [stepAttempt('review', 1, { stepType: 'x'.repeat(51) })]);
    const before = { run: await rawRun(runs[1]!.id), steps: await rawSteps(runs[1]!.id) };

    const results = await commitTogether(changes);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/too long/);
    expect(await rawRun(runs[1]!.id)).toEqual(before.run);
    expect(await rawSteps(runs[1]!.id)).toEqual(before.steps);
    for (const i of [0, 2, 3]) {
      expect((await rawRun(runs[i]!.id)).version).toBe(1);
      expect((await rawSteps(runs[i]!.id)).map((s) => s.step_id)).toEqual(['collect', 'review']);
    }
  });

  it('two versions of one run never share a statement: queued back to back, both apply in order', async () => {
    const [run] = await newRuns(1);
    const first = commitOf(run!, { status: 'running' }, [stepAttempt('review', 1, { stepType: 'decision' })]);
    const second = { ...commitOf({ ...run!, version: 1 }, { status: 'completed' }), steps: [stepAttempt('finish', 1, { stepType: 'decision' })] };
    const results = await commitTogether([first, second]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(await rawRun(run!.id)).toMatchObject({ version: 2, status: 'completed' });
    expect((await rawSteps(run!.id)).map((s) => s.step_id)).toEqual(['collect', 'finish', 'review']);
  });

  it('bounds a batch: with a batch size of 4, 12 queued commits take at least 3 transactions', async () => {
    const small = new PgStore(t.db.pool, { commitsInFlight: 1, commitBatchSize: 4 });
    const runs = await newRuns(12);
    await Promise.all(runs.map((run) => small.commit(commitOf(run, { status: 'completed' }))));
    const rows = await Promise.all(runs.map((run) => rawRun(run.id)));
    expect(rows.map((r) => r.version)).toEqual(runs.map(() => 1));
    const perTx = new Map<string, number>();
    for (const r of rows) perTx.set(r.tx, (perTx.get(r.tx) ?? 0) + 1);
    expect(Math.max(...perTx.values())).toBeLessThanOrEqual(4);
    expect(perTx.size).toBeGreaterThanOrEqual(3);
    expect(perTx.size).toBeLessThan(12); // batched, not one by one
  });
});
