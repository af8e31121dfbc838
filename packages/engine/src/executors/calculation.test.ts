import { describe, expect, it } from 'vitest';
import { createContext } from '../context';
import { workflowDefinitionSchema, type WorkflowStep } from '../definition';
import { StepExecutionError } from '../errors';
import { ancestorsOf } from '../graph';
import { StepRegistry } from '../registry';
import { testStepExecutor, workflow } from '../testing';
import { calculationExecutor } from './calculation';
import type { ExecuteContext } from './types';

const registry = new StepRegistry().register(testStepExecutor()).register(calculationExecutor);

function calcStep(config: Record<string, unknown>): WorkflowStep {
  return workflowDefinitionSchema.parse(
    workflow([{ id: 'profile', type: 'test_step' }, { id: 'calc', type: 'calculation', dependencies: ['profile'], config }]),
  ).steps[1]!;
}

function issuesFor(config: Record<string, unknown>) {
  const definition = workflowDefinitionSchema.parse(
    workflow([{ id: 'profile', type: 'test_step' }, { id: 'calc', type: 'calculation', dependencies: ['profile'], config }]),
  );
  const step = definition.steps[1]!;
  const parsed = calculationExecutor.configSchema.parse(step.config);
  return calculationExecutor.validate(step, parsed, {
    definition,
    registry,
    path: 'steps[1]',
    ancestors: ancestorsOf(definition).get('calc')!,
  });
}

function run(config: Record<string, unknown>, data: Record<string, unknown>) {
  const step = calcStep(config);
  const context = { ...createContext({ userId: 'u', sessionId: 's', now: new Date(0) }), data };
  const ctx = { context, signal: new AbortController().signal, reportProgress: () => {} } as unknown as ExecuteContext;
  return calculationExecutor.execute(step, calculationExecutor.configSchema.parse(step.config), ctx);
}

const budget = {
  input: { goal: 500 },
  budget: { income: 4200.1, rent: 1500.05, other: [300.02, 99.98] },
};

describe('calculation executor', () => {
  it('resolves every input with CEL over the context data and computes the formula', async () => {
    const outcome = await run(
      {
        formula: 'monthly_surplus',
        inputs: { income: 'budget.income', expenses: '[budget.rent] + budget.other', savings_goal: 'input.goal * 2' },
      },
      budget,
    );
    expect(outcome).toEqual({
      status: 'completed',
      output: { surplus: 2300.05, total_expenses: 1900.05, savings_rate_pct: 54.76, meets_goal: true },
      input: { income: 4200.1, expenses: [1500.05, 300.02, 99.98], savings_goal: 1000 },
    });
  });

  it('records defaulted params with the resolved ones', async () => {
    const outcome = await run(
      { formula: 'emergency_fund', inputs: { monthly_expenses: 'budget.rent', current_savings: '1000' } },
      budget,
    );
    expect(outcome.input).toEqual({ monthly_expenses: 1500.05, current_savings: 1000, months_target: 6 });
  });

  it('names the param and expression when an input cannot be evaluated', async () => {
    const outcome = run({ formula: 'monthly_surplus', inputs: { income: 'budget.salary', expenses: '0' } }, budget);
    await expect(outcome).rejects.toThrow(StepExecutionError);
    await expect(outcome).rejects.toThrow(/"income" from `budget\.salary`/);
  });

  it('fails without retry when a resolved value is out of range', async () => {
    const outcome = run({ formula: 'monthly_surplus', inputs: { income: '0 - budget.income', expenses: '1' } }, budget);
    await expect(outcome).rejects.toMatchObject({ retryable: false, message: 'monthly_surplus: income must be 0 or more' });
  });

  it("declares the formula's outputs and the context paths it reads", () => {
    const config = calculationExecutor.configSchema.parse({
      formula: 'compound_growth',
      inputs: { principal: "budget.savings + input['extra']", annual_rate_pct: 'market.rates.size() > 0 ? 5.0 : 4.0', years: '"a.b".size()' },
    });
    expect(calculationExecutor.outputs(calcStep(config), config)).toEqual(['future_value', 'total_contributions', 'growth']);
    expect(calculationExecutor.requiredInputs(calcStep(config), config)).toEqual(['budget.savings', 'input.extra', 'market.rates']);
  });
});

describe('calculation validate()', () => {
  it('accepts known params whose expressions name known fields', () => {
    expect(issuesFor({ formula: 'emergency_fund', inputs: { monthly_expenses: 'profile.n', current_savings: 'input.cash' } })).toEqual([]);
  });

  it('lists the known formulas when the formula is unknown', () => {
    const [issue] = issuesFor({ formula: 'npv', inputs: {} });
    expect(issue).toMatchObject({ code: 'invalid_config', path: 'steps[1].config.formula' });
    expect(issue!.message).toContain('compound_growth');
  });

  it('reports missing and unknown params', () => {
    const issues = issuesFor({ formula: 'compound_growth', inputs: { principal: '1', rate: '5' } });
    expect(issues).toEqual([
      { code: 'invalid_config', path: 'steps[1].config.inputs', message: expect.stringMatching(/annual_rate_pct, years/) },
      { code: 'invalid_config', path: 'steps[1].config.inputs.rate', message: expect.stringMatching(/no param "rate"/) },
    ]);
  });

  it('reports bad CEL and unknown fields under the param path', () => {
    const issues = issuesFor({
      formula: 'emergency_fund',
      inputs: { monthly_expenses: 'profile.n +', current_savings: 'profile.savings' },
    });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['invalid_cel', 'steps[1].config.inputs.monthly_expenses'],
      ['unknown_field', 'steps[1].config.inputs.current_savings'],
    ]);
  });

  it('does not let a step read a step it does not depend on', () => {
    const issues = issuesFor({ formula: 'emergency_fund', inputs: { monthly_expenses: 'other.x', current_savings: '1' } });
    expect(issues).toMatchObject([{ code: 'unknown_field', path: 'steps[1].config.inputs.monthly_expenses' }]);
  });
});
