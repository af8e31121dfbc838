import { describe, expect, it } from 'vitest';
import { type WorkflowDefinition, workflowDefinitionSchema } from '../definition';
import { StepExecutionError } from '../errors';
import { ancestorsOf } from '../graph';
import { StepRegistry } from '../registry';
import { executeContext, outputsStep, workflow } from '../testing';
import { decisionExecutor as decision } from './decision';

const registry = new StepRegistry().register(decision).register(outputsStep('profile', ['income', 'kids']));

const branchesConfig = {
  branches: [
    { id: 'high', label: 'High income', condition: 'profile.income >= 5000', next: ['invest'] },
    { id: 'family', condition: 'profile.kids > 0 && input.country == "NO"', next: ['save', 'invest'] },
  ],
  default: { label: 'Basic', next: ['budget'] },
};
const def = workflowDefinitionSchema.parse(
  workflow([
    { id: 'profile', type: 'profile' },
    { id: 'route', type: 'decision', dependencies: ['profile'], config: branchesConfig },
    { id: 'invest', type: 'profile', dependencies: ['route'] },
    { id: 'save', type: 'profile', dependencies: ['route'] },
    { id: 'budget', type: 'profile', dependencies: ['route'] },
  ]),
);
const route = def.steps[1]!;

function run(config: unknown, data: Record<string, unknown>) {
  return decision.execute(route, decision.configSchema.parse(config), executeContext(def, data));
}

function validate(config: unknown, definition: WorkflowDefinition = def) {
  const ctx = { definition, registry, path: 'steps[1]', ancestors: ancestorsOf(definition).get('route')! };
  return decision.validate(route, decision.configSchema.parse(config), ctx);
}

describe('decision execute', () => {
  it('takes the first branch whose condition is true and skips the steps only other branches lead to', async () => {
    const outcome = await run(branchesConfig, { input: { country: 'NO' }, profile: { income: 6000, kids: 2 } });
    expect(outcome).toMatchObject({
      status: 'completed',
      output: { branch: 'high', label: 'High income', condition: 'profile.income >= 5000', values: { 'profile.income': 6000 } },
      skip: ['save', 'budget'],
    });
    expect(outcome.status === 'completed' && outcome.output.values).toEqual({ 'profile.income': 6000 });
  });

  it('records the values every evaluated condition read, and keeps steps the taken branch also leads to', async () => {
    const outcome = await run(branchesConfig, { input: { country: 'NO' }, profile: { income: 3000, kids: 1 } });
    expect(outcome).toMatchObject({
      output: { branch: 'family', label: 'family', values: { 'profile.income': 3000, 'profile.kids': 1, 'input.country': 'NO' } },
      skip: ['budget'],
    });
    expect(outcome.status === 'completed' && outcome.output.values).toEqual({ 'profile.income': 3000, 'profile.kids': 1, 'input.country': 'NO' });
  });

  it('takes the default branch when no condition is true', async () => {
    const outcome = await run(branchesConfig, { input: { country: 'SE' }, profile: { income: 3000, kids: 1 } });
    expect(outcome).toMatchObject({ output: { branch: 'default', label: 'Basic', condition: null }, skip: ['invest', 'save'] });
  });

  it('fails with a plain message naming the conditions when nothing matches and there is no default', async () => {
    const config = { branches: branchesConfig.branches };
    const error = await run(config, { input: { country: 'SE' }, profile: { income: 10, kids: 0 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StepExecutionError);
    expect(error).toMatchObject({ code: 'step_failed', retryable: false, message: expect.stringContaining('high: profile.income >= 5000; family: profile.kids > 0') });
  });

  it('fails when a condition gives something other than true or false', async () => {
    const config = { branches: [{ id: 'n', condition: 'profile.income', next: [] }] };
    await expect(run(config, { profile: { income: 5 } })).rejects.toMatchObject({ code: 'step_failed', retryable: false, message: expect.stringContaining('gave 5, not true or false') });
  });

  it('fails when a condition cannot be evaluated', async () => {
    await expect(run(branchesConfig, { input: {}, profile: {} })).rejects.toMatchObject({ code: 'step_failed', message: expect.stringContaining('No such key: income') });
  });
});

describe('decision validate', () => {
  it('accepts branches whose conditions name ancestors and whose targets depend on the decision', () => {
    expect(validate(branchesConfig)).toEqual([]);
  });

  it('reports conditions that do not parse or name unknown fields or steps', () => {
    const config = {
      branches: [
        { id: 'a', condition: 'profile.income >', next: [] },
        { id: 'b', condition: 'profile.salary > 1', next: [] },
        { id: 'c', condition: 'invest.income > 1', next: [] },
      ],
    };
    expect(validate(config).map((i) => [i.code, i.path])).toEqual([
      ['invalid_cel', 'steps[1].config.branches[0].condition'],
      ['unknown_field', 'steps[1].config.branches[1].condition'],
      ['unknown_field', 'steps[1].config.branches[2].condition'],
    ]);
  });

  it('reports targets that do not exist or do not depend on the decision as invalid_branch', () => {
    const config = { branches: [{ id: 'a', condition: 'true', next: ['ghost', 'profile'] }], default: { next: ['invest'] } };
    const issues = validate(config);
    expect(issues.map((i) => [i.code, i.path, i.stepIds])).toEqual([
      ['invalid_branch', 'steps[1].config.branches[0].next[0]', ['route']],
      ['invalid_branch', 'steps[1].config.branches[0].next[1]', ['route', 'profile']],
    ]);
    expect(issues[1]?.message).toContain('add "route" to steps[0].dependencies');
  });

  it('reports branch ids used twice, including the default id', () => {
    const config = { branches: [{ id: 'a', condition: 'true', next: [] }, { id: 'a', condition: 'false', next: [] }, { id: 'default', condition: 'false', next: [] }], default: { next: [] } };
    expect(validate(config).map((i) => [i.code, i.path])).toEqual([
      ['invalid_config', 'steps[1].config.branches[1].id'],
      ['invalid_config', 'steps[1].config.default.id'],
    ]);
  });

  it('declares its outputs and the paths its conditions read', () => {
    expect(decision.outputs(route, decision.configSchema.parse(branchesConfig))).toEqual(['branch', 'label', 'condition', 'values']);
    expect(decision.requiredInputs(route, decision.configSchema.parse(branchesConfig))).toEqual(['profile.income', 'profile.kids', 'input.country']);
  });
});
