/** What the built-in model knows about finance words: the fields people mention and the formulas they imply. */

export type FieldType = 'number' | 'string' | 'boolean' | 'integer';
/** How a field is asked for: money and percentages get bounds, lists get an array schema. */
export type FieldKind = 'money' | 'percent' | 'age' | 'years' | 'score' | 'count' | 'text' | 'flag' | 'positions';

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  kind: FieldKind;
  description?: string;
  /** Words in a goal that mean this field. */
  pattern: RegExp;
}

const f = (name: string, label: string, kind: FieldKind, pattern: RegExp, description?: string): FieldDef => ({
  name,
  label,
  kind,
  pattern,
  type: kind === 'text' || kind === 'positions' ? 'string' : kind === 'flag' ? 'boolean' : kind === 'age' || kind === 'score' || kind === 'count' ? 'integer' : 'number',
  ...(description ? { description } : {}),
});

/** Known fields, most specific first (so "savings goal" is not read as "savings"). */
export const FIELDS: FieldDef[] = [
  f('savings_goal', 'Monthly savings goal', 'money', /savings? (goal|target)|goal to save|(want|hope|plan) to save/),
  f('desired_annual_income', 'Desired yearly income in retirement', 'money', /(desired|retirement|needed) (annual |yearly )?income|income (in|during) retirement|live on in retirement/),
  f('monthly_contribution', 'Monthly contribution', 'money', /contribut|(save|invest|put (in|away)) (each|every|per|a) month|monthly (investment|deposit|saving)/),
  f('current_savings', 'Current savings', 'money', /current savings|savings balance|(what|how much) i('ve| have) saved|(my|current|existing) savings(?! (goal|rate|target))|nest egg|saved so far/),
  f('income', 'Monthly income', 'money', /(?<!(desired|retirement|needed|annual|yearly) )\bincome\b(?! (in|during) retirement)|salary|earnings|take[- ]home|paycheck|\bearn\b/),
  f('expenses', 'Monthly expenses', 'money', /expenses|spending|\bspend\b|outgoings|\bbills\b|monthly costs/),
  f('retirement_age', 'Retirement age', 'age', /retirement age|retire at|age (i|to) retire|when (i )?(want|plan|hope) to retire/),
  f('current_age', 'Current age', 'age', /(?<!retirement )\bage\b(?! (i|to) retire)|how old/),
  f('annual_return_pct', 'Expected yearly return (%)', 'percent', /returns?\b|interest rate|growth rate|rate of return|yield/),
  f('principal', 'Starting amount', 'money', /principal|initial (investment|deposit|amount)|lump sum|starting (amount|balance)|how much i invest|amount (i )?invest/),
  f('years', 'Years to grow', 'years', /\b(number of |how many )?years\b(?! (old|to retire))|time frame|for \d+ years/),
  f('months_target', 'Months of expenses to keep', 'count', /months of (expenses|spending|cover)/),
  f('stocks_value', 'Stocks now', 'money', /holdings|portfolio|rebalanc|drift|allocation/),
  f('bonds_value', 'Bonds now', 'money', /holdings|portfolio|rebalanc|drift|allocation/),
  f('cash_value', 'Cash now', 'money', /holdings|portfolio|rebalanc|drift|allocation/),
  f('stocks_target_pct', 'Target stocks (%)', 'percent', /target|rebalanc|drift|allocation/),
  f('bonds_target_pct', 'Target bonds (%)', 'percent', /target|rebalanc|drift|allocation/),
  f('cash_target_pct', 'Target cash (%)', 'percent', /target|rebalanc|drift|allocation/),
  f('drift_threshold_pct', 'Drift threshold (%)', 'percent', /threshold|tolerance band/),
  f('positions', 'Positions', 'positions', /positions|cost basis|tax[- ]loss|harvest|unrealized loss/, 'Each position: symbol, cost basis and market value.'),
  f('tax_rate_pct', 'Tax rate (%)', 'percent', /tax rate|tax bracket|marginal rate|tax[- ]loss|harvest/),
  f('horizon_years', 'Investment horizon (years)', 'years', /horizon|how long (i|you) (plan|want) to invest|invest(ing)? for how long/),
  f('loss_tolerance', 'Loss tolerance (1-5)', 'score', /risk tolerance|loss tolerance|risk answers|questionnaire|risk (score|profile|appetite)|how much risk/),
  f('experience', 'Investing experience (1-5)', 'score', /experience|risk answers|questionnaire|risk (score|profile)/),
  f('tickers', 'Tickers', 'text', /tickers?|symbols?|stock (research|picks?)|research (a |the )?stock/, 'Comma-separated ticker symbols, e.g. VTI, AAPL.'),
  f('debt', 'Debt balance', 'money', /\bdebts?\b|loan balance|credit card balance/),
  f('full_name', 'Full name', 'text', /\bname\b/),
  f('email', 'Email', 'text', /e-?mail/),
  f('notes', 'Notes', 'text', /\bnotes?\b|comments?/),
];

export const FIELD_BY_NAME = new Map(FIELDS.map((d) => [d.name, d]));

export interface FormulaUse {
  formula: string;
  /** The calculation step's id, which conditions name (`surplus.surplus`). */
  stepId: string;
  name: string;
  pattern: RegExp;
  why: string;
  /** Fields the formula needs from the form. */
  needs: string[];
}

export const FORMULA_USES: FormulaUse[] = [
  {
    formula: 'monthly_surplus',
    stepId: 'surplus',
    name: 'Monthly surplus',
    pattern: /surplus|left ?over|what('s| is) left|savings rate|cash ?flow|budget|net (monthly )?income|spend less than|deficit/,
    why: 'Income minus expenses shows what is left each month.',
    needs: ['income', 'expenses'],
  },
  {
    formula: 'emergency_fund',
    stepId: 'emergency_fund',
    name: 'Emergency fund',
    pattern: /emergency fund|rainy[- ]day|safety net|months covered|months of (expenses|spending|cover)/,
    why: 'How many months of expenses the savings cover.',
    needs: ['expenses', 'current_savings'],
  },
  {
    formula: 'retirement_gap',
    stepId: 'retirement_gap',
    name: 'Retirement gap',
    pattern: /retire|retirement|pension|nest egg/,
    why: 'Projected savings at retirement against what the desired income needs.',
    needs: ['current_age', 'retirement_age', 'current_savings', 'monthly_contribution', 'annual_return_pct', 'desired_annual_income'],
  },
  {
    formula: 'compound_growth',
    stepId: 'growth',
    name: 'Compound growth',
    pattern: /compound|grow(th)?\b|future value|worth in|be worth|projection|project my investment|how much will/,
    why: 'What an amount grows to with monthly compounding.',
    needs: ['principal', 'annual_return_pct', 'years', 'monthly_contribution'],
  },
  {
    formula: 'allocation_drift',
    stepId: 'drift',
    name: 'Allocation drift',
    pattern: /drift|rebalanc|allocation|off target/,
    why: 'How far each asset is from its target share.',
    needs: ['stocks_value', 'bonds_value', 'cash_value', 'stocks_target_pct', 'bonds_target_pct', 'cash_target_pct'],
  },
  {
    formula: 'risk_score',
    stepId: 'risk',
    name: 'Risk score',
    pattern: /risk (score|profile|tolerance|appetite|questionnaire|level)|risk answers|how much risk|risk i can take/,
    why: 'A 0-100 risk score and profile from the answers.',
    needs: ['horizon_years', 'loss_tolerance', 'experience'],
  },
  {
    formula: 'tax_loss_harvest',
    stepId: 'harvest',
    name: 'Tax-loss harvest',
    pattern: /tax[- ]loss|harvest|unrealized loss|offset (my )?gains/,
    why: 'Positions below cost basis and the tax their losses could save.',
    needs: ['positions', 'tax_rate_pct'],
  },
];

export const FORMULA_USE = new Map(FORMULA_USES.map((u) => [u.formula, u]));

/** Words naming a formula output, for conditions ("if the surplus is under 500"). */
export const OUTPUT_WORDS: { pattern: RegExp; formula: string; output: string; kind: 'number' | 'boolean' }[] = [
  { pattern: /savings rate/, formula: 'monthly_surplus', output: 'savings_rate_pct', kind: 'number' },
  { pattern: /total (expenses|spending)/, formula: 'monthly_surplus', output: 'total_expenses', kind: 'number' },
  { pattern: /(miss|meet|reach|hit)(es|ing)? (my |the )?(savings )?goal|goal is (not )?met/, formula: 'monthly_surplus', output: 'meets_goal', kind: 'boolean' },
  { pattern: /surplus|left ?over|what('s| is) left|deficit/, formula: 'monthly_surplus', output: 'surplus', kind: 'number' },
  { pattern: /months covered|months of (expenses|cover)/, formula: 'emergency_fund', output: 'months_covered', kind: 'number' },
  { pattern: /shortfall/, formula: 'emergency_fund', output: 'shortfall', kind: 'number' },
  { pattern: /(emergency )?fund(ed)? (is )?(not )?(fully )?funded|not funded/, formula: 'emergency_fund', output: 'is_funded', kind: 'boolean' },
  { pattern: /on track|behind/, formula: 'retirement_gap', output: 'on_track', kind: 'boolean' },
  { pattern: /\bgap\b/, formula: 'retirement_gap', output: 'gap', kind: 'number' },
  { pattern: /future value|worth|ends? up|grows? to/, formula: 'compound_growth', output: 'future_value', kind: 'number' },
  { pattern: /needs? rebalancing|out of balance/, formula: 'allocation_drift', output: 'needs_rebalance', kind: 'boolean' },
  { pattern: /drift/, formula: 'allocation_drift', output: 'max_drift_pct', kind: 'number' },
  { pattern: /risk score|\bscore\b/, formula: 'risk_score', output: 'score', kind: 'number' },
  { pattern: /tax saving|save in tax|tax i (could|can) save/, formula: 'tax_loss_harvest', output: 'estimated_tax_saving', kind: 'number' },
  { pattern: /harvestable loss|total loss|losses/, formula: 'tax_loss_harvest', output: 'total_harvestable_loss', kind: 'number' },
];

/** Expense categories a person may list instead of one "expenses" amount. */
export const EXPENSE_WORDS = /^(rent|mortgage|housing|groceries|food|utilities|transport(ation)?|insurance|childcare|car|fuel|phone|internet|subscriptions|entertainment|dining|debt_payments|loan_payments|bills)$/;
