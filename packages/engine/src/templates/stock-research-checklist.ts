import type { WorkflowDefinitionInput } from '../definition';

/** A disciplined pre-buy checklist: basics, fundamentals, red flags, a memo, then an order or a watchlist entry. */
export const stockResearchChecklist: WorkflowDefinitionInput = {
  id: 'stock-research-checklist',
  name: 'Stock research checklist',
  description:
    'Walks through a stock idea before buying: company basics and thesis, key fundamentals, red-flag checks and position sizing, a projected value, and a research memo whose verdict leads to an order ticket or a watchlist entry.',
  category: 'Research',
  steps: [
    {
      id: 'company_basics',
      name: 'Company and thesis',
      type: 'data_collection',
      description: 'What the company is and why it might be worth owning.',
      config: {
        schema: {
          type: 'object',
          properties: {
            ticker: { type: 'string', title: 'Ticker symbol', pattern: '^[A-Z]{1,5}(\\.[A-Z])?$' },
            company_name: { type: 'string', title: 'Company name', minLength: 1, maxLength: 200 },
            sector: {
              type: 'string',
              title: 'Sector',
              enum: ['technology', 'healthcare', 'financials', 'consumer', 'industrials', 'energy', 'utilities', 'real_estate', 'materials', 'communication'],
            },
            share_price: { type: 'number', title: 'Current share price', exclusiveMinimum: 0 },
            shares_to_buy: { type: 'integer', title: 'Shares you plan to buy', minimum: 1 },
            thesis: {
              type: 'string',
              title: 'Investment thesis',
              description: 'Why this company, why now, and what would prove you wrong.',
              minLength: 20,
              maxLength: 4000,
            },
          },
          required: ['ticker', 'company_name', 'sector', 'share_price', 'shares_to_buy', 'thesis'],
          additionalProperties: false,
        },
        ui_schema: { thesis: { 'ui:widget': 'textarea' } },
      },
    },
    {
      id: 'fundamentals',
      name: 'Fundamentals and sizing',
      type: 'data_collection',
      description: 'Figures from the latest annual report and your own portfolio limits.',
      dependencies: ['company_basics'],
      config: {
        schema: {
          type: 'object',
          properties: {
            pe_ratio: { type: 'number', title: 'Price / earnings (trailing)', description: 'Use a negative number for a loss.' },
            revenue_growth_pct: { type: 'number', title: 'Revenue growth, last year (%)', minimum: -100 },
            debt_to_equity: { type: 'number', title: 'Debt / equity', minimum: 0 },
            free_cash_flow_positive: { type: 'boolean', title: 'Free cash flow positive last year' },
            dividend_yield_pct: { type: 'number', title: 'Dividend yield (%)', minimum: 0, maximum: 25, default: 0 },
            expected_return_pct: { type: 'number', title: 'Your expected annual return (%)', minimum: -50, maximum: 50 },
            holding_period_years: { type: 'integer', title: 'Planned holding period (years)', minimum: 1, maximum: 30, default: 5 },
            portfolio_value: { type: 'number', title: 'Total portfolio value', minimum: 0 },
            max_position_pct: { type: 'number', title: 'Largest position you allow (% of portfolio)', minimum: 0, maximum: 100, default: 5 },
          },
          required: [
            'pe_ratio',
            'revenue_growth_pct',
            'debt_to_equity',
            'free_cash_flow_positive',
            'expected_return_pct',
            'holding_period_years',
            'portfolio_value',
            'max_position_pct',
          ],
          additionalProperties: false,
        },
      },
    },
    {
      id: 'red_flags',
      name: 'Red-flag checklist',
      type: 'validation',
      description: 'Classic warning signs and position-size discipline; recorded for the memo, not blocking.',
      dependencies: ['fundamentals'],
      config: {
        rules: [
          { cel: 'fundamentals.debt_to_equity <= 2.0', field: 'fundamentals.debt_to_equity', message: 'Debt is more than twice equity' },
          { cel: 'fundamentals.free_cash_flow_positive', field: 'fundamentals.free_cash_flow_positive', message: 'Free cash flow was negative' },
          {
            cel: 'fundamentals.pe_ratio > 0.0 && fundamentals.pe_ratio <= 40.0',
            field: 'fundamentals.pe_ratio',
            message: 'Unprofitable or priced above 40 times earnings',
          },
          {
            cel: 'company_basics.share_price * company_basics.shares_to_buy <= fundamentals.portfolio_value * fundamentals.max_position_pct / 100.0',
            field: 'company_basics.shares_to_buy',
            message: 'The purchase would exceed your maximum position size',
          },
        ],
        on_failure: 'continue',
      },
    },
    {
      id: 'position_projection',
      name: 'Projected position value',
      type: 'calculation',
      description: 'What the position could be worth at the expected return over the holding period.',
      dependencies: ['fundamentals'],
      config: {
        formula: 'compound_growth',
        inputs: {
          principal: 'company_basics.share_price * company_basics.shares_to_buy',
          annual_rate_pct: 'fundamentals.expected_return_pct',
          years: 'fundamentals.holding_period_years',
        },
      },
    },
    {
      id: 'research_memo',
      name: 'Research memo',
      type: 'ai_generated',
      description: 'A balanced bull/bear memo with a verdict, for the investor to review.',
      dependencies: ['red_flags', 'position_projection'],
      ai_prompt: [
        'Write a research memo on {{company_basics.company_name}} ({{company_basics.ticker}}, {{company_basics.sector}}).',
        'Investor thesis: {{company_basics.thesis}}',
        'P/E {{fundamentals.pe_ratio}}, revenue growth {{fundamentals.revenue_growth_pct}}%, debt/equity {{fundamentals.debt_to_equity}},',
        'free cash flow positive: {{fundamentals.free_cash_flow_positive}}, dividend yield {{fundamentals.dividend_yield_pct}}%.',
        'Red flags found: {{red_flags.errors}}',
        'Planned position {{position_projection.total_contributions}}, projected {{position_projection.future_value}} after {{fundamentals.holding_period_years}} years',
        'at the investor’s expected {{fundamentals.expected_return_pct}}% a year; judge whether that expectation is realistic.',
        'Verdict "buy" only if the thesis holds and the red flags are acceptable; "watch" if the price or timing is wrong; otherwise "avoid".',
      ].join('\n'),
      config: {
        output_schema: {
          type: 'object',
          properties: {
            verdict: { type: 'string', enum: ['buy', 'watch', 'avoid'] },
            confidence: { type: 'string', enum: ['low', 'medium', 'high'] },
            summary: { type: 'string', minLength: 1, maxLength: 2000 },
            bull_case: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 5 },
            bear_case: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 5 },
            fair_entry_price: { type: 'number', minimum: 0 },
          },
          required: ['verdict', 'confidence', 'summary', 'bull_case', 'bear_case'],
          additionalProperties: false,
        },
        temperature: 0.3,
      },
    },
    {
      id: 'verdict_route',
      name: 'Act on the verdict',
      type: 'decision',
      description: 'A buy with no red flags goes to an order ticket; a watch (or a buy with red flags) to the watchlist.',
      dependencies: ['research_memo'],
      config: {
        branches: [
          { id: 'buy', label: 'Buy', condition: 'research_memo.verdict == "buy" && red_flags.valid', next: ['order_ticket'] },
          { id: 'watch', label: 'Watch', condition: 'research_memo.verdict != "avoid"', next: ['watchlist_entry'] },
        ],
        default: { id: 'avoid', label: 'Pass on this idea', next: [] },
      },
    },
    {
      id: 'order_ticket',
      name: 'Order ticket',
      type: 'data_collection',
      description: 'The order to place with the broker.',
      dependencies: ['verdict_route'],
      config: {
        schema: {
          type: 'object',
          properties: {
            order_type: { type: 'string', title: 'Order type', enum: ['market', 'limit'], default: 'limit' },
            limit_price: { type: 'number', title: 'Limit price', exclusiveMinimum: 0 },
            quantity: { type: 'integer', title: 'Quantity', minimum: 1 },
            time_in_force: { type: 'string', title: 'Time in force', enum: ['day', 'gtc'], default: 'day' },
          },
          required: ['order_type', 'quantity', 'time_in_force'],
          // A limit order needs its limit price.
          if: { properties: { order_type: { const: 'limit' } } },
          then: { required: ['limit_price'] },
          additionalProperties: false,
        },
        submit_label: 'Save order',
      },
    },
    {
      id: 'watchlist_entry',
      name: 'Add to watchlist',
      type: 'data_collection',
      description: 'The price that would make it a buy and when to look again.',
      dependencies: ['verdict_route'],
      config: {
        schema: {
          type: 'object',
          properties: {
            target_entry_price: { type: 'number', title: 'Buy below', exclusiveMinimum: 0 },
            review_date: { type: 'string', title: 'Review on', format: 'date' },
            note: { type: 'string', title: 'What needs to change', maxLength: 1000 },
          },
          required: ['target_entry_price', 'review_date'],
          additionalProperties: false,
        },
      },
    },
  ],
  entry_points: ['company_basics'],
  exit_points: ['order_ticket', 'watchlist_entry'],
};
