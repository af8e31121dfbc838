import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../templates';
import { budgetAnalysis } from './generator.fixture';
import { chooseReference, summarizeTemplates } from './structure';

const none = { ...budgetAnalysis, template_key: null, category: 'Other', intent: 'something' };

describe('chooseReference', () => {
  it('takes the template the analysis names', () => {
    expect(chooseReference('anything', { ...none, template_key: 'retirement-plan' }, BUILTIN_TEMPLATES)?.key).toBe('retirement-plan');
  });

  it('ignores a named template that does not exist and matches keywords instead', () => {
    const analysis = { ...none, template_key: 'made-up' };
    expect(chooseReference('Rebalance my portfolio back to its target allocation', analysis, BUILTIN_TEMPLATES)?.key).toBe('portfolio-rebalancing');
  });

  it('starts from scratch when nothing fits', () => {
    expect(chooseReference('Plan the office party menu', none, BUILTIN_TEMPLATES)).toBeNull();
  });
});

describe('chooseReference with outcomes', () => {
  const budget = BUILTIN_TEMPLATES.find((t) => t.key === 'monthly-budget-review')!;
  const twins = [
    { ...budget, key: 'budget-review-one' },
    { ...budget, key: 'budget-review-two' },
  ];
  const goal = 'Review my monthly budget and spending';

  it('prefers, among templates that fit equally, the one whose runs succeed more often', () => {
    expect(chooseReference(goal, none, twins)?.key).toBe('budget-review-one');
    const outcomes = { 'budget-review-one': { runs: 40, successRate: 0.3 }, 'budget-review-two': { runs: 40, successRate: 0.9 } };
    expect(chooseReference(goal, none, twins, outcomes)?.key).toBe('budget-review-two');
  });

  it('ignores outcomes from too few runs, and never picks a template that does not fit', () => {
    expect(chooseReference(goal, none, twins, { 'budget-review-two': { runs: 9, successRate: 1 } })?.key).toBe('budget-review-one');
    const great = { 'retirement-plan': { runs: 500, successRate: 1 } };
    expect(chooseReference('Plan the office party menu', none, BUILTIN_TEMPLATES, great)).toBeNull();
  });

  it('shows measured outcomes to the model in the template summaries', () => {
    const [one, two] = summarizeTemplates(twins, { 'budget-review-two': { runs: 12, successRate: 0.8333 } });
    expect(one).not.toHaveProperty('success_rate');
    expect(two).toMatchObject({ key: 'budget-review-two', success_rate: 0.83, runs: 12 });
  });
});
