import type { WorkflowDefinitionInput } from '../definition';

const amount = (title: string, description?: string) => ({ type: 'number', title, minimum: 0, ...(description ? { description } : {}) });
const pct = (title: string, fallback: number) => ({ type: 'number', title, minimum: 0, maximum: 100, default: fallback });

/** Checks a portfolio against its target mix and proposes trades only when drift passes the threshold. */
export const portfolioRebalancing: WorkflowDefinitionInput = {
  id: 'portfolio-rebalancing',
  name: 'Portfolio rebalancing',
  description:
    'Compares current holdings with the target allocation, measures drift and, when it exceeds the threshold, drafts a trade plan for review; otherwise records a decision to hold.',
  category: 'Portfolio',
  steps: [
    {
      id: 'current_holdings',
      name: 'Current holdings',
      type: 'data_collection',
      description: 'Market value of each asset class today.',
      config: {
        schema: {
          type: 'object',
          properties: {
            account_type: { type: 'string', title: 'Account type', enum: ['taxable', 'traditional_ira', 'roth_ira', '401k'] },
            us_equity: amount('US stocks', 'Market value of US stock funds and shares'),
            international_equity: amount('International stocks'),
            bonds: amount('Bonds'),
            cash: amount('Cash and money market'),
            as_of_date: { type: 'string', title: 'Values as of', format: 'date' },
          },
          required: ['account_type', 'us_equity', 'international_equity', 'bonds', 'cash', 'as_of_date'],
          additionalProperties: false,
        },
      },
    },
    {
      id: 'target_allocation',
      name: 'Target allocation',
      type: 'data_collection',
      description: 'The mix the portfolio should have and how much drift is tolerated.',
      dependencies: ['current_holdings'],
      config: {
        schema: {
          type: 'object',
          properties: {
            us_equity_pct: pct('US stocks %', 45),
            international_equity_pct: pct('International stocks %', 15),
            bonds_pct: pct('Bonds %', 35),
            cash_pct: pct('Cash %', 5),
            drift_threshold_pct: {
              type: 'number',
              title: 'Rebalance when any asset drifts by more than (percentage points)',
              minimum: 1,
              maximum: 25,
              default: 5,
            },
          },
          required: ['us_equity_pct', 'international_equity_pct', 'bonds_pct', 'cash_pct', 'drift_threshold_pct'],
          additionalProperties: false,
        },
      },
    },
    {
      id: 'allocation_checks',
      name: 'Check targets and holdings',
      type: 'validation',
      description: 'Targets must add up to 100% and there must be something to rebalance.',
      dependencies: ['target_allocation'],
      config: {
        rules: [
          {
            cel: 'target_allocation.us_equity_pct + target_allocation.international_equity_pct + target_allocation.bonds_pct + target_allocation.cash_pct >= 99.99 && target_allocation.us_equity_pct + target_allocation.international_equity_pct + target_allocation.bonds_pct + target_allocation.cash_pct <= 100.01',
            message: 'Target percentages must add up to 100%',
          },
          {
            cel: 'current_holdings.us_equity + current_holdings.international_equity + current_holdings.bonds + current_holdings.cash > 0.0',
            message: 'Enter at least one holding with a value above 0',
          },
        ],
        on_failure: 'fail',
      },
    },
    {
      id: 'drift',
      name: 'Measure drift',
      type: 'calculation',
      description: 'Current weights, drift from target and the trades that would restore the targets.',
      dependencies: ['allocation_checks'],
      config: {
        formula: 'allocation_drift',
        inputs: {
          holdings:
            '{"us_equity": current_holdings.us_equity, "international_equity": current_holdings.international_equity, "bonds": current_holdings.bonds, "cash": current_holdings.cash}',
          targets:
            '{"us_equity": target_allocation.us_equity_pct, "international_equity": target_allocation.international_equity_pct, "bonds": target_allocation.bonds_pct, "cash": target_allocation.cash_pct}',
          threshold_pct: 'target_allocation.drift_threshold_pct',
        },
      },
    },
    {
      id: 'rebalance_decision',
      name: 'Rebalance?',
      type: 'decision',
      description: 'Only drift beyond the threshold is worth the trading costs.',
      dependencies: ['drift'],
      config: {
        branches: [{ id: 'rebalance', label: 'Drift above threshold', condition: 'drift.needs_rebalance', next: ['trade_plan'] }],
        default: { id: 'hold', label: 'Within tolerance', next: ['hold_confirmation'] },
      },
    },
    {
      id: 'trade_plan',
      name: 'Trade plan',
      type: 'ai_generated',
      description: 'Orders that bring the portfolio back to target, with tax notes for taxable accounts.',
      dependencies: ['rebalance_decision'],
      ai_prompt: [
        'Draft a rebalancing trade plan for a {{current_holdings.account_type}} account worth {{drift.total_value}}.',
        'Current weights (%): {{drift.current_pct}}',
        'Drift from target (percentage points): {{drift.drift_pct}}',
        'Trades that restore the targets exactly (positive = buy, negative = sell): {{drift.trades}}',
        'Prefer using the cash position before selling. In a taxable account, point out that sales may realise capital gains.',
      ].join('\n'),
      config: {
        output_schema: {
          type: 'object',
          properties: {
            summary: { type: 'string', minLength: 1, maxLength: 1500 },
            orders: {
              type: 'array',
              minItems: 1,
              items: {
                type: 'object',
                properties: {
                  asset: { type: 'string', enum: ['us_equity', 'international_equity', 'bonds', 'cash'] },
                  action: { type: 'string', enum: ['buy', 'sell'] },
                  amount: { type: 'number', minimum: 0 },
                  rationale: { type: 'string' },
                },
                required: ['asset', 'action', 'amount'],
                additionalProperties: false,
              },
            },
            tax_notes: { type: 'string', maxLength: 1500 },
          },
          required: ['summary', 'orders'],
          additionalProperties: false,
        },
        temperature: 0.1,
      },
    },
    {
      id: 'hold_confirmation',
      name: 'Confirm no rebalance',
      type: 'data_collection',
      description: 'Records that the portfolio stays as it is and when to look again.',
      dependencies: ['rebalance_decision'],
      config: {
        schema: {
          type: 'object',
          properties: {
            next_review_date: { type: 'string', title: 'Next review', format: 'date' },
            notes: { type: 'string', title: 'Notes', maxLength: 1000 },
          },
          required: ['next_review_date'],
          additionalProperties: false,
        },
        submit_label: 'Confirm',
      },
    },
  ],
  entry_points: ['current_holdings'],
  exit_points: ['trade_plan', 'hold_confirmation'],
};
