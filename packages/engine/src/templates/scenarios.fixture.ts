/** Scripted runs of the built-in templates (used by templates.test.ts): form answers, model answers, expectations. */
export interface Scenario {
  name: string;
  template: string;
  forms: Record<string, Record<string, unknown>>;
  ai: Record<string, Record<string, unknown>>;
  expectStatuses: Record<string, string>;
  expectData: Record<string, unknown>;
}

const holdings = { account_type: 'taxable', us_equity: 60000, international_equity: 10000, bonds: 25000, cash: 5000, as_of_date: '2025-06-30' };
const targets = { us_equity_pct: 45, international_equity_pct: 15, bonds_pct: 35, cash_pct: 5, drift_threshold_pct: 5 };

export const SCENARIOS: Scenario[] = [
  {
    name: 'onboarding: an aggressive investor with enough liquidity skips compliance',
    template: 'investor-onboarding',
    forms: {
      personal_details: {
        full_name: 'Dana Reyes',
        email: 'dana@example.com',
        date_of_birth: '1985-04-12',
        employment_status: 'employed',
        annual_income: 120000,
        net_worth: 450000,
        liquid_assets: 80000,
      },
      risk_questionnaire: { primary_goal: 'long_term_growth', investment_horizon_years: 25, loss_tolerance: 4, investing_experience: 3, dependents: 2 },
    },
    ai: {
      investment_policy: {
        summary: 'Growth-oriented policy for a 25-year horizon.',
        allocation: { equity_pct: 85, bonds_pct: 12, cash_pct: 3 },
        key_risks: ['Equity drawdowns of 30% or more'],
        review_frequency: 'annual',
      },
    },
    expectStatuses: { suitability_checks: 'completed', compliance_review: 'skipped', investment_policy: 'completed' },
    // horizon 25 (capped at 20) = 1, tolerance 4 = 0.75, experience 3 = 0.5 -> 75.
    expectData: { risk_profile: { score: 75, profile: 'aggressive', equity_target_pct: 90 }, suitability_route: { branch: 'standard' } },
  },
  {
    name: 'rebalancing: 60% US stocks against a 45% target proposes trades',
    template: 'portfolio-rebalancing',
    forms: { current_holdings: holdings, target_allocation: targets },
    ai: {
      trade_plan: {
        summary: 'Sell 15,000 of US stocks; buy 5,000 international and 10,000 bonds.',
        orders: [
          { asset: 'us_equity', action: 'sell', amount: 15000 },
          { asset: 'international_equity', action: 'buy', amount: 5000 },
          { asset: 'bonds', action: 'buy', amount: 10000 },
        ],
      },
    },
    expectStatuses: { trade_plan: 'completed', hold_confirmation: 'skipped' },
    expectData: {
      drift: {
        max_drift_pct: 15,
        needs_rebalance: true,
        trades: { us_equity: -15000, international_equity: 5000, bonds: 10000, cash: 0 },
      },
    },
  },
  {
    name: 'rebalancing: a portfolio within the threshold is held',
    template: 'portfolio-rebalancing',
    forms: {
      current_holdings: { ...holdings, us_equity: 47000, international_equity: 14000, bonds: 34000, cash: 5000 },
      target_allocation: targets,
      hold_confirmation: { next_review_date: '2025-12-31' },
    },
    ai: {},
    expectStatuses: { trade_plan: 'skipped', hold_confirmation: 'completed' },
    expectData: { drift: { max_drift_pct: 2, needs_rebalance: false }, rebalance_decision: { branch: 'hold' } },
  },
  {
    name: 'budget: saving 750 against a 1,000 goal suggests cuts',
    template: 'monthly-budget-review',
    forms: {
      income_and_expenses: {
        month: '2025-05',
        net_income: 5200,
        housing: 1900, // over 35% of 5,200 (1,820)
        utilities: 250.5,
        groceries: 600.25,
        transportation: 399.25,
        insurance: 200,
        debt_payments: 300,
        discretionary: 800,
        savings_goal: 1000,
      },
      commitments: { actions: 'Cook at home four nights a week.' },
    },
    ai: {
      spending_cuts: {
        summary: 'Trim dining out.',
        cuts: [{ category: 'discretionary', monthly_saving: 250, how: 'Cook at home more often' }],
        projected_surplus: 1000,
      },
    },
    expectStatuses: { spending_cuts: 'completed', surplus_plan: 'skipped', commitments: 'completed' },
    expectData: {
      surplus: { surplus: 750, total_expenses: 4450, savings_rate_pct: 14.42, meets_goal: false },
      budget_route: { branch: 'below_goal' },
      budget_checks: { valid: false, errors: { 'income_and_expenses.housing': ['Housing takes more than 35% of take-home pay'] } },
    },
  },
  {
    name: 'retirement: a shortfall leads to a catch-up plan and sign-off',
    template: 'retirement-plan',
    forms: {
      retirement_profile: {
        current_age: 35,
        retirement_age: 65,
        current_savings: 50000,
        monthly_contribution: 500,
        expected_return_pct: 6,
        desired_annual_income: 80000,
        social_security_estimate: 20000,
        withdrawal_rate_pct: 4,
      },
      adviser_sign_off: { plan_agreed: true, new_monthly_contribution: 1200, review_in_months: 12 },
    },
    ai: {
      catch_up_plan: {
        summary: 'Raise contributions and consider retiring at 67.',
        options: [
          { action: 'Contribute 700 more a month', monthly_cost: 700, effect: 'Closes the gap' },
          { action: 'Retire at 67', effect: 'Halves the gap' },
        ],
        recommended_option: 0,
      },
    },
    expectStatuses: { catch_up_plan: 'completed', on_track_summary: 'skipped', adviser_sign_off: 'completed' },
    expectData: { gap: { projected_savings: 803386.28, needed_savings: 1500000, gap: 696613.72, on_track: false } },
  },
  {
    name: 'stock research: a clean buy goes to the order ticket',
    template: 'stock-research-checklist',
    forms: {
      company_basics: {
        ticker: 'ACME',
        company_name: 'Acme Industrial Corp',
        sector: 'industrials',
        share_price: 50,
        shares_to_buy: 100,
        thesis: 'Dominant niche supplier with pricing power and a rising backlog.',
      },
      fundamentals: {
        pe_ratio: 18,
        revenue_growth_pct: 12,
        debt_to_equity: 0.6,
        free_cash_flow_positive: true,
        dividend_yield_pct: 1.5,
        expected_return_pct: 8,
        holding_period_years: 5,
        portfolio_value: 200000,
        max_position_pct: 5,
      },
      order_ticket: { order_type: 'limit', limit_price: 49.5, quantity: 100, time_in_force: 'day' },
    },
    ai: {
      research_memo: {
        verdict: 'buy',
        confidence: 'medium',
        summary: 'Reasonably priced compounder.',
        bull_case: ['Backlog growth'],
        bear_case: ['Cyclical end markets'],
      },
    },
    expectStatuses: { red_flags: 'completed', order_ticket: 'completed', watchlist_entry: 'skipped' },
    // 5,000 at 8% for 5 years, monthly compounding: 5000 * (1 + 0.08/12)^60.
    expectData: { red_flags: { valid: true }, position_projection: { future_value: 7449.23, total_contributions: 5000 } },
  },
  {
    name: 'tax-loss harvesting: one loss above the minimum is planned and confirmed',
    template: 'tax-loss-harvesting-review',
    forms: {
      tax_situation: { tax_year: 2025, filing_status: 'single', marginal_tax_rate_pct: 24, realized_gains_ytd: 8000, min_loss_to_harvest: 200 },
      taxable_positions: {
        positions: [
          { symbol: 'VTI', cost_basis: 10000, market_value: 12000 },
          { symbol: 'ARKK', cost_basis: 8000, market_value: 5000, acquired_on: '2022-01-10' },
          { symbol: 'BND', cost_basis: 5000, market_value: 4900 },
        ],
        recent_purchases: ['VTI'],
      },
      trade_confirmation: { trades_placed: true, trade_date: '2025-12-15' },
    },
    ai: {
      harvest_plan: {
        summary: 'Sell ARKK and buy a similar innovation ETF.',
        sales: [{ symbol: 'ARKK', replacement: 'QQQM', wash_sale_risk: false }],
        estimated_tax_saving: 720,
      },
    },
    expectStatuses: { harvest_plan: 'completed', no_action_record: 'skipped', trade_confirmation: 'completed' },
    expectData: { harvest: { candidate_count: 1, total_harvestable_loss: 3000, estimated_tax_saving: 720 } },
  },
];
