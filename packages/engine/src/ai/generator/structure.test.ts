import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../templates';
import { budgetAnalysis } from './generator.fixture';
import { chooseReference } from './structure';

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
