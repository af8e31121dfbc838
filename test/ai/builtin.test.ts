import { BUILTIN_TEMPLATES, fillSchema } from '@stepwise/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../api/auth-helpers';
import { startTestApp, type TestApp } from '../api/harness';

let t: TestApp;
beforeAll(async () => (t = await startTestApp())); // no MODEL: the built-in offline model
afterAll(async () => t?.stop());

describe('with no model configured (the built-in offline model)', () => {
  it('tells the UI it is the built-in offline model', async () => {
    expect(await t.client().meta.info.query()).toEqual({ model: { label: 'Built-in offline model', builtin: true } });
  });

  for (const key of ['monthly-budget-review', 'retirement-plan']) {
    it(`runs the ${key} template to completion: forms filled, AI results accepted`, async () => {
      expect(BUILTIN_TEMPLATES.some((b) => b.key === key)).toBe(true);
      const api = t.client((await signUp(t.url)).headers);
      const workflow = await api.templates.instantiate.mutate({ key });
      let run = await api.executions.start.mutate({ workflowId: workflow.id });
      const seenAI: unknown[] = [];
      for (let i = 0; i < 200 && run.status !== 'completed'; i++) {
        const waiting = run.steps.find((s) => s.status === 'waiting');
        if (run.status === 'waiting_for_input' && waiting) {
          const form = waiting.output as { schema: unknown };
          const answers = fillSchema(form.schema, 'income 5400 expenses 3100 savings goal 800') as Record<string, unknown>;
          if ('current_age' in answers) Object.assign(answers, { current_age: 40, retirement_age: 65 }); // scripted where a rule needs it
          run = await api.executions.submitInput.mutate({ id: run.id, stepId: waiting.stepId, data: answers });
        } else if (run.status === 'waiting_for_review' && waiting) {
          seenAI.push(waiting.output);
          run = await api.executions.accept.mutate({ id: run.id, stepId: waiting.stepId });
        } else {
          expect(['running', 'waiting_for_input', 'waiting_for_review']).toContain(run.status);
          await new Promise((r) => setTimeout(r, 20));
          run = await api.executions.get.query({ id: run.id });
        }
      }
      expect(run.status).toBe('completed');
      expect(seenAI.length + run.steps.filter((s) => s.type === 'ai_generated' && s.status === 'completed').length).toBeGreaterThan(0);
    });
  }
});
