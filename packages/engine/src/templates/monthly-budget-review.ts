import type { WorkflowDefinitionInput } from '../definition';

const expense = (title: string, description?: string) => ({ type: 'number', title, minimum: 0, default: 0, ...(description ? { description } : {}) });

/** A month's income and spending, the surplus against a savings goal, and advice for either case. */
export const monthlyBudgetReview: WorkflowDefinitionInput = {
  id: 'monthly-budget-review',
  name: 'Monthly budget review',
  description:
    'Reviews a month of take-home pay and spending by category, works out the surplus and savings rate, then suggests cuts when the savings goal is missed or where to put the surplus when it is met.',
  category: 'Budgeting',
  steps: [
    {
      id: 'income_and_expenses',
      name: 'Income and expenses',
      type: 'data_collection',
      description: 'Take-home pay and what was spent in each category this month.',
      config: {
        schema: {
          type: 'object',
          properties: {
            month: { type: 'string', title: 'Month (YYYY-MM)', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' },
            net_income: { type: 'number', title: 'Take-home pay', description: 'After tax and payroll deductions.', minimum: 0 },
            housing: expense('Rent or mortgage'),
            utilities: expense('Utilities', 'Electricity, water, gas, internet and phone.'),
            groceries: expense('Groceries'),
            transportation: expense('Transportation', 'Car payment, fuel, transit passes.'),
            insurance: expense('Insurance premiums'),
            debt_payments: expense('Debt payments', 'Credit cards, student and personal loans.'),
            discretionary: expense('Dining, entertainment and shopping'),
            savings_goal: { type: 'number', title: 'Monthly savings goal', minimum: 0, default: 500 },
          },
          // Every category is required (0 when unused) so the surplus sees the whole month.
          required: [
            'month',
            'net_income',
            'housing',
            'utilities',
            'groceries',
            'transportation',
            'insurance',
            'debt_payments',
            'discretionary',
            'savings_goal',
          ],
          additionalProperties: false,
        },
        submit_label: 'Review my month',
      },
    },
    {
      id: 'budget_checks',
      name: 'Budget health checks',
      type: 'validation',
      description: 'Common rule-of-thumb warnings; they are passed to the advice, not blocking.',
      dependencies: ['income_and_expenses'],
      config: {
        fields: [
          {
            field: 'income_and_expenses.net_income',
            required: true,
            min: 0.01,
            message: 'Enter the take-home pay for the month',
          },
        ],
        rules: [
          {
            cel: 'income_and_expenses.housing <= income_and_expenses.net_income * 0.35',
            field: 'income_and_expenses.housing',
            message: 'Housing takes more than 35% of take-home pay',
          },
          {
            cel: 'income_and_expenses.debt_payments <= income_and_expenses.net_income * 0.2',
            field: 'income_and_expenses.debt_payments',
            message: 'Debt payments take more than 20% of take-home pay',
          },
        ],
        on_failure: 'continue',
      },
    },
    {
      id: 'surplus',
      name: 'Surplus and savings rate',
      type: 'calculation',
      description: 'Income minus all expense categories, and whether the savings goal is met.',
      dependencies: ['income_and_expenses'],
      config: {
        formula: 'monthly_surplus',
        inputs: {
          income: 'income_and_expenses.net_income',
          expenses:
            '{"housing": income_and_expenses.housing, "utilities": income_and_expenses.utilities, "groceries": income_and_expenses.groceries, "transportation": income_and_expenses.transportation, "insurance": income_and_expenses.insurance, "debt_payments": income_and_expenses.debt_payments, "discretionary": income_and_expenses.discretionary}',
          savings_goal: 'income_and_expenses.savings_goal',
        },
      },
    },
    {
      id: 'budget_route',
      name: 'On track?',
      type: 'decision',
      description: 'Missing the savings goal leads to spending cuts; meeting it leads to a plan for the surplus.',
      dependencies: ['surplus', 'budget_checks'],
      config: {
        branches: [
          { id: 'deficit', label: 'Spending more than income', condition: 'surplus.surplus < 0.0', next: ['spending_cuts'] },
          { id: 'below_goal', label: 'Saving less than the goal', condition: '!surplus.meets_goal', next: ['spending_cuts'] },
        ],
        default: { id: 'on_track', label: 'Savings goal met', next: ['surplus_plan'] },
      },
    },
    {
      id: 'spending_cuts',
      name: 'Suggested spending cuts',
      type: 'ai_generated',
      description: 'Concrete cuts by category that would close the gap to the savings goal.',
      dependencies: ['budget_route'],
      ai_prompt: [
        'Budget for {{income_and_expenses.month}}: take-home pay {{income_and_expenses.net_income}}, total expenses {{surplus.total_expenses}}.',
        'Surplus {{surplus.surplus}} against a savings goal of {{income_and_expenses.savings_goal}} (savings rate {{surplus.savings_rate_pct}}%).',
        'Warnings from the health checks: {{budget_checks.errors}}',
        'Expense amounts: housing {{income_and_expenses.housing}}, utilities {{income_and_expenses.utilities}}, groceries {{income_and_expenses.groceries}},',
        'transportation {{income_and_expenses.transportation}}, insurance {{income_and_expenses.insurance}}, debt {{income_and_expenses.debt_payments}},',
        'discretionary {{income_and_expenses.discretionary}}.',
        'Suggest realistic cuts, largest impact first; do not cut insurance or minimum debt payments.',
      ].join('\n'),
      config: {
        output_schema: {
          type: 'object',
          properties: {
            summary: { type: 'string', minLength: 1, maxLength: 1500 },
            cuts: {
              type: 'array',
              minItems: 1,
              maxItems: 8,
              items: {
                type: 'object',
                properties: {
                  category: { type: 'string' },
                  monthly_saving: { type: 'number', minimum: 0 },
                  how: { type: 'string' },
                },
                required: ['category', 'monthly_saving', 'how'],
                additionalProperties: false,
              },
            },
            projected_surplus: { type: 'number' },
          },
          required: ['summary', 'cuts', 'projected_surplus'],
          additionalProperties: false,
        },
      },
    },
    {
      id: 'surplus_plan',
      name: 'Plan for the surplus',
      type: 'ai_generated',
      description: 'Where the money left over should go this month.',
      dependencies: ['budget_route'],
      ai_prompt: [
        'For {{income_and_expenses.month}} there is a surplus of {{surplus.surplus}} (savings rate {{surplus.savings_rate_pct}}%),',
        'with a savings goal of {{income_and_expenses.savings_goal}} and debt payments of {{income_and_expenses.debt_payments}}.',
        'Split the surplus between an emergency fund, extra debt repayment and long-term investing. The amounts must add up to the surplus.',
      ].join('\n'),
      config: {
        output_schema: {
          type: 'object',
          properties: {
            summary: { type: 'string', minLength: 1, maxLength: 1500 },
            allocations: {
              type: 'array',
              minItems: 1,
              items: {
                type: 'object',
                properties: {
                  destination: { type: 'string', enum: ['emergency_fund', 'debt_repayment', 'retirement', 'brokerage', 'short_term_goal'] },
                  amount: { type: 'number', minimum: 0 },
                  reason: { type: 'string' },
                },
                required: ['destination', 'amount'],
                additionalProperties: false,
              },
            },
          },
          required: ['summary', 'allocations'],
          additionalProperties: false,
        },
      },
    },
    {
      id: 'commitments',
      name: 'Commitments for next month',
      type: 'data_collection',
      description: 'What the person decides to do after reading the advice.',
      dependencies: ['spending_cuts', 'surplus_plan'],
      config: {
        schema: {
          type: 'object',
          properties: {
            actions: { type: 'string', title: 'What I will do differently next month', minLength: 3, maxLength: 2000 },
            next_review_date: { type: 'string', title: 'Next review', format: 'date' },
          },
          required: ['actions'],
          additionalProperties: false,
        },
        ui_schema: { actions: { 'ui:widget': 'textarea' } },
        submit_label: 'Save my plan',
      },
    },
  ],
  entry_points: ['income_and_expenses'],
  exit_points: ['commitments'],
};
