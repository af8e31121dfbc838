import { driveToEnd } from '../../testing';
import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createDefaultRegistry } from '../../default-registry';
import type { WorkflowDefinition } from '../../definition';
import { WorkflowEngine } from '../../engine';
import { MemoryStore } from '../../memory-store';
import type { RunRecord } from '../../run';
import { BUILTIN_TEMPLATES, TEMPLATE_CATEGORIES } from '../../templates';
import { SCENARIOS } from '../../templates/scenarios.fixture';
import { validateDefinition } from '../../validate-definition';
import type { GoalAnalysis } from './goal-parser';
import { createBuiltinModel } from './model';

interface Row {
  goal: string;
  /** Exactly these step types. */
  types: string[];
  /** Form fields the workflow must ask for. */
  fields?: string[];
  formulas?: string[];
  /** A decision branch with exactly this CEL condition. */
  condition?: string;
  /** The type of the step that condition's branch leads to. */
  leadsTo?: string;
  template?: string;
  answers?: Record<string, unknown>;
}

const DC = 'data_collection';
const CALC = 'calculation';
const DEC = 'decision';
const AI = 'ai_generated';
const VAL = 'validation';

const GOALS: Row[] = [
  { goal: 'ask for my income, expenses and savings goal, then if the surplus is under 500 warn me', types: [DC, CALC, DEC], fields: ['income', 'expenses', 'savings_goal'], formulas: ['monthly_surplus'], condition: 'surplus.surplus < 500.0', leadsTo: DC },
  { goal: 'Collect my income and expenses and tell me my monthly surplus', types: [DC, CALC], fields: ['income', 'expenses'], formulas: ['monthly_surplus'] },
  { goal: "Ask for my salary, rent, groceries and utilities, then show what's left over", types: [DC, CALC], fields: ['income', 'rent', 'groceries', 'utilities'], formulas: ['monthly_surplus'] },
  { goal: 'If my surplus is negative, suggest spending cuts. Ask for my income and expenses first.', types: [DC, CALC, DEC, AI], fields: ['income', 'expenses'], condition: 'surplus.surplus < 0.0', leadsTo: AI, answers: { income: 3000, expenses: 3400 } },
  { goal: 'Ask for income, expenses and savings goal, and if I miss my savings goal give me advice', types: [DC, CALC, DEC, AI], fields: ['income', 'expenses', 'savings_goal'], condition: '!surplus.meets_goal', leadsTo: AI, answers: { savings_goal: 5000 } },
  { goal: 'I want to know if my savings rate is below 20% after entering my income and expenses', types: [DC, CALC, DEC], fields: ['income', 'expenses'], condition: 'surplus.savings_rate_pct < 20.0', leadsTo: DC },
  { goal: 'Check my emergency fund: ask for my monthly expenses and current savings, and warn me if the months covered are under 3', types: [DC, CALC, DEC], fields: ['expenses', 'current_savings'], formulas: ['emergency_fund'], condition: 'emergency_fund.months_covered < 3.0', answers: { current_savings: 5000 } },
  { goal: 'Build an emergency fund plan with 6 months of expenses and tell me the shortfall', types: [DC, CALC], fields: ['expenses', 'current_savings', 'months_target'], formulas: ['emergency_fund'] },
  { goal: 'How much will 10000 grow to in 20 years at 7% return with monthly contributions of 300?', types: [DC, CALC], fields: ['principal', 'annual_return_pct', 'years', 'monthly_contribution'], formulas: ['compound_growth'] },
  { goal: 'Project my investment growth and if the future value is below 100000 warn me', types: [DC, CALC, DEC], formulas: ['compound_growth'], condition: 'growth.future_value < 100000.0', leadsTo: DC },
  { goal: 'Plan my retirement', types: [DC, VAL, CALC, DEC, AI], template: 'retirement-plan' },
  { goal: "I'm 40 and want to retire at 65 with 50000 a year in retirement income; show me the gap", types: [DC, CALC], fields: ['current_age', 'retirement_age', 'desired_annual_income', 'current_savings'], formulas: ['retirement_gap'] },
  { goal: 'Retirement check: ask for my age, retirement age, savings, monthly contribution, expected return and desired retirement income; if the gap is over 100000 give me a catch-up plan', types: [DC, CALC, DEC, AI], fields: ['current_age', 'retirement_age', 'savings', 'monthly_contribution', 'annual_return_pct', 'desired_annual_income'], condition: 'retirement_gap.gap > 100000.0', leadsTo: AI, answers: { desired_annual_income: 90000 } },
  { goal: 'Rebalance my portfolio', types: [DC, VAL, CALC, DEC, AI], template: 'portfolio-rebalancing' },
  { goal: 'Check my portfolio drift and warn me if any asset drifts more than 5%', types: [DC, CALC, DEC], fields: ['stocks_value', 'stocks_target_pct'], formulas: ['allocation_drift'], condition: 'drift.max_drift_pct > 5.0' },
  { goal: 'Tell me if my portfolio needs rebalancing against my target allocation and explain the trades', types: [DC, CALC, DEC, AI], formulas: ['allocation_drift'], condition: 'drift.needs_rebalance', leadsTo: AI },
  { goal: 'Onboard a new investor', types: [DC, VAL, CALC, DEC, AI], template: 'investor-onboarding' },
  { goal: 'Work out my risk score from my horizon, loss tolerance and experience and summarize my risk profile', types: [DC, CALC, AI], fields: ['horizon_years', 'loss_tolerance', 'experience'], formulas: ['risk_score'] },
  { goal: 'Score my risk tolerance and if the score is above 70 suggest an aggressive portfolio', types: [DC, CALC, DEC, AI], formulas: ['risk_score'], condition: 'risk.score > 70.0', leadsTo: AI, answers: { loss_tolerance: 5, experience: 5 } },
  { goal: 'Do a tax-loss harvesting review', types: [DC, VAL, CALC, DEC, AI], template: 'tax-loss-harvesting-review' },
  { goal: 'Find positions I could sell at a loss using my tax rate, and warn me if the tax saving is over 1000', types: [DC, CALC, DEC], fields: ['positions', 'tax_rate_pct'], formulas: ['tax_loss_harvest'], condition: 'harvest.estimated_tax_saving > 1000.0' },
  { goal: 'Research a stock before I buy it', types: [DC, VAL, CALC, DEC, AI], template: 'stock-research-checklist' },
  { goal: "Ask for the tickers I'm watching and give me a short analysis", types: [DC, AI], fields: ['tickers'] },
  { goal: 'Collect my name and email', types: [DC], fields: ['full_name', 'email'] },
  { goal: 'Ask for my income and make sure it is positive, then calculate my surplus after expenses', types: [DC, VAL, CALC], fields: ['income', 'expenses'], formulas: ['monthly_surplus'] },
  { goal: 'Ask for my income and expenses, make sure expenses are less than income, and tell me my savings rate', types: [DC, VAL, CALC], fields: ['income', 'expenses'] },
  { goal: 'Collect my age and income; make sure my age is between 18 and 100', types: [DC, VAL], fields: ['current_age', 'income'] },
  { goal: 'If my income is below 3000, warn me. Ask for my income and rent.', types: [DC, CALC, DEC], fields: ['income', 'rent'], condition: 'details.income < 3000.0', leadsTo: DC, answers: { income: 2500, rent: 1200 } },
  { goal: 'Ask for my debt balance and income; if my debt is over 20000 suggest a payoff plan', types: [DC, DEC, AI], fields: ['debt', 'income'], condition: 'details.debt > 20000.0', leadsTo: AI, answers: { debt: 25000 } },
  { goal: 'Give me advice on my budget after I enter my income and expenses', types: [DC, CALC, AI], fields: ['income', 'expenses'], formulas: ['monthly_surplus'] },
  { goal: 'Ask for my income and expenses; if the surplus is under 0 warn me, otherwise give me investing ideas', types: [DC, CALC, DEC, AI], condition: 'surplus.surplus < 0.0', leadsTo: DC },
  { goal: 'Ask for my holdings and target allocation, and if drift is at least 10% ask me to confirm a rebalance', types: [DC, CALC, DEC], formulas: ['allocation_drift'], condition: 'drift.max_drift_pct >= 10.0', leadsTo: DC },
  { goal: 'Compare my spending to my income each month and flag it when my total expenses exceed 5000', types: [DC, CALC, DEC], fields: ['income', 'expenses'], condition: 'surplus.total_expenses > 5000.0', answers: { expenses: 5200, income: 6000 } },
  { goal: 'Calculate compound interest on 5000 for 10 years at 5% and explain the result', types: [DC, CALC, AI], formulas: ['compound_growth'] },
];

