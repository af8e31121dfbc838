import type { LanguageModel } from 'ai';
import { randomUUID } from 'node:crypto';
import { type CompiledDefinition, compileDefinition, stepEntry } from './compiled';
import { createContext } from './context';
import type { WorkflowDefinition } from './definition';
import { RunDraft } from './draft';
import { ConflictError, NotFoundError, StaleVersionError } from './errors';
import { type EngineEvent, type EventListener, stepEventsOf } from './events';
import {
  acceptChange,
  applyOutcome,
  approveBudgetChange,
  cancelChange,
  type Mutation,
  pauseChange,
  rejectChange,
  resumeChange,
  retryChange,
  submitInputChange,
} from './operations';
import { concludeIfSettled, settle } from './planner';
import { addSpend, type BudgetCaps, budgetHold, type BudgetPort, runBudget, spendOf } from './budget';
import { StepRunner } from './step-runner';
import type { AiPort } from './ai/calls';
import type { StepRegistry } from './registry';
import { pendingStep, type RunRecord } from './run';
import type { RunStatus } from './status';
import type { Store } from './store';
import { validateDefinition } from './validate-definition';

export interface EngineOptions {
  store: Store;
  registry: StepRegistry;
  /** The language model AI steps call (an AI SDK LanguageModel). */
  model?: LanguageModel;
  /** Response cache and call recording for AI steps. */
  ai?: AiPort;
  /** Per-run and per-person-per-day caps on model spend; without it AI steps are not limited. */
  budget?: BudgetPort;
  /**
   * Hands runs to a queue any process takes work from (starts and people's actions); without it the
   * process that receives an action drives the run itself.
   */
  dispatcher?: Dispatcher;
  /** Identifies this process in leases. */
  owner?: string;
  /** How long a run stays claimed by a process that stops renewing (crash). */
  leaseMs?: number;
  now?: () => Date;
  newId?: () => string;
}

/** Where runs go to be advanced by whichever process takes them (`WorkflowEngine.advance`). */
export interface Dispatcher {
  /** Queues the run; resolves once a process has advanced it, or after a bounded wait. */
  dispatch(runId: string): Promise<void>;
}

/** Who is acting: operations with a userId apply only to that user's runs (others are NotFound). */
export interface Owner {
  userId?: string;
}

export interface StartArgs {
  /** The stored definition version id (what the run references). */
  workflowId: string;
  definition: WorkflowDefinition;
  userId: string;
  sessionId: string;
  input?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  /** This run's own caps on model spend (the BudgetPort's defaults apply where missing). */
  budget?: BudgetCaps;
  runId?: string;
}

const ACTIVE: readonly RunStatus[] = ['pending', 'running'];
const MAX_COMMIT_RETRIES = 25;

/**
 * Runs workflow definitions durably over a Store: every state change is one atomic commit guarded
 * by the run's version, so concurrent operations on one run never both apply and a crashed
 * process's work is picked up from the last commit.
 */
export class WorkflowEngine {
  readonly owner: string;
  private readonly store: Store;
  private readonly registry: StepRegistry;
  private readonly model: LanguageModel | undefined;
  private readonly budget: BudgetPort | undefined;
  private readonly dispatcher: Dispatcher | undefined;
  private readonly leaseMs: number;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly listeners = new Set<EventListener>();
  private readonly validated = new Map<string, WorkflowDefinition>();
  private readonly tasks = new Set<Promise<void>>();
  private readonly inflight = new Set<string>();
  private readonly stopping = new AbortController();
  private recoveryTimer: ReturnType<typeof setInterval> | undefined;
  private readonly steps: StepRunner;

  constructor(options: EngineOptions) {
    this.store = options.store;
    this.registry = options.registry;
    this.model = options.model;
    this.budget = options.budget;
    this.dispatcher = options.dispatcher;
    this.owner = options.owner ?? `engine-${randomUUID()}`;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
    this.steps = new StepRunner({ model: this.model, ai: options.ai, now: this.now, emit: (events) => this.emit(events), stop: this.stopping.signal });
  }

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Validates a definition against the registered step types (throws DefinitionError). */
  validate(definition: unknown): WorkflowDefinition {
    return validateDefinition(definition, this.registry);
  }

