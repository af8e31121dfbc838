/** Every engine error has a stable `code` callers can switch on and a `retryable` flag. */
export abstract class EngineError extends Error {
  abstract readonly code: string;
  readonly retryable: boolean = false;
  constructor(message: string, readonly details?: unknown) {
    super(message);
    this.name = new.target.name;
  }
  toJSON(): { code: string; message: string; details?: unknown } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export type DefinitionIssueCode =
  | 'invalid_shape'
  | 'unknown_step_type'
  | 'invalid_config'
  | 'duplicate_step_id'
  | 'dangling_dependency'
  | 'cycle'
  | 'unreachable_step'
  | 'unknown_entry_point'
  | 'entry_point_has_dependencies'
  | 'unknown_exit_point'
  | 'invalid_json_schema'
  | 'invalid_cel'
  | 'unknown_field'
  | 'invalid_branch'
  | 'reserved_step_id';

export interface DefinitionIssue {
  code: DefinitionIssueCode;
  /** Where in the definition, e.g. `steps[2].config.branches[0].condition`. */
  path: string;
  message: string;
  stepIds?: string[];
}

export class DefinitionError extends EngineError {
  readonly code = 'invalid_definition';
  constructor(readonly issues: DefinitionIssue[]) {
    super(
      `The workflow definition is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues,
    );
  }
}

export class NotFoundError extends EngineError {
  readonly code = 'not_found';
}

/** The operation does not fit the current state (e.g. the step is no longer waiting). */
export class ConflictError extends EngineError {
  readonly code = 'conflict';
}

export type FieldErrors = Record<string, string[]>;

/** A person's submission did not pass the form's schema or validation rules. */
export class InvalidInputError extends EngineError {
  readonly code = 'invalid_input';
  /** `rules`: every checked rule with its outcome, when a validation step failed (for showing passed checks too). */
  constructor(message: string, readonly fieldErrors: FieldErrors, rules?: readonly unknown[]) {
    super(message, rules ? { fieldErrors, rules } : { fieldErrors });
  }
}

/** A validation step found rule violations in the collected data. */
export class ValidationFailedError extends EngineError {
  readonly code = 'validation_failed';
  /** `rules`: every checked rule with its outcome, when a validation step failed (for showing passed checks too). */
  constructor(message: string, readonly fieldErrors: FieldErrors, rules?: readonly unknown[]) {
    super(message, rules ? { fieldErrors, rules } : { fieldErrors });
  }
}

export class StepExecutionError extends EngineError {
  readonly code: string = 'step_failed';
  override readonly retryable: boolean;
  constructor(message: string, options: { retryable?: boolean; details?: unknown } = {}) {
    super(message, options.details);
    this.retryable = options.retryable ?? false;
  }
}

export class StepTimeoutError extends StepExecutionError {
  override readonly code = 'step_timeout';
  constructor(stepId: string, timeoutMs: number) {
    super(`Step "${stepId}" did not finish within ${timeoutMs} ms`, { retryable: true });
  }
}

/** The model's answer could not be used (bad JSON, failed the output schema, provider error). */
export class AIExecutionError extends StepExecutionError {
  override readonly code = 'ai_execution_failed';
  constructor(message: string, options: { retryable?: boolean; details?: unknown } = {}) {
    super(message, { retryable: options.retryable ?? true, details: options.details });
  }
}

/** Raised by a Store when a commit's expected version is no longer current. Internal: the engine retries. */
export class StaleVersionError extends EngineError {
  readonly code = 'stale_version';
  override readonly retryable = true;
  constructor(runId: string, expected: number) {
    super(`Run ${runId} changed since version ${expected}`);
  }
}

export interface SerializedError {
  code: string;
  message: string;
  details?: unknown;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof EngineError) return error.toJSON();
  if (error instanceof Error) return { code: 'internal', message: error.message };
  return { code: 'internal', message: String(error) };
}