/** Scripted answers by field name; anything else gets a value that fits its schema. */
const BOOK: Record<string, unknown> = {
  income: 4000, expenses: 3000, savings_goal: 500, current_savings: 20000, savings: 20000, current_age: 35, retirement_age: 65,
  monthly_contribution: 500, annual_return_pct: 6, desired_annual_income: 40000, principal: 10000, years: 10, months_target: 6,
  stocks_value: 75000, bonds_value: 15000, cash_value: 10000, stocks_target_pct: 60, bonds_target_pct: 30, cash_target_pct: 10,
  drift_threshold_pct: 5, tax_rate_pct: 24, horizon_years: 15, loss_tolerance: 3, experience: 2, tickers: 'VTI, AAPL', debt: 5000,
  full_name: 'Dana Reyes', email: 'dana@example.com', acknowledged: true, rent: 1200, groceries: 400, utilities: 150,
  positions: [{ symbol: 'ABC', cost_basis: 9000, market_value: 4000 }, { symbol: 'XYZ', cost_basis: 2000, market_value: 2600 }],
};

function answersFor(stepId: string, schema: Record<string, unknown>, row: Row, template: string | undefined): Record<string, unknown> {
  const scenario = template ? SCENARIOS.find((s) => s.template === template && s.forms[stepId]) : undefined;
  if (scenario) return scenario.forms[stepId]!;
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  return Object.fromEntries(
    Object.entries(properties).map(([name, p]) => {
      const scripted = row.answers?.[name] ?? BOOK[name];
      if (scripted !== undefined) return [name, scripted];
      if (p.type === 'boolean') return [name, true];
      if (p.type === 'string') return [name, 'something'];
      return [name, Math.min(Number(p.maximum ?? 100), Math.max(Number(p.minimum ?? 0), 100))];
    }),
  );
}

