import type { BudgetCaps, RunBudget } from './budget';

/** Shared context passed between steps. Each step's output lands in `data[stepId]`; the run's initial values are `data.input`. */
export interface WorkflowContext {
  user_id: string;
  session_id: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  /** Model spend and caps of the run (present when the engine enforces budgets or the run was started with caps). */
  budget?: RunBudget;
  created_at: string;
  updated_at: string;
}

export function createContext(args: {
  userId: string;
  sessionId: string;
  input?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  budget?: BudgetCaps;
  now: Date;
}): WorkflowContext {
  const at = args.now.toISOString();
  return {
    user_id: args.userId,
    session_id: args.sessionId,
    data: { input: args.input ?? {} },
    metadata: args.metadata ?? {},
    ...(args.budget ? { budget: { limits: args.budget, spent: { tokens: 0, usd: 0 }, approved: { tokens: 0, usd: 0 }, hold: null } } : {}),
    created_at: at,
    updated_at: at,
  };
}

export function withStepOutput(ctx: WorkflowContext, stepId: string, output: unknown, now: Date): WorkflowContext {
  return { ...ctx, data: { ...ctx.data, [stepId]: output }, updated_at: now.toISOString() };
}

export function withoutStepOutputs(ctx: WorkflowContext, stepIds: Iterable<string>, now: Date): WorkflowContext {
  const data = { ...ctx.data };
  for (const id of stepIds) delete data[id];
  return { ...ctx, data, updated_at: now.toISOString() };
}

/** Reads `a.b.c` from the context data; undefined when any part is missing. */
export function readPath(data: Record<string, unknown>, path: string): unknown {
  let cur: unknown = data;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}
