import type { WorkflowDefinitionInput } from '../../definition';
import type { RequirementsAnalysis } from './analysis';

/** Reads the JSON request a recorded prompt ends with (the last user message). */
export function lastUserJson(recordedPrompt: string): Record<string, unknown> {
  const messages = JSON.parse(recordedPrompt) as { role: string; content: unknown }[];
  const user = messages.filter((m) => m.role === 'user').at(-1);
  if (!user) throw new Error('no user message in the prompt');
  const parts = user.content as { type: string; text: string }[];
  if (parts.length !== 1 || parts[0]?.type !== 'text') throw new Error('the last user message is not one text part');
  return JSON.parse(parts[0].text) as Record<string, unknown>;
}

export const budgetAnalysis: RequirementsAnalysis = {
  intent: 'Collect income, expenses and a savings goal, then warn when the monthly surplus is under 500',
  category: 'Budgeting',
  template_key: 'monthly-budget-review',
  data_to_collect: [
    { name: 'income', label: 'Monthly income', type: 'number', description: null },
    { name: 'expenses', label: 'Monthly expenses', type: 'number', description: null },
    { name: 'savings_goal', label: 'Savings goal', type: 'number', description: null },
  ],
  calculations: [{ formula: 'monthly_surplus', why: 'income minus expenses' }],
  decisions: [{ condition_in_words: 'the surplus is under 500', cel: 'surplus.surplus < 500.0' }],
  ai_analyses: [{ purpose: 'warn about a low surplus' }],
  validations: [],
};

/** data_collection -> calculation -> decision -> ai_generated: valid against the default registry. */
export function budgetDefinition(): WorkflowDefinitionInput {
  return {
    id: 'model-chosen-id',
    name: 'Surplus check',
    description: 'Warns when the monthly surplus is under 500.',
    category: 'Budgeting',
    steps: [
      {
        id: 'budget',
        name: 'Your budget',
        type: 'data_collection',
        config: {
          schema: {
            type: 'object',
            properties: {
              income: { type: 'number', title: 'Monthly income' },
              expenses: { type: 'number', title: 'Monthly expenses' },
              savings_goal: { type: 'number', title: 'Savings goal' },
            },
            required: ['income', 'expenses', 'savings_goal'],
          },
        },
      },
      {
        id: 'surplus',
        name: 'Surplus',
        type: 'calculation',
        dependencies: ['budget'],
        config: { formula: 'monthly_surplus', inputs: { income: 'budget.income', expenses: 'budget.expenses', savings_goal: 'budget.savings_goal' } },
      },
      {
        id: 'check',
        name: 'Under 500?',
        type: 'decision',
        dependencies: ['surplus'],
        config: {
          branches: [{ id: 'low', label: 'Surplus under 500', condition: 'surplus.surplus < 500.0', next: ['warning'] }],
          default: { id: 'ok', label: 'Enough surplus', next: [] },
        },
      },
      {
        id: 'warning',
        name: 'Warning',
        type: 'ai_generated',
        dependencies: ['check'],
        ai_prompt: 'The surplus is {{surplus.surplus}} against a goal of {{budget.savings_goal}}. Warn the person and suggest one fix.',
        config: { output_schema: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] } },
      },
    ],
    entry_points: ['budget'],
    exit_points: ['warning', 'check'],
  };
}

/** The same workflow where `surplus` and `check` depend on each other. */
export function cyclicDefinition(): WorkflowDefinitionInput {
  const def = budgetDefinition();
  def.steps[1]!.dependencies = ['budget', 'check'];
  return def;
}

export function unknownTypeDefinition(): WorkflowDefinitionInput {
  const def = budgetDefinition();
  def.steps[3]!.type = 'send_email';
  return def;
}
