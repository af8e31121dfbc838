import type { RunPatch, RunRecord, SerializedError, StepRecord, WorkflowContext, WorkflowDefinition } from '@stepwise/engine';
import { type FieldCipher, isSealed } from './cipher';
import { aad, openTree, sealTree } from './sealed-tree';
import { SensitiveFields } from './sensitive-fields';

type RunValues = Pick<RunPatch, 'context' | 'results' | 'error'>;
type StepValues = Pick<StepRecord, 'stepId' | 'attempt' | 'waitingFor' | 'input' | 'output' | 'error'>;

/**
 * Seals and opens the sensitive fields of a run's stored values: its context, results and error,
 * and each step attempt's input, output and error. Which fields is read from the run's definition.
 */
export class RunSealer {
  private readonly fields = new WeakMap<WorkflowDefinition, SensitiveFields>();

  constructor(readonly cipher: FieldCipher) {}

  sensitiveFields(definition: WorkflowDefinition): SensitiveFields {
    let fields = this.fields.get(definition);
    if (!fields) this.fields.set(definition, (fields = new SensitiveFields(definition)));
    return fields;
  }

  sealRun<T extends RunValues>(runId: string, definition: WorkflowDefinition, run: T): T {
    const fields = this.sensitiveFields(definition);
    const has = (name: string) => fields.has(name);
    const seal = (path: string, value: unknown) => sealTree(this.cipher, runId, path, value, has);
    const context: WorkflowContext = {
      ...run.context,
      data: seal('context.data', run.context.data) as WorkflowContext['data'],
      metadata: seal('context.metadata', run.context.metadata) as WorkflowContext['metadata'],
    };
    return { ...run, context, results: seal('results', run.results) as RunValues['results'], error: seal('error', run.error) as SerializedError | null };
  }

  openRun<T extends RunValues>(runId: string, run: T): T {
    const open = (path: string, value: unknown) => openTree(this.cipher, runId, path, value);
    const context: WorkflowContext = {
      ...run.context,
      data: open('context.data', run.context.data) as WorkflowContext['data'],
      metadata: open('context.metadata', run.context.metadata) as WorkflowContext['metadata'],
    };
    return { ...run, context, results: open('results', run.results) as RunValues['results'], error: open('error', run.error) as SerializedError | null };
  }

  sealStep<T extends StepValues>(runId: string, definition: WorkflowDefinition, step: T): T {
    const fields = this.sensitiveFields(definition);
    const has = (name: string) => fields.has(name);
    const at = `steps.${step.stepId}.${step.attempt}`;
    return {
      ...step,
      input: sealTree(this.cipher, runId, `${at}.input`, step.input, fields.inStepInput(step.stepId)),
      // A form waiting for answers holds its spec (from the definition), not anyone's data.
      output: step.waitingFor === 'input' ? step.output : sealTree(this.cipher, runId, `${at}.output`, step.output, has),
      error: sealTree(this.cipher, runId, `${at}.error`, step.error, has) as SerializedError | null,
    };
  }

  openStep<T extends StepValues>(runId: string, step: T): T {
    const at = `steps.${step.stepId}.${step.attempt}`;
    return {
      ...step,
      input: openTree(this.cipher, runId, `${at}.input`, step.input),
      output: openTree(this.cipher, runId, `${at}.output`, step.output),
      error: openTree(this.cipher, runId, `${at}.error`, step.error) as SerializedError | null,
    };
  }

  /**
   * A model call's prompt or response as stored in a text column: always sealed, as a prompt
   * quotes whatever the step was given and an answer may repeat it. `part` names which one.
   */
  sealCallText(call: { runId: string; stepId: string; attempt: number }, part: 'prompt' | 'response', text: string): string {
    return JSON.stringify(this.cipher.seal(text, aad(call.runId, `ai.${call.stepId}.${call.attempt}.${part}`)));
  }

  /** What `sealCallText` was given; text stored before calls were sealed comes back as it is. */
  openCallText(call: { runId: string; stepId: string; attempt: number }, part: 'prompt' | 'response', stored: string): string {
    let parsed: unknown;
    try {
      parsed = JSON.parse(stored);
    } catch {
      return stored;
    }
    return isSealed(parsed) ? String(this.cipher.open(parsed, aad(call.runId, `ai.${call.stepId}.${call.attempt}.${part}`))) : stored;
  }

  /**
   * A chat message's parts, stored as one sealed value: people type their figures into the chat,
   * and tool results quote runs. Bound to the thread and message id.
   */
  sealMessageParts(threadId: string, messageId: string, parts: readonly unknown[]): unknown[] {
    return [this.cipher.seal(parts, aad(threadId, `chat.${messageId}`))];
  }

  /** What `sealMessageParts` was given; parts stored before messages were sealed come back as they are. */
  openMessageParts(threadId: string, messageId: string, stored: unknown[]): unknown[] {
    const [only] = stored;
    return stored.length === 1 && isSealed(only) ? (this.cipher.open(only, aad(threadId, `chat.${messageId}`)) as unknown[]) : stored;
  }

  /** The whole record opened: every sealed value opens or this throws (nothing half-opened comes back). */
  openRecord(record: RunRecord): RunRecord {
    const steps: Record<string, StepRecord> = {};
    for (const [id, step] of Object.entries(record.steps)) steps[id] = this.openStep(record.id, step);
    return { ...this.openRun(record.id, record), steps };
  }

  sealRecord(record: RunRecord): RunRecord {
    const steps: Record<string, StepRecord> = {};
    for (const [id, step] of Object.entries(record.steps)) steps[id] = this.sealStep(record.id, record.definition, step);
    return { ...this.sealRun(record.id, record.definition, record), steps };
  }
}
