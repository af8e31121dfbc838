import { describe, expect, it } from 'vitest';
import { createDefaultRegistry } from '../default-registry';
import { ConflictError } from '../errors';
import { validateDefinition } from '../validate-definition';
import { budgetPlan, plantedStats, stepStats } from './learning.fixture';
import { WorkflowLearningEngine } from './learning-engine';

const registry = createDefaultRegistry();
const def = validateDefinition(budgetPlan, registry);
const engine = new WorkflowLearningEngine({ registry });

describe('WorkflowLearningEngine.recommend', () => {
  it('reports exactly the planted patterns, in step order, with their numbers in plain words', () => {
    const { patterns } = engine.recommend(def, plantedStats());
    expect(patterns.map((p) => `${p.kind}:${p.stepId}`)).toEqual([
      'abandoned_form:budget',
      'slow_step:surplus',
      'unused_branch:route',
      'high_reject_rate:advice',
    ]);
    const why = Object.fromEntries(patterns.map((p) => [p.stepId, p.why]));
    expect(why.budget).toBe('60 of 200 runs (30%) stopped at this form: cancelled there or left waiting more than 7 days.');
    expect(why.surplus).toBe('Its median time is 4.0 s (95th percentile 4.8 s) over 140 runs, 400 times the median of the other automatic steps (10 ms).');
    expect(why.route).toBe('Branch "deficit" was never taken in 140 decisions.');
    expect(why.advice).toBe('114 of 254 answers (45%) were rejected; the most common feedback: "Mention the fees" (70 times).');
  });

  it('turns each pattern into a patch that yields a valid definition', () => {
    const { improvements } = engine.recommend(def, plantedStats());
    expect(improvements.map((i) => i.id)).toEqual(['abandoned_form:budget', 'slow_step:surplus', 'unused_branch:route', 'high_reject_rate:advice']);
    for (const improvement of improvements) expect(() => engine.apply(def, [improvement])).not.toThrow();
    expect(improvements.find((i) => i.kind === 'high_reject_rate')?.confidence).toBe(0.93);
  });

  it('applying all of them together: optional rare fields, a longer limit, no dead path, guidance in the prompt', () => {
    const { improvements } = engine.recommend(def, plantedStats());
    const next = engine.apply(def, improvements);
    const step = (id: string) => next.steps.find((s) => s.id === id);
    expect((step('budget')?.config.schema as { required: string[] }).required).toEqual(['income', 'expenses']);
    expect(step('surplus')?.timeout_ms).toBe(10_000);
    expect(next.steps.map((s) => s.id)).toEqual(['budget', 'surplus', 'route', 'advice', 'goals', 'summary']);
    expect(step('route')?.config.branches).toEqual([{ id: 'saver', condition: 'surplus.surplus >= 0', next: ['advice'] }]);
    expect(next.exit_points).toEqual(['summary']);
    expect(step('advice')?.ai_prompt).toContain('- Mention the fees\n- Too long');
  });

  it('reports nothing from a handful of runs', () => {
    const few = { ...plantedStats(), runs: { started: 3, completed: 2, failed: 0, cancelled: 1, inProgress: 0 } };
    expect(engine.recommend(def, few)).toEqual({ patterns: [], improvements: [] });
  });

  it('honours configured thresholds', () => {
    const strict = new WorkflowLearningEngine({ registry, thresholds: { rejectRate: 0.5, abandonRate: 0.4, minDecisions: 500 } });
    expect(strict.recommend(def, plantedStats()).patterns.map((p) => p.kind)).toEqual(['slow_step']);
  });

  it('a step failing on its time limit gets a longer one; a failure no change can help is a pattern only', () => {
    const stats = plantedStats();
    const timeouts = stepStats('surplus', { reached: 140, completed: 100, failed: 40, durationMs: { p50: 10, p95: 20 }, failureCodes: [{ code: 'step_timeout', count: 40 }] });
    stats.steps = stats.steps.map((s) => (s.stepId === 'surplus' ? timeouts : s));
    const report = engine.recommend(def, stats);
    const failure = report.improvements.find((i) => i.kind === 'high_failure_rate');
    expect(failure?.why).toBe('It failed in 40 of 140 runs (29%); the most common error: step_timeout (40 times).');
    expect(failure?.patch).toContainEqual({ op: 'add', path: '/steps/1/timeout_ms', value: 10_000 });

    timeouts.failureCodes = [{ code: 'formula_error', count: 40 }];
    const other = engine.recommend(def, stats);
    expect(other.patterns.some((p) => p.kind === 'high_failure_rate')).toBe(true);
    expect(other.improvements.some((i) => i.kind === 'high_failure_rate')).toBe(false);
  });

  it('drops a recommendation whose patch would make the workflow invalid', () => {
    // The summary reads the debt plan too: removing the deficit path would leave it reading nothing.
    const reads = validateDefinition(
      {
        ...budgetPlan,
        steps: budgetPlan.steps.map((s) => (s.id === 'summary' ? { ...s, dependencies: ['goals', 'debt_plan'], ai_prompt: 'Summarise {{debt_plan.plan}}.' } : s)),
        exit_points: ['summary'],
      },
      registry,
    );
    const report = engine.recommend(reads, plantedStats());
    expect(report.patterns.some((p) => p.kind === 'unused_branch')).toBe(true);
    expect(report.improvements.some((i) => i.kind === 'unused_branch')).toBe(false);
  });

  it('refuses a patch made for another shape of the workflow', () => {
    const { improvements } = engine.recommend(def, plantedStats());
    const reordered = { ...def, steps: [...def.steps].reverse() };
    expect(() => engine.apply(reordered, improvements.filter((i) => i.kind === 'high_reject_rate'))).toThrow(ConflictError);
  });
});
