import type { RunRecord } from '@stepwise/engine';
import type { Context } from '../context';
import { mapErrors } from '../errors';

export type AuthedContext = Context & { user: NonNullable<Context['user']> };

/** The run, if it belongs to the caller. Another user's run is NOT_FOUND so existence does not leak. */
export function ownRun(ctx: AuthedContext, runId: string): Promise<RunRecord> {
  return mapErrors(() => ctx.services.engine.getRun(runId, { userId: ctx.user.id }));
}
