import { describe, expect, it } from 'vitest';
import { createDefaultRegistry } from '../../default-registry';
import { AIWorkflowGenerator } from '../generator';
import { createBuiltinModel } from './model';

describe('AIWorkflowGenerator with the built-in model', () => {
  it('turns the example goal into form + monthly surplus + decision on the first attempt, with usage', async () => {
    const generator = new AIWorkflowGenerator({ model: createBuiltinModel(), registry: createDefaultRegistry() });
    const result = await generator.generate({ goal: 'ask for my income, expenses and savings goal, then if the surplus is under 500 warn me' });
    expect(result.attempts).toBe(1);
    expect(result.model).toBe('stepwise:builtin');
    expect(result.usage.totalTokens).toBeGreaterThan(0);
    expect(result.definition.steps.map((s) => s.type)).toEqual(['data_collection', 'calculation', 'decision', 'data_collection']);
    expect(JSON.stringify(result.definition.steps[2]!.config)).toContain('surplus.surplus < 500.0');
  });

  it('adapts the matching template for a general goal', async () => {
    const generator = new AIWorkflowGenerator({ model: createBuiltinModel(), registry: createDefaultRegistry() });
    const result = await generator.generate({ goal: 'Rebalance my portfolio' });
    expect(result.templateKey).toBe('portfolio-rebalancing');
    expect(result.definition.steps.map((s) => s.id)).toContain('rebalance_decision');
  });
});
