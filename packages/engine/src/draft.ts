import type { RunBudget } from './budget';
import { withStepOutput, withoutStepOutputs } from './context';
import type { SerializedError } from './errors';
import type { RunPatch, RunRecord, StepRecord } from './run';
import type { RunStatus, WaitingFor } from './status';
import { assertRunTransition, assertStepTransition } from './transitions';

/**
 * A working copy of a run for one commit. Every change goes through the transition table; the
 * draft remembers which step attempts changed so the store writes only those.
 */
export class RunDraft {
  readonly run: RunRecord;
  private readonly changed = new Map<string, StepRecord>();
  private touched = false;

  constructor(
    readonly before: RunRecord,
    readonly now: Date,
  ) {
    this.run = { ...before, steps: { ...before.steps } };
  }

  /** Forces a commit even without changes (to claim the run's lease). */
  touch(): void {
    this.touched = true;
  }

  get dirty(): boolean {
    return this.touched || this.changed.size > 0 || this.run.status !== this.before.status || this.run.context !== this.before.context;
  }

  step(stepId: string): StepRecord {
    const record = this.run.steps[stepId];
    if (!record) throw new Error(`Run ${this.run.id} has no step "${stepId}"`);
    return record;
  }

  changedSteps(): StepRecord[] {
    return [...this.changed.values()];
  }

  setStatus(to: RunStatus, error: SerializedError | null = this.run.error): void {
    assertRunTransition(this.run.status, to);
    this.run.status = to;
    this.run.error = to === 'failed' ? error : null;
    if (to === 'completed' || to === 'cancelled') this.run.completedAt = this.now;
    if (to === 'running' || to === 'paused') this.run.completedAt = null;
  }

  private put(next: StepRecord): void {
    const current = this.step(next.stepId);
    if (current.attempt === next.attempt) assertStepTransition(next.stepId, current.status, next.status);
    this.run.steps[next.stepId] = next;
    this.changed.set(`${next.stepId}#${next.attempt}`, next);
  }

  /** Replaces the run's budget state (spend, approvals, hold). */
  setBudget(budget: RunBudget): void {
    this.run.context = { ...this.run.context, budget, updated_at: this.now.toISOString() };
  }

  /** Marks a step running (claimed). Attempt 0 becomes attempt 1. */
  start(stepId: string, startedAt: Date = this.now): StepRecord {
    const s = this.step(stepId);
    const next = { ...s, status: 'running' as const, attempt: Math.max(1, s.attempt), startedAt, error: null };
    this.put(next);
    return next;
  }

  complete(stepId: string, output: Record<string, unknown>, input: unknown, startedAt: Date | null): void {
    const s = this.step(stepId);
    this.put({
      ...s,
      status: 'completed',
      attempt: Math.max(1, s.attempt),
      waitingFor: null,
      input: input === undefined ? s.input : input,
      output,
      error: null,
      ...this.finished(s, startedAt),
    });
    this.run.context = withStepOutput(this.run.context, stepId, output, this.now);
  }

  wait(stepId: string, waitingFor: WaitingFor, output: unknown, input: unknown, startedAt: Date | null): void {
    const s = this.step(stepId);
    this.put({
      ...s,
      status: 'waiting',
      attempt: Math.max(1, s.attempt),
      waitingFor,
      input: input === undefined ? s.input : input,
      output: output ?? null,
      error: null,
      startedAt: startedAt ?? s.startedAt ?? this.now,
    });
  }

  fail(stepId: string, error: SerializedError, startedAt: Date | null): void {
    const s = this.step(stepId);
    this.put({ ...s, status: 'failed', attempt: Math.max(1, s.attempt), waitingFor: null, error, ...this.finished(s, startedAt) });
  }

  /** An attempt that ends now: it started at `startedAt`, else when it was claimed, else now. */
  private finished(s: StepRecord, startedAt: Date | null): Pick<StepRecord, 'startedAt' | 'completedAt' | 'durationMs'> {
    const started = startedAt ?? s.startedAt ?? this.now;
    return { startedAt: started, completedAt: this.now, durationMs: this.now.getTime() - started.getTime() };
  }

  /** A skipped step's output is `null`, so later conditions can test `step == null`. */
  skip(stepId: string): void {
    const s = this.step(stepId);
    this.put({ ...s, status: 'skipped', attempt: Math.max(1, s.attempt), completedAt: this.now, durationMs: 0 });
    this.run.context = withStepOutput(this.run.context, stepId, null, this.now);
  }

  cancel(stepId: string): void {
    const s = this.step(stepId);
    this.put({ ...s, status: 'cancelled', attempt: Math.max(1, s.attempt), waitingFor: null, completedAt: this.now });
  }

  /**
   * Starts a new attempt of a step (reject, retry, invalidation, lease expiry). The old attempt
   * keeps its row: a waiting or running one is closed as cancelled with `reason`.
   */
  restart(stepId: string, reason: SerializedError, feedback: string | null = null): void {
    const s = this.step(stepId);
    if (s.attempt > 0) {
      if (s.status === 'waiting' || s.status === 'running') {
        this.put({ ...s, status: 'cancelled', waitingFor: null, error: reason, feedback, completedAt: this.now });
      } else if (feedback !== null) {
        this.put({ ...s, feedback });
      }
    }
    const previousOutput = s.status === 'waiting' || s.status === 'completed' ? s.output : null;
    const next: StepRecord = {
      stepId,
      stepType: s.stepType,
      status: 'pending',
      attempt: s.attempt + 1,
      waitingFor: null,
      input: previousOutput === null ? null : { previous_output: previousOutput },
      output: null,
      error: null,
      feedback,
      startedAt: null,
      completedAt: null,
      durationMs: null,
    };
    this.run.steps[stepId] = next;
    this.changed.set(`${stepId}#${next.attempt}`, next);
    this.run.context = withoutStepOutputs(this.run.context, [stepId], this.now);
  }

  /** The run-level fields to write, with the lease held by `owner` while the run is active. */
  patch(owner: string | null, leaseUntil: Date | null): RunPatch {
    const active = this.run.status === 'running' || this.run.status === 'pending';
    return {
      status: this.run.status,
      context: this.run.context,
      results: this.run.results,
      error: this.run.error,
      leaseOwner: active ? owner : null,
      leaseExpiresAt: active ? leaseUntil : null,
      completedAt: this.run.completedAt,
      updatedAt: this.now,
    };
  }
}
