import type { WorkflowDefinitionInput } from '../definition';

/** Projects retirement savings against the nest egg the desired income needs, and plans a catch-up when short. */
export const retirementPlan: WorkflowDefinitionInput = {
  id: 'retirement-plan',
  name: 'Retirement plan',
  description:
    'Projects savings to retirement age with monthly compounding, compares them with the nest egg needed for the desired income (after Social Security) at a safe withdrawal rate, and drafts a catch-up plan or a confirmation for the adviser.',
  category: 'Retirement',
  steps: [
    {
      id: 'retirement_profile',
      name: 'Retirement profile',
      type: 'data_collection',
      description: 'Ages, savings, contributions and the income wanted in retirement.',
      config: {
        schema: {
          type: 'object',
          properties: {
            current_age: { type: 'integer', title: 'Current age', minimum: 18, maximum: 100 },
            retirement_age: { type: 'integer', title: 'Planned retirement age', minimum: 40, maximum: 100, default: 65 },
            current_savings: { type: 'number', title: 'Retirement savings today', description: '401(k), IRAs and other retirement accounts.', minimum: 0 },
            monthly_contribution: { type: 'number', title: 'Monthly contribution', description: 'Including any employer match.', minimum: 0 },
            expected_return_pct: { type: 'number', title: 'Expected annual return (%)', minimum: -5, maximum: 12, default: 6 },
            desired_annual_income: { type: 'number', title: 'Desired annual income in retirement', description: 'In today’s money.', minimum: 0 },
            social_security_estimate: { type: 'number', title: 'Expected Social Security / pension per year', minimum: 0, default: 0 },
            withdrawal_rate_pct: { type: 'number', title: 'Safe withdrawal rate (%)', minimum: 2, maximum: 10, default: 4 },
          },
          required: [
            'current_age',
            'retirement_age',
            'current_savings',
            'monthly_contribution',
            'expected_return_pct',
            'desired_annual_income',
            'social_security_estimate',
            'withdrawal_rate_pct',
          ],
          additionalProperties: false,
        },
      },
      validation_rules: {
        fields: [],
        rules: [{ cel: 'retirement_age > current_age', field: 'retirement_age', message: 'Retirement age must be after your current age' }],
      },
    },
    {
      id: 'plan_checks',
      name: 'Plausibility checks',
      type: 'validation',
      description: 'Stops on assumptions that would make the projection meaningless.',
      dependencies: ['retirement_profile'],
      config: {
        fields: [
          {
            field: 'retirement_profile.desired_annual_income',
            required: true,
            min: 1,
            message: 'Enter the yearly income you want in retirement',
          },
        ],
        rules: [
          {
            cel: 'retirement_profile.retirement_age - retirement_profile.current_age <= 60',
            message: 'The plan covers at most 60 years until retirement',
          },
        ],
        on_failure: 'fail',
      },
    },
    {
      id: 'gap',
      name: 'Retirement gap',
      type: 'calculation',
      description: 'Projected savings versus the nest egg needed for the income not covered by Social Security.',
      dependencies: ['plan_checks'],
      config: {
        formula: 'retirement_gap',
        inputs: {
          current_age: 'retirement_profile.current_age',
          retirement_age: 'retirement_profile.retirement_age',
          current_savings: 'retirement_profile.current_savings',
          monthly_contribution: 'retirement_profile.monthly_contribution',
          annual_return_pct: 'retirement_profile.expected_return_pct',
          desired_annual_income:
            'retirement_profile.desired_annual_income > retirement_profile.social_security_estimate ? retirement_profile.desired_annual_income - retirement_profile.social_security_estimate : 0.0',
          withdrawal_rate_pct: 'retirement_profile.withdrawal_rate_pct',
        },
      },
    },
    {
      id: 'plan_route',
      name: 'On track?',
      type: 'decision',
      description: 'A gap leads to a catch-up plan; otherwise the plan is confirmed as it is.',
      dependencies: ['gap'],
      config: {
        branches: [{ id: 'on_track', label: 'On track', condition: 'gap.on_track', next: ['on_track_summary'] }],
        default: { id: 'shortfall', label: 'Savings gap', next: ['catch_up_plan'] },
      },
    },
    {
      id: 'catch_up_plan',
      name: 'Catch-up plan',
      type: 'ai_generated',
      description: 'Options to close the gap: save more, retire later, adjust the income goal.',
      dependencies: ['plan_route'],
      ai_prompt: [
        'A client aged {{retirement_profile.current_age}} plans to retire at {{retirement_profile.retirement_age}}.',
        'Projected savings at retirement: {{gap.projected_savings}}; needed: {{gap.needed_savings}}; gap: {{gap.gap}}.',
        'They contribute {{retirement_profile.monthly_contribution}} a month; closing the gap needs {{gap.extra_monthly_needed}} more a month',
        'at an expected return of {{retirement_profile.expected_return_pct}}%.',
        'Desired income {{retirement_profile.desired_annual_income}} a year, of which Social Security covers {{retirement_profile.social_security_estimate}}.',
        'Give two to four realistic options (higher contributions, later retirement, lower income goal, catch-up contributions after 50) with their effect.',
      ].join('\n'),
      config: {
        output_schema: {
          type: 'object',
          properties: {
            summary: { type: 'string', minLength: 1, maxLength: 1500 },
            options: {
              type: 'array',
              minItems: 2,
              maxItems: 4,
              items: {
                type: 'object',
                properties: {
                  action: { type: 'string' },
                  monthly_cost: { type: 'number', minimum: 0 },
                  effect: { type: 'string' },
                },
                required: ['action', 'effect'],
                additionalProperties: false,
              },
            },
            recommended_option: { type: 'integer', minimum: 0, maximum: 3, description: 'Index into options.' },
          },
          required: ['summary', 'options', 'recommended_option'],
          additionalProperties: false,
        },
      },
    },
    {
      id: 'on_track_summary',
      name: 'On-track summary',
      type: 'ai_generated',
      description: 'A short confirmation for the client, accepted automatically.',
      dependencies: ['plan_route'],
      ai_prompt: [
        'Projected savings at retirement age {{retirement_profile.retirement_age}}: {{gap.projected_savings}}, above the {{gap.needed_savings}} needed.',
        'Write a two-sentence summary for the client and one risk to keep an eye on.',
      ].join('\n'),
      config: {
        output_schema: {
          type: 'object',
          properties: {
            summary: { type: 'string', minLength: 1, maxLength: 600 },
            watch_out_for: { type: 'string', maxLength: 300 },
          },
          required: ['summary', 'watch_out_for'],
          additionalProperties: false,
        },
        auto_accept: true,
      },
    },
    {
      id: 'adviser_sign_off',
      name: 'Adviser sign-off',
      type: 'data_collection',
      description: 'The adviser records the agreed plan and when to review it.',
      dependencies: ['catch_up_plan', 'on_track_summary'],
      config: {
        schema: {
          type: 'object',
          properties: {
            plan_agreed: { type: 'boolean', title: 'Client agreed to the plan' },
            new_monthly_contribution: { type: 'number', title: 'Agreed monthly contribution', minimum: 0 },
            review_in_months: { type: 'integer', title: 'Review again in (months)', minimum: 1, maximum: 24, default: 12 },
            notes: { type: 'string', title: 'Notes', maxLength: 2000 },
          },
          required: ['plan_agreed', 'review_in_months'],
          additionalProperties: false,
        },
        submit_label: 'Sign off',
      },
    },
  ],
  entry_points: ['retirement_profile'],
  exit_points: ['adviser_sign_off'],
};
