import { describe, expect, it } from 'vitest';
import { createDefaultRegistry } from '../../default-registry';
import { describeStepLibrary } from './step-library';

describe('describeStepLibrary', () => {
  const library = describeStepLibrary(createDefaultRegistry());
  const byType = Object.fromEntries(library.map((entry) => [entry.type, entry]));

  it('lists every registered step type with its description and config JSON Schema', () => {
    expect(Object.keys(byType).sort()).toEqual(['ai_generated', 'calculation', 'data_collection', 'decision', 'validation']);
    for (const entry of library) {
      expect(entry.description.length).toBeGreaterThan(10);
      expect(entry.config_schema).toMatchObject({ type: 'object', properties: expect.any(Object) });
      expect(entry.config_schema).not.toHaveProperty('$schema');
    }
    expect(byType.data_collection!.config_schema.required).toEqual(['schema']);
    expect(byType.ai_generated!.config_schema.required).toEqual(['output_schema']);
    expect(Object.keys(byType.decision!.config_schema.properties as object)).toEqual(['branches', 'default']);
  });

  it('lists the calculation formulas with their params and outputs', () => {
    expect(byType.calculation!.formulas).toContainEqual({
      name: 'monthly_surplus',
      description: expect.any(String),
      required_params: ['income', 'expenses'],
      optional_params: ['savings_goal'],
      outputs: ['surplus', 'total_expenses', 'savings_rate_pct', 'meets_goal'],
    });
    expect(byType.calculation!.formulas!.length).toBeGreaterThanOrEqual(7);
    expect(byType.decision!.formulas).toBeUndefined();
  });

  it('survives a config schema JSON Schema cannot express', async () => {
    const { z } = await import('zod');
    const { StepRegistry } = await import('../../registry');
    const odd = new StepRegistry().register({
      type: 'odd',
      description: 'a custom step',
      configSchema: z.object({ when: z.date() }).transform((c) => c),
      long: false,
      validate: () => [],
      requiredInputs: () => [],
      outputs: () => [],
      execute: async () => ({ status: 'completed', output: {} }),
    });
    // The date cannot be expressed: it is described as any value rather than failing the whole library.
    expect(describeStepLibrary(odd)).toEqual([
      { type: 'odd', description: 'a custom step', config_schema: { type: 'object', properties: { when: {} }, required: ['when'] } },
    ]);
  });
});
