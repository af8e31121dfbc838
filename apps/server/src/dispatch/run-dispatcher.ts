import type { Dispatcher, WorkflowEngine } from '@stepwise/engine';
import PgBoss from 'pg-boss';
import type { Logger } from '../logger';
import { type Wakeups, listenForWakeups } from './wakeups';

/** The pg-boss queue of runs to advance: `{ runId }` jobs any process takes. */
export const RUN_QUEUE = 'advance-run';

export interface RunDispatcherOptions {
  databaseUrl: string;
  log: Logger;
  /** Runs this process advances at once. */
  concurrency: number;
  /** How often an idle process looks for jobs when no wake-up reached it. */
  pollMs: number;
  /** How long `dispatch` waits for the job to be done before returning (the run goes on regardless). */
  waitMs: number;
  /** Take no jobs (a process that only serves requests). */
  takeWork?: boolean;
}

type Job = { id: string; data: { runId: string } };

/**
 * Starts and people's actions become pg-boss jobs; every process (servers and headless workers)
 * takes jobs and advances their runs. The run's lease, not the queue, guarantees that one run is
 * never driven by two processes at once. A job is taken at once by the process that queued it (a
 * local wake-up) or by an idle one (a NOTIFY wake-up); polling is only the fallback.
 */
export class RunDispatcher implements Dispatcher {
  private readonly boss: PgBoss;
  private engine: WorkflowEngine | undefined;
  private wakeups: Wakeups | undefined;
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly done = new Map<string, () => void>();
  private wake: (() => void) | undefined;
  /** A wake-up that came while the loop was fetching: the fetch may have missed that job. */
  private nudged = false;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private checking: Promise<void> | undefined;

  constructor(private readonly options: RunDispatcherOptions) {
    this.boss = new PgBoss({ connectionString: options.databaseUrl, max: 3, schedule: false, application_name: 'stepwise-queue' });
    // A lost connection (PostgreSQL restarting) is retried by pg-boss; it must never crash the process.
    this.boss.on('error', (error: Error) => options.log.warn({ err: error.message }, 'queue: PostgreSQL error'));
  }

  async start(engine: WorkflowEngine): Promise<void> {
    this.engine = engine;
    await this.boss.start();
    await this.boss.createQueue(RUN_QUEUE, { name: RUN_QUEUE, policy: 'standard', retryLimit: 5, retryDelay: 1, expireInSeconds: 15 * 60 });
    this.wakeups = await listenForWakeups(this.options.databaseUrl, this.options.log, () => this.nudge(), (jobId) => this.done.get(jobId)?.());
    if (this.options.takeWork !== false) this.loop = this.takeJobs();
  }

  async dispatch(runId: string): Promise<void> {
    const id = await this.boss.send(RUN_QUEUE, { runId });
    if (!id) return;
    const finished = new Promise<void>((resolve) => this.done.set(id, resolve));
    this.nudge();
    void this.wakeups?.notify();
    this.checking ??= this.checkFinishedElsewhere().finally(() => (this.checking = undefined));
    await Promise.race([finished, sleep(this.options.waitMs)]);
    this.done.delete(id);
  }

  /** Takes no more jobs; resolves when the ones in hand are done (their runs may go on in long steps). */
  async stopTaking(): Promise<void> {
    this.stopping = true;
    this.nudge();
    await this.loop;
    await Promise.allSettled([...this.inflight.values()]);
  }

  /** Closes the queue's connections (after stopTaking). */
  async stop(): Promise<void> {
    await this.stopTaking();
    await this.wakeups?.close();
    await this.boss.stop({ graceful: true, wait: true, close: true, timeout: 10_000 }).catch(() => undefined);
  }

  private async takeJobs(): Promise<void> {
    while (!this.stopping) {
      this.nudged = false;
      const free = this.options.concurrency - this.inflight.size;
      const jobs = free > 0 ? ((await this.boss.fetch(RUN_QUEUE, { batchSize: free })) as Job[]) : [];
      for (const job of jobs) this.take(job);
      if (jobs.length === 0 && !this.stopping && !this.nudged) await new Promise<void>((resolve) => this.idle(resolve));
    }
  }

  /** Wakes the idle loop, or tells a busy one to look again before idling. */
  private nudge(): void {
    if (this.wake) this.wake();
    else this.nudged = true;
  }

  /** Waits for a wake-up (a job queued here, a NOTIFY, a job finished) or the poll interval. */
  private idle(resolve: () => void): void {
    const timer = setTimeout(() => {
      this.wake = undefined;
      resolve();
    }, this.options.pollMs);
    this.wake = () => {
      clearTimeout(timer);
      this.wake = undefined;
      resolve();
    };
  }

  private take(job: Job): void {
    const run = (async () => {
      try {
        await this.engine!.advance(job.data.runId);
        await this.boss.complete(RUN_QUEUE, job.id);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.options.log.warn({ runId: job.data.runId, jobId: job.id, err: message }, 'queue: advancing a run failed; the job will be retried');
        await this.boss.fail(RUN_QUEUE, job.id, { message }).catch(() => undefined);
      }
    })().finally(() => {
      this.inflight.delete(job.id);
      const caller = this.done.get(job.id);
      if (caller) caller();
      else this.wakeups?.jobDone(job.id); // queued by another process (or by one that stopped waiting)
      this.nudge();
    });
    this.inflight.set(job.id, run);
  }

  /**
   * Should a NOTIFY from the process that took a job be lost: one query a second for every job
   * callers here still wait for (one per job would swamp the queue's pool with a thousand waiting).
   */
  private async checkFinishedElsewhere(): Promise<void> {
    while (this.done.size > 0) {
      await sleep(1000);
      const ids = [...this.done.keys()].filter((id) => !this.inflight.has(id)); // taken here: `done` settles it
      if (ids.length === 0) continue;
      const open = await this.boss
        .getDb()
        .executeSql(`select id::text from pgboss.job where name = $1 and id = any($2::uuid[]) and state in ('created', 'retry', 'active')`, [RUN_QUEUE, ids])
        .catch(() => ({ rows: ids.map((id) => ({ id })) }));
      const stillOpen = new Set(open.rows.map((r: { id: string }) => r.id));
      for (const id of ids) if (!stillOpen.has(id)) this.done.get(id)?.();
    }
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());
