import {
  ConflictError,
  EngineError,
  InvalidInputError,
  NotFoundError,
  ValidationFailedError,
  type RunRecord,
  type WorkflowDefinition,
} from '@stepwise/engine';
import { TRPCError } from '@trpc/server';
import type { LanguageModel } from 'ai';
import type { AuthUser } from '../../auth/authenticate';
import { latestStartableVersion } from '../../routers/visible-workflow';
import type { Services } from '../../services';

/** What every chat tool acts with: the signed-in user, their thread and the configured model. */
export interface ChatToolContext {
  services: Services;
  user: AuthUser;
  threadId: string;
  /** The model that generates workflows; `builtin` is free (offline), anything else may cost money. */
  model: { model: LanguageModel; builtin: boolean };
  /** The caller's address, for the audit log. */
  ip?: string | null;
}

/** A failure the model should read and act on (ask the user, fix the input); never a bug. */
export interface ToolFailure {
  error: string;
  fieldErrors?: Record<string, string[]>;
}

/** The run when it is the user's; another user's run reads as not found so existence does not leak. */
export async function ownRun(ctx: ChatToolContext, runId: string): Promise<RunRecord | null> {
  return ctx.services.engine.getRun(runId, { userId: ctx.user.id }).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
}

export const noRun = (runId: string): ToolFailure => ({ error: `There is no execution ${runId} of yours; get_status needs an id returned by start_workflow` });

export interface OwnWorkflow {
  /** The latest version's row id (workflow_definitions.id), what runs reference. */
  versionId: string;
  workflowId: string;
  definition: WorkflowDefinition;
}

/** The latest, not archived version of the user's workflow, or null. */
export async function ownWorkflow(ctx: ChatToolContext, workflowId: string): Promise<OwnWorkflow | null> {
  const version = await latestStartableVersion(ctx.services.pool, workflowId, ctx.user.id);
  return version && { ...version, definition: ctx.services.engine.validate(version.definition) };
}

export const noWorkflow = (workflowId: string): ToolFailure => ({
  error: `There is no workflow ${workflowId} of yours; use the workflowId that generate_workflow returned`,
});

/** The plan a card shows: the steps and how they depend on each other. */
export function planOf(workflowId: string, definition: WorkflowDefinition, version?: number) {
  return {
    workflowId,
    ...(version === undefined ? {} : { version }),
    name: definition.name,
    description: definition.description,
    steps: definition.steps.map((s) => ({ id: s.id, name: s.name, type: s.type, dependencies: s.dependencies })),
  };
}

/**
 * Runs a tool body: failures the model should see (not found, conflicts, invalid input) come back as
 * `{ error }`; anything else is a bug and is thrown.
 */
export async function toolResult<T>(fn: () => Promise<T>): Promise<T | ToolFailure> {
  try {
    return await fn();
  } catch (error) {
    const failure = asToolFailure(error);
    if (failure) return failure;
    throw error;
  }
}

function asToolFailure(error: unknown): ToolFailure | null {
  if (error instanceof InvalidInputError || error instanceof ValidationFailedError) return { error: error.message, fieldErrors: error.fieldErrors };
  if (error instanceof NotFoundError || error instanceof ConflictError || error instanceof EngineError) return { error: error.message };
  if (error instanceof TRPCError && error.code !== 'INTERNAL_SERVER_ERROR') {
    const fieldErrors = (error.cause as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors;
    return fieldErrors ? { error: error.message, fieldErrors } : { error: error.message };
  }
  return null;
}
