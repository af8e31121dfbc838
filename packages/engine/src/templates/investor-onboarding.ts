import type { WorkflowDefinitionInput } from '../definition';

/** New client onboarding: personal and financial details, a risk questionnaire, suitability and an investment policy draft. */
export const investorOnboarding: WorkflowDefinitionInput = {
  id: 'investor-onboarding',
  name: 'Investor onboarding and risk profile',
  description:
    'Collects a new investor’s details and risk questionnaire, scores their risk tolerance, routes unusual cases to compliance and drafts an investment policy statement for review.',
  category: 'Onboarding',
  steps: [
    {
      id: 'personal_details',
      name: 'Personal and financial details',
      type: 'data_collection',
      description: 'Who the investor is and what they can afford to invest.',
      config: {
        schema: {
          type: 'object',
          properties: {
            full_name: { type: 'string', title: 'Full legal name', minLength: 2, maxLength: 200 },
            email: { type: 'string', title: 'Email address', format: 'email' },
            date_of_birth: { type: 'string', title: 'Date of birth', format: 'date' },
            employment_status: {
              type: 'string',
              title: 'Employment status',
              enum: ['employed', 'self_employed', 'retired', 'student', 'not_employed'],
            },
            annual_income: { type: 'number', title: 'Annual income before tax', minimum: 0 },
            net_worth: { type: 'number', title: 'Total net worth', description: 'Assets minus debts, including your home.', minimum: 0 },
            liquid_assets: {
              type: 'number',
              title: 'Liquid assets',
              description: 'Cash and investments you could sell within a week.',
              minimum: 0,
            },
          },
          required: ['full_name', 'email', 'date_of_birth', 'employment_status', 'annual_income', 'net_worth', 'liquid_assets'],
          additionalProperties: false,
        },
        submit_label: 'Continue',
      },
    },
    {
      id: 'risk_questionnaire',
      name: 'Risk questionnaire',
      type: 'data_collection',
      description: 'How long the money can stay invested and how the investor reacts to losses.',
      dependencies: ['personal_details'],
      config: {
        schema: {
          type: 'object',
          properties: {
            primary_goal: {
              type: 'string',
              title: 'Main goal for this money',
              enum: ['capital_preservation', 'income', 'balanced_growth', 'long_term_growth'],
            },
            investment_horizon_years: {
              type: 'integer',
              title: 'Years until you expect to need the money',
              minimum: 0,
              maximum: 60,
            },
            loss_tolerance: {
              type: 'integer',
              title: 'If your portfolio fell 20% in a month, you would…',
              description: '1 = sell everything, 3 = wait it out, 5 = invest more',
              minimum: 1,
              maximum: 5,
            },
            investing_experience: {
              type: 'integer',
              title: 'Investing experience',
              description: '1 = none, 5 = many years with stocks, bonds and funds',
              minimum: 1,
              maximum: 5,
            },
            dependents: { type: 'integer', title: 'Financial dependents', minimum: 0, maximum: 20, default: 0 },
          },
          required: ['primary_goal', 'investment_horizon_years', 'loss_tolerance', 'investing_experience'],
          additionalProperties: false,
        },
      },
    },
    {
      id: 'suitability_checks',
      name: 'Suitability checks',
      type: 'validation',
      description: 'Flags answers that do not fit together; problems send the case to compliance instead of stopping.',
      dependencies: ['risk_questionnaire'],
      config: {
        fields: [{ field: 'personal_details.annual_income', required: true, min: 0 }],
        rules: [
          {
            cel: 'personal_details.liquid_assets <= personal_details.net_worth',
            field: 'personal_details.liquid_assets',
            message: 'Liquid assets cannot be more than total net worth',
          },
          {
            cel: 'risk_questionnaire.investment_horizon_years >= 2 || risk_questionnaire.primary_goal == "capital_preservation"',
            field: 'risk_questionnaire.primary_goal',
            message: 'A horizon under two years only suits capital preservation',
          },
        ],
        on_failure: 'continue',
      },
    },
    {
      id: 'risk_profile',
      name: 'Risk score',
      type: 'calculation',
      description: 'Scores the questionnaire 0-100 and maps it to a profile and equity target.',
      dependencies: ['risk_questionnaire'],
      config: {
        formula: 'risk_score',
        inputs: {
          horizon_years: 'risk_questionnaire.investment_horizon_years',
          loss_tolerance: 'risk_questionnaire.loss_tolerance',
          experience: 'risk_questionnaire.investing_experience',
        },
      },
    },
    {
      id: 'suitability_route',
      name: 'Compliance needed?',
      type: 'decision',
      description: 'Failed checks, or an aggressive profile with little liquidity, go to a compliance officer.',
      dependencies: ['suitability_checks', 'risk_profile'],
      config: {
        branches: [
          {
            id: 'compliance',
            label: 'Needs compliance review',
            condition:
              '!suitability_checks.valid || (risk_profile.profile == "aggressive" && personal_details.liquid_assets < personal_details.annual_income * 0.5)',
            next: ['compliance_review'],
          },
        ],
        default: { id: 'standard', label: 'Standard onboarding', next: [] },
      },
    },
    {
      id: 'compliance_review',
      name: 'Compliance review',
      type: 'data_collection',
      description: 'A compliance officer confirms the client may proceed, with any restrictions.',
      dependencies: ['suitability_route'],
      config: {
        schema: {
          type: 'object',
          properties: {
            approved: { type: 'boolean', title: 'Client may proceed' },
            reviewer_name: { type: 'string', title: 'Reviewer', minLength: 2 },
            restrictions: { type: 'string', title: 'Restrictions or conditions', maxLength: 2000 },
          },
          required: ['approved', 'reviewer_name'],
          additionalProperties: false,
        },
        ui_schema: { restrictions: { 'ui:widget': 'textarea' } },
        submit_label: 'Record decision',
      },
    },
    {
      id: 'investment_policy',
      name: 'Investment policy statement',
      type: 'ai_generated',
      description: 'Drafts an investment policy statement for the adviser to review.',
      dependencies: ['suitability_route', 'compliance_review'],
      ai_prompt: [
        'Draft an investment policy statement for {{personal_details.full_name}}.',
        'Goal: {{risk_questionnaire.primary_goal}}; horizon: {{risk_questionnaire.investment_horizon_years}} years;',
        'dependents: {{risk_questionnaire.dependents}}.',
        'Annual income {{personal_details.annual_income}}, net worth {{personal_details.net_worth}}, liquid assets {{personal_details.liquid_assets}}.',
        'Risk score {{risk_profile.score}} ({{risk_profile.profile}}), equity target {{risk_profile.equity_target_pct}}%.',
        'Suitability problems: {{suitability_checks.errors}}. Compliance restrictions: {{compliance_review.restrictions}}.',
        'Keep the allocation within 10 points of the equity target unless the restrictions say otherwise.',
      ].join('\n'),
      config: {
        output_schema: {
          type: 'object',
          properties: {
            summary: { type: 'string', minLength: 1, maxLength: 2000 },
            allocation: {
              type: 'object',
              properties: {
                equity_pct: { type: 'number', minimum: 0, maximum: 100 },
                bonds_pct: { type: 'number', minimum: 0, maximum: 100 },
                cash_pct: { type: 'number', minimum: 0, maximum: 100 },
              },
              required: ['equity_pct', 'bonds_pct', 'cash_pct'],
              additionalProperties: false,
            },
            key_risks: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 8 },
            review_frequency: { type: 'string', enum: ['quarterly', 'semi_annual', 'annual'] },
          },
          required: ['summary', 'allocation', 'key_risks', 'review_frequency'],
          additionalProperties: false,
        },
        temperature: 0.2,
      },
    },
  ],
  entry_points: ['personal_details'],
  exit_points: ['investment_policy'],
};
