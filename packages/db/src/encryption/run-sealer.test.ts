import { createContext, workflowDefinitionSchema } from '@stepwise/engine';
import { describe, expect, it } from 'vitest';
import { FieldCipher } from './cipher';
import { generateKeySpec, parseKeyRing } from './keys';
import { RunSealer } from './run-sealer';

const definition = workflowDefinitionSchema.parse({
  id: 'w',
  name: 'W',
  category: 'test',
  steps: [{ id: 'form', name: 'Form', type: 'data_collection', config: { schema: { type: 'object', properties: { note: { type: 'object' } } } } }],
  entry_points: ['form'],
  exit_points: ['form'],
});
const sealer = new RunSealer(new FieldCipher(parseKeyRing(generateKeySpec())));

describe('RunSealer', () => {
  it('a value someone typed in the shape of a sealed one round-trips instead of breaking the run', () => {
    const context = { ...createContext({ userId: 'u', sessionId: 's', now: new Date(0) }), data: { form: { note: { $enc: 'v1:forged:AAAA:BBBB:CCCC' }, income: 10 } } };
    const run = { context, results: null, error: null };
    const sealed = sealer.sealRun('run-1', definition, run);
    expect(JSON.stringify(sealed)).not.toContain('forged');
    expect(sealer.openRun('run-1', sealed)).toEqual(run);
  });

  it('a form waiting for answers keeps its spec plain; its answers are sealed', () => {
    const spec = { schema: { type: 'object', properties: { income: { type: 'number' } } } };
    const waiting = { stepId: 'form', attempt: 1, waitingFor: 'input' as const, input: null, output: spec, error: null };
    expect(sealer.sealStep('run-1', definition, waiting).output).toEqual(spec);
    const done = { ...waiting, waitingFor: null, output: { income: 4200 } };
    const sealed = sealer.sealStep('run-1', definition, done);
    expect(JSON.stringify(sealed)).not.toContain('4200');
    expect(sealer.openStep('run-1', sealed)).toEqual(done);
  });
});
