// Test fixtures: views shaped like the server's executionView of the "Monthly budget review" template.
import { TRPCClientError } from '@trpc/client';
import { vi } from 'vitest';
import type { ExecutionView, StepView } from '../lib/types';
import type { PlanView, StepActions } from './types';

const BUDGET_STEPS: Array<Pick<StepView, 'stepId' | 'name' | 'type' | 'description' | 'dependencies'>> = [
  { stepId: 'income_and_expenses', name: 'Income and expenses', type: 'data_collection', description: 'Take-home pay and what was spent in each category this month.', dependencies: [] },
  { stepId: 'budget_checks', name: 'Budget health checks', type: 'validation', description: 'Common rule-of-thumb warnings.', dependencies: ['income_and_expenses'] },
  { stepId: 'surplus', name: 'Surplus and savings rate', type: 'calculation', description: 'Income minus all expense categories.', dependencies: ['income_and_expenses'] },
  { stepId: 'budget_route', name: 'On track?', type: 'decision', description: 'Missing the savings goal leads to spending cuts.', dependencies: ['surplus', 'budget_checks'] },
  { stepId: 'spending_cuts', name: 'Suggested spending cuts', type: 'ai_generated', description: 'Concrete cuts by category.', dependencies: ['budget_route'] },
  { stepId: 'surplus_plan', name: 'Plan for the surplus', type: 'ai_generated', description: 'Where the money left over should go.', dependencies: ['budget_route'] },
  { stepId: 'commitments', name: 'Commitments for next month', type: 'data_collection', description: 'What the person decides to do.', dependencies: ['spending_cuts', 'surplus_plan'] },
];

const AT = '2025-06-01T10:00:00.000Z';

/** One step of the budget run; untouched steps are pending with attempt 0, like the engine's. */
export function budgetStep(stepId: string, overrides: Partial<StepView> = {}): StepView {
  const meta = BUDGET_STEPS.find((s) => s.stepId === stepId);
  if (!meta) throw new Error(`no budget step ${stepId}`);
  return { ...meta, status: 'pending', attempt: 0, waitingFor: null, output: null, error: null, feedback: null, startedAt: null, completedAt: null, durationMs: null, ...overrides };
}

export const done = (output: Record<string, unknown>): Partial<StepView> => ({ status: 'completed', attempt: 1, output, startedAt: AT, completedAt: AT, durationMs: 12 });

export const incomeForm = {
  schema: {
    type: 'object',
    properties: {
      month: { type: 'string', title: 'Month (YYYY-MM)', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' },
      net_income: { type: 'number', title: 'Take-home pay', description: 'After tax and payroll deductions.', minimum: 0 },
      housing: { type: 'number', title: 'Rent or mortgage', minimum: 0, default: 0 },
      employment: { type: 'string', enum: ['employed', 'self_employed'] },
    },
    required: ['month', 'net_income', 'housing'],
    additionalProperties: false,
  },
  ui_schema: {},
  submit_label: 'Review my month',
};
export const incomeAnswers = { month: '2025-05', net_income: 5400, housing: 2100, employment: 'self_employed' };
export const surplusOutput = { surplus: -250, total_expenses: 5650, savings_rate_pct: -4.63, meets_goal: false };
export const checksOutput = { valid: false, errors: { 'income_and_expenses.housing': ['Housing takes more than 35% of take-home pay'] }, checked: 3 };
export const decisionOutput = {
  branch: 'deficit',
  label: 'Spending more than income',
  condition: 'surplus.surplus < 0.0',
  values: { 'surplus.surplus': -250, 'surplus.meets_goal': false },
};
export const cutsProposal = {
  summary: 'You spend **250** more than you earn. Two changes close the gap.',
  cuts: [
    { category: 'Dining out', monthly_saving: 180, how: 'Cook at home on weekdays.' },
    { category: 'Subscriptions', monthly_saving: 90, how: 'Cancel the streaming services you <b>rarely</b> use.' },
  ],
  projected_surplus: 20,
};

/** The budget run with the given steps changed; the rest pending. */
export function budgetRun(overrides: Partial<ExecutionView> = {}, steps: Record<string, Partial<StepView>> = {}): ExecutionView {
  return {
    id: 'run-1',
    workflowVersionId: 'wf-1',
    workflowName: 'Monthly budget review',
    status: 'running',
    version: 4,
    input: {},
    data: { input: {} },
    results: null,
    error: null,
    budget: null,
    startedAt: AT,
    completedAt: null,
    updatedAt: AT,
    steps: BUDGET_STEPS.map((s) => budgetStep(s.stepId, steps[s.stepId])),
    ...overrides,
  };
}

/** The budget run up to the decision: cuts were chosen, the surplus plan skipped. */
export const decidedSteps: Record<string, Partial<StepView>> = {
  income_and_expenses: done(incomeAnswers),
  budget_checks: done(checksOutput),
  surplus: done(surplusOutput),
  budget_route: done(decisionOutput),
  spending_cuts: { status: 'waiting', attempt: 1, waitingFor: 'review', output: cutsProposal, startedAt: AT },
  surplus_plan: { status: 'skipped', attempt: 1, completedAt: AT, durationMs: 0 },
};

export const stepOf = (run: ExecutionView, stepId: string) => run.steps.find((s) => s.stepId === stepId)!;

export const budgetPlan: PlanView = {
  workflowId: 'wf-1',
  version: 1,
  name: 'Monthly budget review',
  description: 'Reviews a month of take-home pay and spending.',
  steps: BUDGET_STEPS.map((s) => ({ id: s.stepId, name: s.name, type: s.type, dependencies: s.dependencies })),
};

/** Actions that resolve, as spies; override one to reject. */
export function mockActions(overrides: Partial<StepActions> = {}) {
  return {
    submit: vi.fn(async () => ({})),
    accept: vi.fn(async () => ({})),
    reject: vi.fn(async () => ({})),
    retry: vi.fn(async () => ({})),
    ...overrides,
  } satisfies StepActions;
}

/** The error a tRPC mutation rejects with, as the server's errorFormatter shapes it. */
export function serverError(message: string, fieldErrors: Record<string, string[]> | null = null, code = 'BAD_REQUEST') {
  return TRPCClientError.from({ error: { message, code: -32600, data: { code, httpStatus: 400, fieldErrors, details: null } } });
}
