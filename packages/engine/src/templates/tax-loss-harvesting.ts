import type { WorkflowDefinitionInput } from '../definition';

/** Year-end review of losing positions that could offset realised gains, with wash-sale care. */
export const taxLossHarvestingReview: WorkflowDefinitionInput = {
  id: 'tax-loss-harvesting-review',
  name: 'Tax-loss harvesting review',
  description:
    'Finds taxable positions trading below cost basis, estimates the tax the losses could save at the client’s marginal rate, and drafts a harvesting plan that avoids wash sales, or records that there is nothing to harvest.',
  category: 'Tax',
  steps: [
    {
      id: 'tax_situation',
      name: 'Tax situation',
      type: 'data_collection',
      description: 'Filing details, marginal rate and gains realised so far this year.',
      config: {
        schema: {
          type: 'object',
          properties: {
            tax_year: { type: 'integer', title: 'Tax year', minimum: 2000, maximum: 2100 },
            filing_status: {
              type: 'string',
              title: 'Filing status',
              enum: ['single', 'married_joint', 'married_separate', 'head_of_household'],
            },
            marginal_tax_rate_pct: { type: 'number', title: 'Marginal tax rate on gains (%)', minimum: 0, maximum: 60 },
            realized_gains_ytd: { type: 'number', title: 'Capital gains realised this year', minimum: 0, default: 0 },
            min_loss_to_harvest: {
              type: 'number',
              title: 'Ignore losses smaller than',
              description: 'Small losses rarely justify the trading costs.',
              minimum: 0,
              default: 200,
            },
          },
          required: ['tax_year', 'filing_status', 'marginal_tax_rate_pct', 'realized_gains_ytd', 'min_loss_to_harvest'],
          additionalProperties: false,
        },
      },
    },
    {
      id: 'taxable_positions',
      name: 'Taxable positions',
      type: 'data_collection',
      description: 'Positions in taxable accounts, and anything bought in the last 30 days (wash-sale window).',
      dependencies: ['tax_situation'],
      config: {
        schema: {
          type: 'object',
          properties: {
            positions: {
              type: 'array',
              title: 'Positions',
              minItems: 1,
              maxItems: 200,
              items: {
                type: 'object',
                properties: {
                  symbol: { type: 'string', title: 'Symbol', pattern: '^[A-Z][A-Z0-9.]{0,9}$' },
                  cost_basis: { type: 'number', title: 'Cost basis', minimum: 0 },
                  market_value: { type: 'number', title: 'Market value', minimum: 0 },
                  acquired_on: { type: 'string', title: 'Acquired on', format: 'date' },
                },
                required: ['symbol', 'cost_basis', 'market_value'],
                additionalProperties: false,
              },
            },
            recent_purchases: {
              type: 'array',
              title: 'Symbols bought in the last 30 days',
              items: { type: 'string', pattern: '^[A-Z][A-Z0-9.]{0,9}$' },
              uniqueItems: true,
              default: [],
            },
          },
          required: ['positions'],
          additionalProperties: false,
        },
      },
    },
    {
      id: 'position_checks',
      name: 'Check the positions',
      type: 'validation',
      description: 'Each symbol once, and a tax rate that makes harvesting worthwhile.',
      dependencies: ['taxable_positions'],
      config: {
        fields: [{ field: 'tax_situation.marginal_tax_rate_pct', required: true, min: 0, max: 60 }],
        rules: [
          {
            cel: 'taxable_positions.positions.all(p, taxable_positions.positions.filter(q, q.symbol == p.symbol).size() == 1)',
            field: 'taxable_positions.positions',
            message: 'List each symbol once (add up lots of the same holding)',
          },
          {
            cel: 'tax_situation.marginal_tax_rate_pct > 0.0',
            field: 'tax_situation.marginal_tax_rate_pct',
            message: 'At a 0% tax rate harvesting losses saves no tax',
          },
        ],
        on_failure: 'fail',
      },
    },
    {
      id: 'harvest',
      name: 'Harvestable losses',
      type: 'calculation',
      description: 'Positions below cost by at least the minimum loss, and the estimated tax saving.',
      dependencies: ['position_checks'],
      config: {
        formula: 'tax_loss_harvest',
        inputs: {
          positions: 'taxable_positions.positions',
          tax_rate_pct: 'tax_situation.marginal_tax_rate_pct',
          min_loss: 'tax_situation.min_loss_to_harvest',
        },
      },
    },
    {
      id: 'harvest_route',
      name: 'Anything to harvest?',
      type: 'decision',
      description: 'Plan the sales when there are candidates; otherwise record the review.',
      dependencies: ['harvest'],
      config: {
        branches: [
          { id: 'harvest', label: 'Losses to harvest', condition: 'harvest.total_harvestable_loss > 0.0', next: ['harvest_plan'] },
        ],
        default: { id: 'nothing', label: 'Nothing to harvest', next: ['no_action_record'] },
      },
    },
    {
      id: 'harvest_plan',
      name: 'Harvesting plan',
      type: 'ai_generated',
      description: 'Which lots to sell, what to buy instead, and wash-sale warnings.',
      dependencies: ['harvest_route'],
      ai_prompt: [
        'Tax year {{tax_situation.tax_year}}, filing status {{tax_situation.filing_status}}, marginal rate {{tax_situation.marginal_tax_rate_pct}}%.',
        'Gains realised so far this year: {{tax_situation.realized_gains_ytd}}.',
        'Harvest candidates (largest loss first): {{harvest.candidates}}',
        'Total harvestable loss {{harvest.total_harvestable_loss}}, estimated tax saving {{harvest.estimated_tax_saving}}.',
        'Bought in the last 30 days (wash-sale risk if sold at a loss): {{taxable_positions.recent_purchases}}',
        'For each sale suggest a similar but not substantially identical replacement to keep market exposure.',
        'Net losses beyond realised gains offset at most 3,000 of ordinary income a year; mention any carry-forward.',
      ].join('\n'),
      config: {
        output_schema: {
          type: 'object',
          properties: {
            summary: { type: 'string', minLength: 1, maxLength: 2000 },
            sales: {
              type: 'array',
              minItems: 1,
              items: {
                type: 'object',
                properties: {
                  symbol: { type: 'string' },
                  replacement: { type: 'string' },
                  wash_sale_risk: { type: 'boolean' },
                  note: { type: 'string' },
                },
                required: ['symbol', 'replacement', 'wash_sale_risk'],
                additionalProperties: false,
              },
            },
            estimated_tax_saving: { type: 'number', minimum: 0 },
            carry_forward: { type: 'number', minimum: 0 },
          },
          required: ['summary', 'sales', 'estimated_tax_saving'],
          additionalProperties: false,
        },
        temperature: 0.1,
      },
    },
    {
      id: 'no_action_record',
      name: 'Record the review',
      type: 'data_collection',
      description: 'Notes that no losses were worth harvesting this time.',
      dependencies: ['harvest_route'],
      config: {
        schema: {
          type: 'object',
          properties: {
            reviewed_by: { type: 'string', title: 'Reviewed by', minLength: 2 },
            revisit_on: { type: 'string', title: 'Look again on', format: 'date' },
          },
          required: ['reviewed_by'],
          additionalProperties: false,
        },
        submit_label: 'Close review',
      },
    },
    {
      id: 'trade_confirmation',
      name: 'Confirm trades',
      type: 'data_collection',
      description: 'Which harvesting trades were actually placed.',
      dependencies: ['harvest_plan'],
      config: {
        schema: {
          type: 'object',
          properties: {
            trades_placed: { type: 'boolean', title: 'Trades placed' },
            trade_date: { type: 'string', title: 'Trade date', format: 'date' },
            notes: { type: 'string', title: 'Notes', maxLength: 2000 },
          },
          required: ['trades_placed'],
          if: { properties: { trades_placed: { const: true } } },
          then: { required: ['trade_date'] },
          additionalProperties: false,
        },
      },
    },
  ],
  entry_points: ['tax_situation'],
  exit_points: ['no_action_record', 'trade_confirmation'],
};
