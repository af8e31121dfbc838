import { DefinitionError, type DefinitionIssue, type WorkflowDefinition, type WorkflowDefinitionInput, type WorkflowEngine } from '@stepwise/engine';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';

/** Deeper JSON is refused before it reaches validators and PostgreSQL (which would fail on it with a 500). */
export { jsonStorageProblem, MAX_JSON_DEPTH } from '../../json-safety';
import { jsonStorageProblem } from '../../json-safety';
/** Largest JSON text `importJson` accepts (characters). */
export const MAX_IMPORT_CHARS = 1_000_000;

/** A definition as sent by a client: any JSON object; the engine checks the rest and reports every issue. */
export const definitionInputSchema = z.custom<WorkflowDefinitionInput>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  'definition must be a JSON object (a workflow definition)',
);

/** Carries the engine's issues to the errorFormatter: `details` (the list) and `fieldErrors` (by path). */
class DefinitionIssuesCause extends Error {
  readonly fieldErrors: Record<string, string[]>;
  constructor(readonly details: DefinitionIssue[]) {
    super('invalid workflow definition');
    this.fieldErrors = {};
    for (const issue of details) (this.fieldErrors[issue.path] ??= []).push(issue.message);
  }
}

/**
 * Validates a definition with the engine (BAD_REQUEST listing every issue in `details`) and stamps it
 * for saving: `created_by` is the user, `updated_at` now, `created_at` kept from `previous` on updates.
 */
export function prepareDefinition(
  engine: WorkflowEngine,
  input: unknown,
  stamp: { userId: string; previous?: WorkflowDefinition },
): WorkflowDefinition {
  const problem = jsonStorageProblem(input);
  if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: `The workflow definition cannot be stored: ${problem}` });
  let definition: WorkflowDefinition;
  try {
    definition = engine.validate(input);
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error;
    throw new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause: new DefinitionIssuesCause(error.issues) });
  }
  const now = new Date().toISOString();
  return {
    ...definition,
    created_by: stamp.userId,
    created_at: stamp.previous?.created_at ?? now,
    updated_at: now,
  };
}

/** Parses an uploaded definition file; BAD_REQUEST "not valid JSON: ..." when it is not JSON. */
export function parseDefinitionJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: `not valid JSON: ${(error as Error).message}` });
  }
}
