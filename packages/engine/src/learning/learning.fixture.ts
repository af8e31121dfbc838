import type { WorkflowDefinitionInput } from '../definition';
import type { StepRunStats, WorkflowRunStats } from './types';

const aiSchema = (field: string) => ({ output_schema: { type: 'object', properties: { [field]: { type: 'string' } }, required: [field] } });

/**
 * A budget plan: a form, a calculation, a decision with a "deficit" path (debt plan, then its
 * review) and a "saver" path (advice, then a goals form and a summary).
 */
export const budgetPlan: WorkflowDefinitionInput = {
  id: 'budget-plan',
  name: 'Budget plan',
  category: 'Budgeting',
  entry_points: ['budget'],
  exit_points: ['debt_review', 'summary'],
  steps: [
    {
      id: 'budget',
      name: 'Your budget',
      type: 'data_collection',
      config: {
        schema: {
          type: 'object',
          properties: { income: { type: 'number' }, expenses: { type: 'number' }, nickname: { type: 'string' }, employer: { type: 'string' } },
          required: ['income', 'expenses', 'nickname', 'employer'],
        },
      },
    },
    {
      id: 'surplus',
      name: 'Monthly surplus',
      type: 'calculation',
      dependencies: ['budget'],
      timeout_ms: 5000,
      config: { formula: 'monthly_surplus', inputs: { income: 'budget.income', expenses: 'budget.expenses' } },
    },
    {
      id: 'route',
      name: 'Deficit or savings',
      type: 'decision',
      dependencies: ['surplus'],
      config: {
        branches: [
          { id: 'deficit', condition: 'surplus.surplus < 0', next: ['debt_plan'] },
          { id: 'saver', condition: 'surplus.surplus >= 0', next: ['advice'] },
        ],
      },
    },
    { id: 'debt_plan', name: 'Debt plan', type: 'ai_generated', dependencies: ['route'], ai_prompt: 'Plan paying down a deficit of {{surplus.surplus}}.', config: aiSchema('plan') },
    { id: 'debt_review', name: 'Debt review', type: 'ai_generated', dependencies: ['debt_plan'], ai_prompt: 'Review {{debt_plan.plan}}.', config: aiSchema('review') },
    { id: 'advice', name: 'Investment advice', type: 'ai_generated', dependencies: ['route'], ai_prompt: 'Suggest how to invest {{surplus.surplus}} a month.', config: aiSchema('advice') },
    {
      id: 'goals',
      name: 'Your goals',
      type: 'data_collection',
      dependencies: ['advice'],
      config: { schema: { type: 'object', properties: { goal: { type: 'string' } }, required: ['goal'] } },
    },
    { id: 'summary', name: 'Summary', type: 'ai_generated', dependencies: ['goals'], ai_prompt: 'Summarise {{advice.advice}} for {{goals.goal}}.', config: aiSchema('text') },
  ],
};

export function stepStats(stepId: string, over: Partial<StepRunStats> = {}): StepRunStats {
  return {
    stepId,
    reached: 0,
    completed: 0,
    failed: 0,
    skipped: 0,
    attempts: 0,
    rejected: 0,
    accepted: 0,
    feedback: [],
    approveMsP50: null,
    durationMs: { p50: null, p95: null },
    abandoned: 0,
    failureCodes: [],
    branches: {},
    ...over,
  };
}

/**
 * 200 runs with four planted patterns: 30% stop at the budget form, the calculation is slow and
 * close to its time limit, the deficit branch is never taken, 45% of the advice is rejected.
 */
export function plantedStats(): WorkflowRunStats {
  return {
    days: 30,
    abandonAfterDays: 7,
    runs: { started: 200, completed: 130, failed: 0, cancelled: 60, inProgress: 10 },
    steps: [
      stepStats('budget', { reached: 200, completed: 140, attempts: 200, abandoned: 60, durationMs: { p50: 90_000, p95: 300_000 } }),
      stepStats('surplus', { reached: 140, completed: 140, attempts: 140, durationMs: { p50: 4000, p95: 4800 } }),
      stepStats('route', { reached: 140, completed: 140, attempts: 140, durationMs: { p50: 10, p95: 20 }, branches: { saver: 140 } }),
      stepStats('debt_plan', { reached: 0, skipped: 140 }),
      stepStats('debt_review', { reached: 0, skipped: 140 }),
      stepStats('advice', {
        reached: 140,
        completed: 140,
        attempts: 254,
        rejected: 114,
        accepted: 140,
        feedback: [
          { text: 'Mention the fees', count: 70 },
          { text: 'Too long', count: 44 },
        ],
        approveMsP50: 60_000,
        durationMs: { p50: 65_000, p95: 200_000 },
      }),
      stepStats('goals', { reached: 140, completed: 136, attempts: 140, abandoned: 4, durationMs: { p50: 30_000, p95: 90_000 } }),
      stepStats('summary', { reached: 136, completed: 130, attempts: 143, rejected: 7, accepted: 130, feedback: [{ text: 'Shorter', count: 7 }], durationMs: { p50: 20, p95: 40 } }),
    ],
  };
}
