import type { ExecutionView, StepView } from '../lib/types';

/** A stored engine error: `{ code, message, details? }`. */
export type StoredError = NonNullable<ExecutionView['error']>;

/** What each engine error code means, for a person rather than a log. */
const ERROR_TITLES: Record<string, string> = {
  step_timeout: 'This step took too long and was stopped',
  ai_execution_failed: 'The AI could not produce a usable answer',
  validation_failed: 'Some checks did not pass',
  step_failed: 'This step could not finish',
  invalid_input: 'Some answers need fixing',
  stuck: 'The workflow could not continue',
  not_found: 'Something this step needs is missing',
  conflict: 'This changed while you were looking',
  internal: 'Something went wrong on our side',
};

export const errorTitle = (error: StoredError | null | undefined) => ERROR_TITLES[error?.code ?? ''] ?? 'Something went wrong';

/** Messages per field that an engine error carries (`details.fieldErrors`), if any. */
export function storedFieldErrors(error: StoredError | null | undefined): Record<string, string[]> {
  const details = error?.details as { fieldErrors?: unknown } | null | undefined;
  const fieldErrors = details?.fieldErrors;
  return fieldErrors && typeof fieldErrors === 'object' && !Array.isArray(fieldErrors) ? (fieldErrors as Record<string, string[]>) : {};
}

/** The step a failed run stopped at: the one named in the error, else the first failed step. */
export function failedStepOf(run: ExecutionView): StepView | undefined {
  const details = run.error?.details as { stepId?: unknown } | null | undefined;
  const named = typeof details?.stepId === 'string' ? run.steps.find((s) => s.stepId === details.stepId) : undefined;
  return named ?? run.steps.find((s) => s.status === 'failed');
}

/** Step names for ids, so cards speak of "Income and expenses", not `income_and_expenses`. */
export function stepName(run: ExecutionView, stepId: string): string {
  return run.steps.find((s) => s.stepId === stepId)?.name ?? stepId;
}
