import { TRPCError } from '@trpc/server';
import type { Services } from '../services';

/** Runs that hold a place: started and not finished (paused runs do no work and do not count). */
const ACTIVE = ['pending', 'running', 'waiting_for_input', 'waiting_for_review'];

/**
 * Refuses a new run when the user already has MAX_ACTIVE_RUNS_PER_USER active ones. Checked before
 * the start, not in one transaction with it: simultaneous starts may pass it by a few.
 */
export async function assertRunCapacity(services: Pick<Services, 'pool' | 'config'>, userId: string): Promise<void> {
  const limit = services.config.MAX_ACTIVE_RUNS_PER_USER;
  const { rows } = await services.pool.query<{ active: number }>(
    `select count(*)::int as active from (select 1 from workflow_executions where user_id = $1 and status = any($2) limit $3) as capped`,
    [userId, ACTIVE, limit],
  );
  if ((rows[0]?.active ?? 0) < limit) return;
  throw new TRPCError({
    code: 'TOO_MANY_REQUESTS',
    message: `You already have ${limit} run${limit === 1 ? '' : 's'} in progress (the most allowed at once); finish or cancel one before starting another`,
  });
}
