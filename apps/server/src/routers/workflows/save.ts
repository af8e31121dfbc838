import { saveDefinitionVersion } from '@stepwise/db';
import type { WorkflowDefinition, WorkflowEngine } from '@stepwise/engine';
import type { Services } from '../../services';
import { prepareDefinition } from './definition-input';
import { summaryOfSaved, type WorkflowSummary } from './summary';

/** A request's MikroORM fork (or a transaction of it). */
export type RequestEm = ReturnType<Services['orm']['em']['fork']>;

/**
 * Validates `input` and saves it as the user's workflow: version 1 of a new workflow, or version n+1
 * of `workflowId` (whose latest definition is `previous`). Older versions are never touched.
 */
export async function saveWorkflowVersion(
  em: RequestEm,
  engine: WorkflowEngine,
  args: { userId: string; input: unknown; workflowId?: string; previous?: WorkflowDefinition },
): Promise<WorkflowSummary> {
  const definition = prepareDefinition(engine, args.input, { userId: args.userId, previous: args.previous });
  const row = await saveDefinitionVersion(em, { workflowId: args.workflowId, ownerId: args.userId, definition });
  return summaryOfSaved(row);
}
