import type { CompiledDefinition } from './compiled';
import { stepEntry } from './compiled';
import type { RunDraft } from './draft';
import { ConflictError, InvalidInputError, NotFoundError, type serializeError } from './errors';
import type { ExecuteContext, StepOutcome } from './executors/types';

/**
 * What each operation does to a run, as pure changes of a draft. The engine applies them with
 * optimistic retries; returning false means "nothing to change".
 */
export type Mutation = (draft: RunDraft, compiled: CompiledDefinition) => void | false;

export type ExecutedStep =
  | { kind: 'done'; stepId: string; outcome: StepOutcome; startedAt: Date }
  | { kind: 'failed'; stepId: string; error: ReturnType<typeof serializeError>; startedAt: Date };

export const submitInputChange =
  (stepId: string, submission: unknown, context: (d: RunDraft, c: CompiledDefinition) => ExecuteContext): Mutation =>
  (d, c) => {
    requireOpen(d, 'submit answers');
    const s = requireStep(d, c, stepId);
    if (s.status !== 'waiting' || s.waitingFor !== 'input') {
      throw new ConflictError(`Step "${stepId}" is not waiting for input (it is ${s.status})`, { stepId, status: s.status });
    }
    const { step, executor, config } = stepEntry(c, stepId);
    if (!executor.submit) throw new ConflictError(`Step "${stepId}" does not take input`);
    const output = executor.submit(step, config, submission, context(d, c));
    d.complete(stepId, output, s.input, null);
    d.setStatus('running');
  };

export const acceptChange =
  (stepId: string): Mutation =>
  (d, c) => {
    requireOpen(d, 'accept a result');
    const s = requireStep(d, c, stepId);
    if (s.status !== 'waiting' || s.waitingFor !== 'review') {
      throw new ConflictError(`Step "${stepId}" has no result waiting for review (it is ${s.status})`, { stepId, status: s.status });
    }
    d.complete(stepId, s.output as Record<string, unknown>, s.input, null);
    d.setStatus('running');
  };

export const rejectChange =
  (stepId: string, feedback: string): Mutation =>
  (d, c) => {
    requireOpen(d, 'reject a result');
    const s = requireStep(d, c, stepId);
    const reviewable = stepEntry(c, stepId).executor.long;
    const waitingReview = s.status === 'waiting' && s.waitingFor === 'review';
    if (!reviewable || !(waitingReview || s.status === 'completed')) {
      throw new ConflictError(`Step "${stepId}" has no AI result to reject (it is ${s.status})`, { stepId, status: s.status });
    }
    d.restart(stepId, { code: 'rejected', message: feedback || 'Rejected by reviewer' }, feedback);
    invalidateDownstream(d, c, stepId);
    if (d.run.status !== 'running') d.setStatus('running');
  };

export const retryChange =
  (stepId: string): Mutation =>
  (d, c) => {
    if (d.run.status === 'paused') throw new ConflictError('The run is paused; resume it first');
    if (d.run.status === 'completed' || d.run.status === 'cancelled') throw new ConflictError(`The run is ${d.run.status}`);
    const s = requireStep(d, c, stepId);
    if (s.status !== 'failed') throw new ConflictError(`Step "${stepId}" has not failed (it is ${s.status})`, { stepId, status: s.status });
    d.restart(stepId, { code: 'retried', message: 'Retried' });
    invalidateDownstream(d, c, stepId);
    if (d.run.status !== 'running') d.setStatus('running');
  };

export const pauseChange: Mutation = (d) => {
  if (d.run.status === 'paused') return false;
  d.setStatus('paused');
};

export const resumeChange: Mutation = (d) => {
  const hold = d.run.context.budget?.hold;
  if (d.run.status === 'paused' && hold) {
    throw new ConflictError(`The run is paused at its ${hold.scope === 'run' ? 'budget' : 'daily budget'}: approve more or cancel it`, { hold });
  }
  if (d.run.status !== 'paused') {
    if (['running', 'pending', 'waiting_for_input', 'waiting_for_review'].includes(d.run.status)) return false;
    throw new ConflictError(`The run is ${d.run.status} and cannot be resumed`);
  }
  d.setStatus('running');
};

/**
 * Lets a run paused at a budget cap go on: `extra` (in the hold's unit; default its suggestion) is
 * added to what this run may spend beyond its caps.
 */
export const approveBudgetChange =
  (extra?: number): Mutation =>
  (d) => {
    const budget = d.run.context.budget;
    const hold = budget?.hold;
    if (d.run.status !== 'paused' || !budget || !hold) {
      throw new ConflictError(`The run is not waiting for a budget decision (it is ${d.run.status})`, { status: d.run.status });
    }
    const amount = extra ?? hold.suggested;
    const shortfall = hold.spent + hold.estimate - hold.cap;
    if (!Number.isFinite(amount) || amount < shortfall) {
      const what = hold.unit === 'usd' ? `$${shortfall.toFixed(4)}` : `${Math.ceil(shortfall)} tokens`;
      throw new InvalidInputError(`Approve at least ${what} more: the next step needs that much beyond the cap`, { extra: [`must be at least ${shortfall}`] });
    }
    const approved = { ...budget.approved, [hold.unit]: budget.approved[hold.unit] + amount };
    d.setBudget({ ...budget, approved, hold: null });
    d.setStatus('running');
  };

export const cancelChange: Mutation = (d) => {
  if (d.run.status === 'cancelled') return false;
  d.setStatus('cancelled');
  for (const s of Object.values(d.run.steps)) {
    if (s.status === 'pending' || s.status === 'running' || s.status === 'waiting') d.cancel(s.stepId);
  }
};

function requireOpen(d: RunDraft, what: string): void {
  const status = d.run.status;
  if (status === 'paused') throw new ConflictError(`The run is paused; resume it before you ${what}`, { status });
  if (status === 'completed' || status === 'cancelled' || status === 'failed') {
    throw new ConflictError(`The run is ${status}; you can no longer ${what}`, { status });
  }
}

function requireStep(d: RunDraft, c: CompiledDefinition, stepId: string) {
  if (!c.steps.has(stepId)) throw new NotFoundError(`Workflow "${c.definition.name}" has no step "${stepId}"`, { stepId });
  return d.step(stepId);
}

function invalidateDownstream(d: RunDraft, c: CompiledDefinition, stepId: string): void {
  for (const id of c.order) {
    if (!c.descendants(stepId).has(id)) continue;
    const s = d.step(id);
    if (s.status === 'pending') continue;
    d.restart(id, { code: 'invalidated', message: `Step "${stepId}" was produced again` });
  }
}

/** Records what executing a step produced (a decision's skipped branches too). */
export function applyOutcome(d: RunDraft, o: ExecutedStep): void {
  if (o.kind === 'failed') {
    d.fail(o.stepId, o.error, o.startedAt);
    if (d.run.status === 'running') d.setStatus('failed', { ...o.error, details: { stepId: o.stepId, ...(o.error.details as object) } });
    return;
  }
  const outcome = o.outcome;
  if (outcome.status === 'completed') {
    d.complete(o.stepId, outcome.output, outcome.input, o.startedAt);
    for (const id of outcome.skip ?? []) if (d.step(id).status === 'pending') d.skip(id);
  } else {
    d.wait(o.stepId, outcome.waitingFor, outcome.output, outcome.input, o.startedAt);
  }
}
