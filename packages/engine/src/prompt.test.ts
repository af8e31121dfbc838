import { describe, expect, it } from 'vitest';
import { buildPrompt, promptPlaceholders, renderTemplate } from './prompt';

const data = {
  input: { client: 'Dana Reyes' },
  profile: { age: 42, goals: ['retire at 60', 'college fund'], married: false, note: '' },
};

describe('prompt templates', () => {
  it('lists placeholders once each, tolerating spaces inside the braces', () => {
    expect(promptPlaceholders('{{ profile.age }} and {{profile.age}} then {{input.client}}')).toEqual([
      'profile.age',
      'input.client',
    ]);
  });

  it('fills text as is, numbers and booleans as text and objects as JSON', () => {
    const text = renderTemplate('{{input.client}} ({{profile.age}}, married: {{profile.married}}) wants {{profile.goals}}', data);
    expect(text).toBe('Dana Reyes (42, married: false) wants [\n  "retire at 60",\n  "college fund"\n]');
  });

  it('writes "(not provided)" for missing values but keeps empty text', () => {
    expect(renderTemplate('Income: {{profile.income}}; note: [{{profile.note}}]; {{nowhere.x}}', data)).toBe(
      'Income: (not provided); note: []; (not provided)',
    );
  });

  it('adds the previous answer and the feedback when a reviewer asked for a revision', () => {
    const prompt = buildPrompt({
      template: 'Summarise {{input.client}}',
      data,
      feedback: 'Mention the college fund',
      previousOutput: { summary: 'Retirement only' },
    });
    expect(prompt).toMatch(/^Summarise Dana Reyes\n/);
    expect(prompt).toContain('"summary": "Retirement only"');
    expect(prompt).toContain('Reviewer feedback:\nMention the college fund');
  });

  it('adds no revision section without feedback', () => {
    expect(buildPrompt({ template: 'Hi {{input.client}}', data, feedback: null, previousOutput: { a: 1 } })).toBe('Hi Dana Reyes');
  });
});