const CATEGORIES = TEMPLATE_CATEGORIES.map((c) => c.name);
const TEMPLATES = BUILTIN_TEMPLATES.map((t) => ({
  key: t.key,
  name: t.definition.name,
  category: t.category,
  description: t.definition.description ?? '',
  step_types: [...new Set(t.definition.steps.map((s) => s.type))],
}));

/** The generator's two calls, with the JSON contract as the last user message. */
async function generate(goal: string) {
  const model = createBuiltinModel();
  const analysisCall = await generateText({
    model,
    system: 'Analyse the goal.',
    messages: [{ role: 'user', content: JSON.stringify({ task: 'analyze_requirements', goal, categories: CATEGORIES, templates: TEMPLATES }) }],
  });
  const analysis = JSON.parse(analysisCall.text) as GoalAnalysis;
  const reference = analysis.template_key ? BUILTIN_TEMPLATES.find((t) => t.key === analysis.template_key)?.definition ?? null : null;
  const request = { task: 'generate_definition', goal, analysis, step_library: createDefaultRegistry().all().map((e) => ({ type: e.type, description: e.description, config_schema: {} })), reference_template: reference, rules: [], previous_attempt: null, errors: [] };
  const definitionCall = await generateText({ model, system: 'Write the definition.', messages: [{ role: 'user', content: JSON.stringify(request) }] });
  expect(analysisCall.usage.inputTokens).toBeGreaterThan(0);
  expect(definitionCall.usage.outputTokens).toBeGreaterThan(0);
  return { analysis, definition: JSON.parse(definitionCall.text) as unknown };
}

