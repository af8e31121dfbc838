import { driveToEnd } from '../testing';
import { isDeepStrictEqual } from 'node:util';
import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { createDefaultRegistry } from '../default-registry';
import { STEP_ID_PATTERN, type WorkflowDefinition } from '../definition';
import { WorkflowEngine } from '../engine';
import { MemoryStore } from '../memory-store';
import type { RunRecord } from '../run';
import { validateDefinition } from '../validate-definition';
import { BUILTIN_TEMPLATES, TEMPLATE_CATEGORIES } from './index';
import { SCENARIOS, type Scenario } from './scenarios.fixture';

const registry = createDefaultRegistry();

describe('built-in templates', () => {
  it.each(BUILTIN_TEMPLATES.map((t) => [t.key, t] as const))('%s passes validateDefinition with the default registry', (_key, t) => {
    expect(() => validateDefinition(t.definition, registry)).not.toThrow();
  });

  it.each(BUILTIN_TEMPLATES.map((t) => [t.key, t] as const))('%s uses at least three step types, including a calculation and a decision', (_key, t) => {
    const types = new Set(t.definition.steps.map((s) => s.type));
    expect(types.size).toBeGreaterThanOrEqual(3);
    expect([...types]).toEqual(expect.arrayContaining(['data_collection', 'calculation', 'decision', 'validation', 'ai_generated']));
  });

  it('has the six finance templates under stable slugs with snake_case step ids', () => {
    expect(BUILTIN_TEMPLATES.map((t) => t.key)).toEqual([
      'investor-onboarding',
      'portfolio-rebalancing',
      'monthly-budget-review',
      'retirement-plan',
      'stock-research-checklist',
      'tax-loss-harvesting-review',
    ]);
    for (const t of BUILTIN_TEMPLATES) {
      expect(t.key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      for (const step of t.definition.steps) expect(step.id).toMatch(STEP_ID_PATTERN);
    }
  });

  it('files every template under a known category whose parent is a top-level category', () => {
    const byName = new Map(TEMPLATE_CATEGORIES.map((c) => [c.name, c]));
    for (const c of TEMPLATE_CATEGORIES) if (c.parent !== null) expect(byName.get(c.parent)?.parent).toBeNull();
    for (const t of BUILTIN_TEMPLATES) {
      expect(t.category).toBe(t.definition.category);
      expect(byName.get(t.category)?.parent ?? undefined).toBe(t.categoryParent);
    }
    expect(BUILTIN_TEMPLATES.find((t) => t.key === 'portfolio-rebalancing')).toMatchObject({ category: 'Portfolio', categoryParent: 'Investing' });
  });
});

/** A model that answers each AI step with the scenario's answer for the step whose output_schema it was sent. */
function scenarioModel(scenario: Scenario, definition: WorkflowDefinition) {
  return new MockLanguageModelV3({
    doGenerate: async (options) => {
      const schema = options.responseFormat?.type === 'json' ? options.responseFormat.schema : undefined;
      const step = definition.steps.find((s) => isDeepStrictEqual(s.config?.output_schema, schema));
      const answer = step && scenario.ai[step.id];
      if (!answer) throw new Error(`no scripted answer for ${step?.id ?? 'an unknown schema'}`);
      return {
        content: [{ type: 'text', text: JSON.stringify(answer) }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: {
          inputTokens: { total: 200, noCache: 200, cacheRead: 0, cacheWrite: 0 },
          outputTokens: { total: 50, text: 50, reasoning: 0 },
        },
        warnings: [],
      };
    },
  });
}

/** Fills every form with the scenario's answers and accepts every AI proposal until the run stops. */
async function drive(scenario: Scenario): Promise<RunRecord> {
  const definition = validateDefinition(BUILTIN_TEMPLATES.find((t) => t.key === scenario.template)!.definition, registry);
  const engine = new WorkflowEngine({ store: new MemoryStore(), registry, model: scenarioModel(scenario, definition) });
  const started = await engine.start({ workflowId: scenario.template, definition, userId: 'u1', sessionId: 's1' });
  const run = await driveToEnd(engine, started.id, (stepId) => {
    const answers = scenario.forms[stepId];
    if (!answers) throw new Error(`no scripted answers for form ${stepId}`);
    return answers;
  });
  await engine.close();
  return run;
}

describe('running the templates', () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const run = await drive(scenario);
    expect(run.error).toBeNull();
    expect(run.status).toBe('completed');
    const statuses = Object.fromEntries(Object.values(run.steps).map((s) => [s.stepId, s.status]));
    expect(statuses).toMatchObject(scenario.expectStatuses);
    expect(run.context.data).toMatchObject(scenario.expectData);
  });
});
