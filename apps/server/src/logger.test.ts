import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: createLogger('info', stream), text: () => lines.join('') };
}

describe('logger redaction', () => {
  it('never writes form answers, prompts, error details or sensitive field values, at the top or one level down', () => {
    const { log, text } = capture();
    log.info({ income: 81234, submission: { pet: 'Fluffy' }, runId: 'r1' }, 'submitted');
    log.warn({ err: { message: 'bad', details: { values: { 'profile.income': 81234 } } }, step: { prompt: 'Plan for 81234', iban: 'DE89370400440532013000' } }, 'failed');
    log.info({ call: { requestBodyValues: { messages: ['Fluffy'] }, responseBody: '{"balance": 5531}' } }, 'model');
    const written = text();
    for (const secret of ['81234', 'Fluffy', 'DE89370400440532013000', '5531']) expect(written).not.toContain(secret);
    expect(written).toContain('"runId":"r1"');
    expect(written).toContain('[redacted]');
  });
});