async function runToEnd(definition: WorkflowDefinition, row: Row): Promise<RunRecord> {
  const registry = createDefaultRegistry();
  const engine = new WorkflowEngine({ store: new MemoryStore(), registry, model: createBuiltinModel() });
  const started = await engine.start({ workflowId: definition.id, definition, userId: 'u1', sessionId: 's1' });
  const run = await driveToEnd(engine, started.id, (stepId) => {
    const step = definition.steps.find((s) => s.id === stepId)!;
    return answersFor(step.id, step.config.schema as Record<string, unknown>, row, row.template);
  });
  await engine.close();
  return run;
}

describe('the built-in model turns goals in plain words into workflows that run', () => {
  it.each(GOALS.map((row) => [row.goal, row] as const))('%s', async (_goal, row) => {
    const { analysis, definition: raw } = await generate(row.goal);
    const definition = validateDefinition(raw, createDefaultRegistry());

    expect([...new Set(definition.steps.map((s) => s.type))].sort()).toEqual([...row.types].sort());
    if (row.template) expect(analysis.template_key).toBe(row.template);
    else expect(analysis.template_key).toBeNull();
    expect(CATEGORIES).toContain(definition.category);
    const formFields = definition.steps.filter((s) => s.type === DC).flatMap((s) => Object.keys((s.config.schema as { properties: object }).properties));
    for (const field of row.fields ?? []) expect(formFields).toContain(field);
    const formulas = definition.steps.filter((s) => s.type === CALC).map((s) => s.config.formula);
    for (const formula of row.formulas ?? []) expect(formulas).toContain(formula);
    if (row.condition) {
      const branches = definition.steps.filter((s) => s.type === DEC).flatMap((s) => s.config.branches as { condition: string; next: string[] }[]);
      const branch = branches.find((b) => b.condition === row.condition);
      expect(branch, `conditions: ${branches.map((b) => b.condition).join(' | ')}`).toBeDefined();
      if (row.leadsTo) expect(branch!.next.map((id) => definition.steps.find((s) => s.id === id)!.type)).toEqual([row.leadsTo]);
    } else if (!row.template) {
      expect(definition.steps.some((s) => s.type === DEC)).toBe(false);
    }

    const run = await runToEnd(definition, row);
    expect(run.error).toBeNull();
    expect(run.status).toBe('completed');
  });

  it('the example goal: a form with the three fields, the monthly surplus, and a warning when it is under 500', async () => {
    const goal = 'ask for my income, expenses and savings goal, then if the surplus is under 500 warn me';
    const { definition: raw } = await generate(goal);
    const definition = validateDefinition(raw, createDefaultRegistry());
    const [form, calc, decision, warning] = definition.steps;
    expect(form).toMatchObject({ type: DC, config: { schema: { required: ['income', 'expenses', 'savings_goal'] } } });
    expect(Object.keys((form!.config.schema as { properties: object }).properties)).toEqual(['income', 'expenses', 'savings_goal']);
    expect((form!.config.schema as { properties: Record<string, object> }).properties.income).toMatchObject({ type: 'number', minimum: 0 });
    expect(calc).toMatchObject({
      id: 'surplus',
      type: CALC,
      dependencies: [form!.id],
      config: { formula: 'monthly_surplus', inputs: { income: `${form!.id}.income`, expenses: `${form!.id}.expenses`, savings_goal: `${form!.id}.savings_goal` } },
    });
    expect(decision).toMatchObject({ type: DEC, dependencies: ['surplus'], config: { branches: [{ condition: 'surplus.surplus < 500.0', next: [warning!.id] }] } });
    expect(warning).toMatchObject({ type: DC, dependencies: [decision!.id] });
    expect(warning!.name).toMatch(/warning/i);

    // A tight month takes the warning branch; a comfortable one skips it.
    const tight = await runToEnd(definition, { goal, types: [], answers: { income: 3000, expenses: 2700 } });
    expect(tight.status).toBe('completed');
    expect(tight.context.data.surplus).toMatchObject({ surplus: 300 });
    expect(tight.context.data.decide).toMatchObject({ branch: 'warn' });
    expect(tight.steps[warning!.id]!.status).toBe('completed');
    const comfortable = await runToEnd(definition, { goal, types: [], answers: { income: 6000, expenses: 2000 } });
    expect(comfortable.steps[warning!.id]!.status).toBe('skipped');
  });
});