  /** The run; with `owner.userId`, only if it is that user's (another user's run is NotFound too). */
  async getRun(runId: string, owner: Owner = {}): Promise<RunRecord> {
    const run = await this.store.loadRun(runId);
    if (!run || (owner.userId !== undefined && run.userId !== owner.userId)) throw new NotFoundError(`No execution ${runId}`);
    return run;
  }

  async start(args: StartArgs): Promise<RunRecord> {
    let definition = this.validated.get(args.workflowId);
    if (!definition) {
      definition = this.validate(args.definition);
      this.validated.set(args.workflowId, definition);
    }
    const now = this.now();
    const compiled = compileDefinition(definition, this.registry);
    const run: RunRecord = {
      id: args.runId ?? this.newId(),
      workflowId: args.workflowId,
      definition,
      userId: args.userId,
      sessionId: args.sessionId,
      status: 'pending',
      context: createContext({ ...args, now }),
      results: null,
      error: null,
      steps: Object.fromEntries(compiled.order.map((id) => [id, pendingStep(id, stepEntry(compiled, id).step.type)])),
      version: 0,
      leaseOwner: this.owner,
      leaseExpiresAt: new Date(now.getTime() + this.leaseMs),
      startedAt: now,
      completedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    if (!this.dispatcher) return this.drive(run, true);
    // Stored unclaimed: the process that takes the job claims it; recovery does if the job is lost.
    await this.create(new RunDraft({ ...run, leaseOwner: null }, now), null);
    await this.dispatcher.dispatch(run.id);
    return this.getRun(run.id);
  }

  /** A person's answers for a step waiting for input. Throws InvalidInputError with per-field messages. */
  submitInput(runId: string, stepId: string, submission: unknown, owner: Owner = {}): Promise<RunRecord> {
    return this.operate(runId, submitInputChange(stepId, submission, (d, c) => this.steps.context(d.run, c, stepId)), false, owner);
  }

  /** Accepts the AI result a step is waiting on; it becomes the step's output. */
  accept(runId: string, stepId: string, owner: Owner = {}): Promise<RunRecord> {
    return this.operate(runId, acceptChange(stepId), false, owner);
  }

  /**
   * Rejects an AI result: the step runs again with the feedback, and only the steps downstream of
   * it are invalidated.
   */
  reject(runId: string, stepId: string, feedback: string, owner: Owner = {}): Promise<RunRecord> {
    return this.operate(runId, rejectChange(stepId, feedback), false, owner);
  }

  /** Runs a failed step again (a new attempt). */
  retryStep(runId: string, stepId: string, owner: Owner = {}): Promise<RunRecord> {
    return this.operate(runId, retryChange(stepId), false, owner);
  }

  /** Pauses at the next step boundary. Pausing a paused run changes nothing. */
  pause(runId: string, owner: Owner = {}): Promise<RunRecord> {
    return this.operate(runId, pauseChange, false, owner);
  }

  resume(runId: string, owner: Owner = {}): Promise<RunRecord> {
    return this.operate(runId, resumeChange, false, owner);
  }

  /**
   * Lets a run paused at a budget cap go on, allowing it `extra` more (in the unit of the cap it
   * hit; by default the hold's suggestion).
   */
  approveBudget(runId: string, extra?: number, owner: Owner = {}): Promise<RunRecord> {
    return this.operate(runId, approveBudgetChange(extra), false, owner);
  }

  /** Cancels for good: every unfinished step is cancelled. Cancelling a cancelled run changes nothing. */
  cancel(runId: string, owner: Owner = {}): Promise<RunRecord> {
    return this.operate(runId, cancelChange, false, owner);
  }

  /**
   * Claims the run if no live process holds it and drives it on (what a queued job does). Steps a
   * dead process left running are started again. Returns whether this process took the run.
   */
  async advance(runId: string): Promise<boolean> {
    let taken = false;
    await this.operate(
      runId,
      (d) => {
        taken = false;
        if (!ACTIVE.includes(d.run.status) || !this.mayDrive(d.run)) return false;
        taken = true;
        for (const s of Object.values(d.run.steps)) {
          if (s.status === 'running' && !this.inflight.has(`${runId}:${s.stepId}:${s.attempt}`)) {
            d.restart(s.stepId, { code: 'lease_expired', message: 'The process running this step stopped; running it again' });
          }
        }
        if (d.run.status === 'pending') d.setStatus('running');
        else d.touch(); // claim the lease even when nothing else changes
      },
      true,
      {},
      true,
    );
    return taken;
  }

  /** Drives on every run a dead process left behind (or a lost job). Returns how many were picked up. */
  async recover(limit = 100): Promise<number> {
    const ids = await this.store.listRecoverable(this.now(), limit);
    let picked = 0;
    for (const id of ids) {
      try {
        if (await this.advance(id)) picked++;
      } catch (error) {
        if (!(error instanceof ConflictError) && !(error instanceof NotFoundError)) throw error;
      }
    }
    return picked;
  }

  /** Checks for abandoned runs every `intervalMs` (run once at once). */
  startRecovery(intervalMs = Math.max(500, Math.floor(this.leaseMs / 2))): void {
    const tick = () => void this.recover().catch(() => undefined);
    tick();
    this.recoveryTimer = setInterval(tick, intervalMs);
    this.recoveryTimer.unref?.();
  }

  /** Resolves when every background step of this process has finished. */
  async idle(): Promise<void> {
    while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
  }

  /** Stops recovery, lets in-flight steps finish (up to `graceMs`) and stops taking work. */
  async close(graceMs = 10_000): Promise<void> {
    clearInterval(this.recoveryTimer);
    const timeout = new Promise<void>((r) => setTimeout(r, graceMs).unref?.());
    await Promise.race([this.idle(), timeout]);
    this.stopping.abort();
  }

  // ---------------------------------------------------------------------------------------------

  /** A run may be driven by the lease holder, or by anyone once the lease has expired. */
  private mayDrive(run: RunRecord): boolean {
    if (!run.leaseOwner || run.leaseOwner === this.owner) return true;
    return !run.leaseExpiresAt || run.leaseExpiresAt.getTime() <= this.now().getTime();
  }

  /**
   * Applies an operation with optimistic retries, then, if the run became active, drives it on here
   * (`here`, or without a dispatcher) or hands it to the dispatcher and returns where it got to.
   */
  private async operate(runId: string, mutation: Mutation, steal = false, owner: Owner = {}, here = false): Promise<RunRecord> {
    const queued = this.dispatcher !== undefined && !here;
    const run = await this.mutate(runId, mutation, steal, owner, queued ? null : this.owner);
    if (!ACTIVE.includes(run.status)) return run;
    if (!queued) return this.drive(run);
    await this.dispatcher!.dispatch(run.id);
    return this.getRun(run.id);
  }

  /** `driver`: who holds the run after the change (null: whoever takes its job), unless a live process already does. */
  private async mutate(runId: string, mutation: Mutation, steal: boolean, owner: Owner, driver: string | null): Promise<RunRecord> {
    for (let tries = 0; ; tries++) {
      const run = await this.getRun(runId, owner);
      const compiled = compileDefinition(run.definition, this.registry);
      const draft = new RunDraft(run, this.now());
      if (mutation(draft, compiled) === false || !draft.dirty) return run;
      // Keep another live process's lease: it drives the run; we only record our change.
      const keepLease = !steal && run.leaseOwner && !this.mayDrive(run);
      try {
        return await this.commit(draft, keepLease ? run.leaseOwner : driver, keepLease ? run.leaseExpiresAt : null);
      } catch (error) {
        if (!(error instanceof StaleVersionError) || tries >= MAX_COMMIT_RETRIES) {
          if (error instanceof StaleVersionError) throw new ConflictError('The run is changing too fast; try again');
          throw error;
        }
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 ** tries)));
      }
    }
  }

  private async commit(d: RunDraft, owner: string | null = this.owner, leaseUntil: Date | null = null): Promise<RunRecord> {
    const patch = d.patch(owner, leaseUntil ?? this.leaseUntil(d.before, owner, d.now));
    const steps = d.changedSteps();
    await this.store.commit({ runId: d.run.id, expectedVersion: d.before.version, run: patch, steps, definition: d.run.definition });
    const after: RunRecord = { ...d.run, ...patch, version: d.before.version + 1 };
    if (this.listeners.size > 0) this.emit(stepEventsOf(d.before, after, steps));
    return after;
  }

  private async create(d: RunDraft, owner: string | null = this.owner): Promise<RunRecord> {
    const patch = d.patch(owner, new Date(d.now.getTime() + this.leaseMs));
    const run: RunRecord = { ...d.run, ...patch, version: 0 };
    await this.store.createRun(run);
    if (this.listeners.size > 0) {
      const at = run.createdAt.toISOString();
      const base = { runId: run.id, userId: run.userId, seq: 0, at };
      this.emit([{ ...base, index: 0, type: 'run.status', status: 'pending', previous: null }]);
      this.emit(stepEventsOf({ ...d.before, version: -1 }, run, d.changedSteps()).map((e, i) => ({ ...e, index: i + 1 }) as EngineEvent));
    }
    return run;
  }

  /**
   * Keeps the current lease while more than half of it is left: an unchanged lease column lets
   * PostgreSQL update the run row in place (HOT), which keeps a step commit cheap.
   */
  private leaseUntil(run: RunRecord, owner: string | null, now: Date): Date {
    const current = run.leaseExpiresAt;
    if (run.leaseOwner === owner && current && current.getTime() - now.getTime() > this.leaseMs / 2) return current;
    return new Date(now.getTime() + this.leaseMs);
  }

  private emit(events: EngineEvent[]): void {
    for (const event of events) {
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch {
          // A listener's bug must never break a run.
        }
      }
    }
  }

  /** Advances the run until it waits for a person, finishes, or only background steps remain. */
  private async drive(start: RunRecord, unsaved = false): Promise<RunRecord> {
    let run = start;
    for (;;) {
      if (!ACTIVE.includes(run.status) || !this.mayDrive(run) || this.stopping.signal.aborted) return run;
      const compiled = compileDefinition(run.definition, this.registry);
      const draft = new RunDraft(run, this.now());
      if (run.status === 'pending') draft.setStatus('running');
      const ready = settle(draft, compiled);
      let long = ready.filter((id) => stepEntry(compiled, id).executor.long);
      const short = ready.filter((id) => !stepEntry(compiled, id).executor.long);
      // Model calls start only within budget; over it, the run pauses for the person to decide.
      const hold = long.length > 0 && this.budget ? await budgetHold(this.budget, run, long, draft.now) : null;
      if (hold) long = [];
      for (const id of long) draft.start(id);
      const outcomes = await Promise.all(short.map((id) => this.steps.run(run, compiled, id)));
      for (const o of outcomes) applyOutcome(draft, o);
      concludeIfSettled(draft, compiled);
      if (hold && draft.run.status !== 'failed' && draft.run.status !== 'completed') {
        draft.setBudget({ ...runBudget(draft.run), hold });
        draft.setStatus('paused');
      }
      if (!draft.dirty && !unsaved) return run;
      try {
        // A new run is stored together with its first steps: one statement instead of two.
        run = unsaved ? await this.create(draft) : await this.commit(draft);
        unsaved = false;
      } catch (error) {
        if (!(error instanceof StaleVersionError)) throw error;
        run = await this.getRun(run.id);
        continue;
      }
      for (const id of long) this.launchLong(run, compiled, id);
    }
  }

  /** Long steps (model calls) run in the background under a renewed lease, then commit their result. */
  private launchLong(run: RunRecord, c: CompiledDefinition, stepId: string): void {
    const attempt = run.steps[stepId]!.attempt;
    const key = `${run.id}:${stepId}:${attempt}`;
    this.inflight.add(key);
    const renew = setInterval(() => {
      void this.store.renewLease(run.id, this.owner, new Date(this.now().getTime() + this.leaseMs)).catch(() => undefined);
    }, Math.max(100, Math.floor(this.leaseMs / 3)));
    const task = (async () => {
      const result = await this.steps.run(run, c, stepId);
      clearInterval(renew);
      await this.operate(run.id, (d) => {
        const s = d.step(stepId);
        if (s.status !== 'running' || s.attempt !== attempt) return false; // superseded: discard
        applyOutcome(d, result);
        if (this.budget) d.setBudget(addSpend(runBudget(d.run), spendOf(this.budget, result)));
        concludeIfSettled(d, c);
      }, false, {}, true); // the next steps follow here: no queue round-trip between automatic steps
    })()
      .catch(() => undefined) // the lease expires and recovery runs the step again
      .finally(() => {
        clearInterval(renew);
        this.inflight.delete(key);
        this.tasks.delete(task);
      });
    this.tasks.add(task);
  }
}

