import type { LanguageModel } from 'ai';
import type { AiPort } from './ai/calls';
import { type CompiledDefinition, stepEntry } from './compiled';
import { serializeError } from './errors';
import type { EngineEvent } from './events';
import type { ExecuteContext } from './executors/types';
import type { ExecutedStep } from './operations';
import { runWithPolicy } from './policy';
import type { RunRecord } from './run';

/** Executes one step of a run: builds what the executor sees, applies time limits and retries. */
export class StepRunner {
  constructor(
    private readonly deps: {
      model: LanguageModel | undefined;
      ai?: AiPort;
      now: () => Date;
      emit: (events: EngineEvent[]) => void;
      /** Aborted when the engine closes: no more retries. */
      stop: AbortSignal;
    },
  ) {}

  context(run: RunRecord, c: CompiledDefinition, stepId: string, signal?: AbortSignal): ExecuteContext {
    const record = run.steps[stepId]!;
    const previous = (record.input as { previous_output?: unknown } | null)?.previous_output ?? null;
    return {
      context: run.context,
      definition: c.definition,
      runId: run.id,
      attempt: Math.max(1, record.attempt),
      feedback: record.feedback,
      previousOutput: previous,
      signal: signal ?? new AbortController().signal,
      model: this.deps.model,
      ai: this.deps.ai,
      reportProgress: (text) => this.progress(run, stepId, text),
    };
  }

  private progress(run: RunRecord, stepId: string, text: string): void {
    this.deps.emit([{ type: 'step.progress', runId: run.id, userId: run.userId, stepId, at: this.deps.now().toISOString(), text }]);
  }

  async run(run: RunRecord, c: CompiledDefinition, stepId: string): Promise<ExecutedStep> {
    const { step, executor, config } = stepEntry(c, stepId);
    const startedAt = this.deps.now();
    try {
      const outcome = await runWithPolicy(
        step,
        executor.long,
        (signal) => executor.execute(step, config, this.context(run, c, stepId, signal)),
        (error, tryNumber, waitMs) =>
          this.progress(run, stepId, `Attempt ${tryNumber} failed (${serializeError(error).message}); trying again in ${waitMs} ms`),
        this.deps.stop,
      );
      return { kind: 'done', stepId, outcome, startedAt };
    } catch (error) {
      return { kind: 'failed', stepId, error: serializeError(error), startedAt };
    }
  }
}
