import pg from 'pg';
import type { Logger } from '../logger';

const CHANNEL = 'stepwise_run_queued';
/** A job finished, its id as payload: the process that queued it answers its caller without polling. */
const DONE_CHANNEL = 'stepwise_job_done';

export interface Wakeups {
  /** Tells every process a job is waiting (best effort: polling covers a lost one). */
  notify(): Promise<void>;
  /** Tells every process job `jobId` is done (best effort: the caller's process also polls). */
  jobDone(jobId: string): void;
  close(): Promise<void>;
}

/**
 * LISTEN/NOTIFY between processes so an idle one takes a new job at once instead of at its next
 * poll. The connection is re-opened (with backoff) whenever PostgreSQL drops it.
 */
export async function listenForWakeups(databaseUrl: string, log: Logger, onWake: () => void, onJobDone: (jobId: string) => void): Promise<Wakeups> {
  let client: pg.Client | undefined;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let sending: Promise<void> | undefined;
  let again = false;

  const connect = async (attempt: number): Promise<void> => {
    if (closed) return;
    const next = new pg.Client({ connectionString: databaseUrl, application_name: 'stepwise-wakeups' });
    next.on('notification', (message) => (message.channel === DONE_CHANNEL ? onJobDone(message.payload ?? '') : onWake()));
    next.on('error', (error) => {
      log.warn({ err: error.message }, 'queue wake-ups: connection lost; reconnecting');
      if (client === next) client = undefined;
      void next.end().catch(() => undefined);
      schedule(0);
    });
    try {
      await next.connect();
      await next.query(`listen ${CHANNEL}; listen ${DONE_CHANNEL}`);
      if (closed) return void (await next.end());
      client = next;
      if (attempt > 0) log.info('queue wake-ups: reconnected');
      onWake(); // jobs may have arrived while we were away
    } catch (error) {
      void next.end().catch(() => undefined);
      if (attempt === 0) throw error;
      schedule(attempt);
    }
  };
  const schedule = (attempt: number) => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect(attempt + 1);
    }, Math.min(100 * 2 ** attempt, 5_000));
    retry.unref?.();
  };

  await connect(0);
  return {
    notify() {
      // One NOTIFY at a time on the connection; calls meanwhile fold into one more after it.
      if (sending) {
        again = true;
        return sending;
      }
      sending = (async () => {
        do {
          again = false;
          await client?.query(`notify ${CHANNEL}`).catch(() => undefined);
        } while (again);
        sending = undefined;
      })();
      return sending;
    },
    jobDone(jobId) {
      void client?.query('select pg_notify($1, $2)', [DONE_CHANNEL, jobId]).catch(() => undefined);
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
      client = undefined;
    },
  };
}
