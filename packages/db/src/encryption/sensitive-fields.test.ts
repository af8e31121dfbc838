import { workflowDefinitionSchema } from '@stepwise/engine';
import { describe, expect, it } from 'vitest';
import { isDefaultSensitive, SensitiveFields } from './sensitive-fields';

describe('sensitive field names', () => {
  it('matches the default list on words, case-insensitively, in any naming style', () => {
    const sensitive = ['income', 'monthlyIncome', 'annual_income', 'SALARY', 'balances', 'account_number', 'accountNumber', 'AccountNo', 'IBAN', 'card-number', 'creditCardNumber', 'ssn', 'national_id', 'taxId', 'profile.income'];
    const plain = ['expenses', 'outcome', 'lessons', 'accounting', 'card_color', 'nationality', 'rebalance_date', 'name', 'branch'];
    expect(sensitive.filter((n) => !isDefaultSensitive(n))).toEqual([]);
    expect(plain.filter(isDefaultSensitive)).toEqual([]);
  });

  it('adds fields marked x-sensitive in any step schema, and AI prompts that quote a sensitive field', () => {
    const definition = workflowDefinitionSchema.parse({
      id: 'w',
      name: 'W',
      category: 'test',
      steps: [
        { id: 'form', name: 'Form', type: 'data_collection', config: { schema: { type: 'object', properties: { pet: { type: 'string', 'x-sensitive': true }, address: { type: 'object', properties: { street: { type: 'string', 'x-sensitive': true } } } } } } },
        { id: 'advice', name: 'Advice', type: 'ai_generated', ai_prompt: 'Advise on {{ form.pet }}', dependencies: ['form'], config: { output_schema: { type: 'object', properties: { diagnosis: { type: 'string', 'x-sensitive': true }, tip: { type: 'string' } } } } },
        { id: 'plain', name: 'Plain', type: 'ai_generated', ai_prompt: 'Say hi to {{form.name}}', dependencies: ['form'], config: { output_schema: { type: 'object' } } },
      ],
      entry_points: ['form'],
      exit_points: ['advice'],
    });
    const fields = new SensitiveFields(definition);
    expect(['pet', 'street', 'diagnosis', 'decision.pet', 'income'].filter((n) => !fields.has(n))).toEqual([]);
    expect(['tip', 'address', 'name', 'prompt'].filter((n) => fields.has(n))).toEqual([]);
    expect(fields.inStepInput('advice')('prompt')).toBe(true);
    expect(fields.inStepInput('plain')('prompt')).toBe(false);
  });
});
