import type { LanguageModel } from 'ai';
import type { z } from 'zod';
import type { AiPort } from '../ai/calls';
import type { WorkflowContext } from '../context';
import type { WorkflowDefinition, WorkflowStep } from '../definition';
import type { DefinitionIssue } from '../errors';
import type { StepRegistry } from '../registry';
import type { WaitingFor } from '../status';

/** What a step's execution produced. Failures are thrown as EngineError subclasses. */
export type StepOutcome =
  | {
      status: 'completed';
      output: Record<string, unknown>;
      /** What the step read, stored with the attempt for the execution timeline. */
      input?: unknown;
      /** Steps not taken by a decision: the engine marks them skipped, and those depending only on them. */
      skip?: string[];
    }
  | {
      status: 'waiting';
      waitingFor: WaitingFor;
      /** waiting for review: the proposal a person accepts or rejects. waiting for input: the form spec. */
      output?: unknown;
      input?: unknown;
    };

export interface ExecuteContext {
  context: WorkflowContext;
  definition: WorkflowDefinition;
  runId: string;
  attempt: number;
  /** Reviewer feedback when an AI step is produced again after a reject. */
  feedback: string | null;
  /** The previous (rejected) proposal, if any. */
  previousOutput: unknown;
  signal: AbortSignal;
  model: LanguageModel | undefined;
  /** Response cache and call recording for AI steps. */
  ai?: AiPort;
  reportProgress(text: string): void;
}

/** What static validation of one step can see. */
export interface ValidationContext {
  definition: WorkflowDefinition;
  registry: StepRegistry;
  /** `steps[i]` path prefix for issues. */
  path: string;
  /** Ids of every step this one (transitively) depends on. */
  ancestors: ReadonlySet<string>;
}

export interface StepExecutor<Config = Record<string, unknown>> {
  readonly type: string;
  /** One line for the step library shown to people and to the workflow generator. */
  readonly description: string;
  readonly configSchema: z.ZodType<Config>;
  /**
   * Long steps (model calls) are claimed with a lease and run in the background; the engine
   * commits "running" before calling execute. Short steps are executed and committed at once.
   */
  readonly long: boolean;
  /** Static checks beyond the config schema: JSON Schemas compile, CEL parses and names known fields. */
  validate(step: WorkflowStep, config: Config, ctx: ValidationContext): DefinitionIssue[];
  /** Context paths the step reads (e.g. `profile.income`). */
  requiredInputs(step: WorkflowStep, config: Config): string[];
  /** Top-level fields of the step's output (so CEL can check `step_id.field`). */
  outputs(step: WorkflowStep, config: Config): string[];
  execute(step: WorkflowStep, config: Config, ctx: ExecuteContext): Promise<StepOutcome>;
  /**
   * Steps waiting for input: validates a person's submission and returns the output to store.
   * Throws InvalidInputError with per-field messages.
   */
  submit?(step: WorkflowStep, config: Config, submission: unknown, ctx: ExecuteContext): Record<string, unknown>;
}

// The registry stores executors of differing config types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStepExecutor = StepExecutor<any>;
