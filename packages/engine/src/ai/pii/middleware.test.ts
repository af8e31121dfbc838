import type { LanguageModelV3CallOptions, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { generateText, jsonSchema, streamText, tool } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { withPiiRedaction } from './middleware';
import { TokenRestorer } from './stream-restorer';
import { PiiVault } from './vault';

const usage = { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } };
const finish = { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage } as const;
const EMAIL = 'dana.reyes@example.com';
const CARD = '4111 1111 1111 1111';

function scripted(parts: LanguageModelV3StreamPart[], seen: LanguageModelV3CallOptions[]) {
  return new MockLanguageModelV3({
    doGenerate: async (options) => {
      seen.push(options);
      return { content: [{ type: 'text', text: 'Wrote to [EMAIL_1] about [CARD_1].' }], finishReason: finish.finishReason, usage, warnings: [] };
    },
    doStream: async (options) => {
      seen.push(options);
      return { stream: new ReadableStream({ start: (c) => (parts.forEach((p) => c.enqueue(p)), c.close()) }) };
    },
  });
}

describe('PII redaction middleware', () => {
  it('redacts system, user, assistant and tool-result text before the model and restores the answer', async () => {
    const seen: LanguageModelV3CallOptions[] = [];
    const model = withPiiRedaction(scripted([], seen));
    const result = await generateText({
      model,
      system: `Contact: ${EMAIL}`,
      messages: [
        { role: 'user', content: `My card is ${CARD}, income 5400 on 2026-01-15` },
        { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'get_status', input: { note: EMAIL } }] },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'get_status', output: { type: 'json', value: { account_number: 12345678, phone: '+44 20 7946 0958' } } }] },
      ],
    });
    const sent = JSON.stringify(seen[0]!.prompt);
    for (const secret of [EMAIL, CARD, '12345678', '7946 0958']) expect(sent).not.toContain(secret);
    expect(sent).toContain('[EMAIL_1]');
    expect(sent).toContain('income 5400 on 2026-01-15');
    expect(sent).toContain('"account_number":"[ACCOUNT_1]"');
    expect(result.text).toBe(`Wrote to ${EMAIL} about ${CARD}.`);
  });

  it('restores tokens split across stream chunks and inside tool-call inputs', async () => {
    const seen: LanguageModelV3CallOptions[] = [];
    const model = withPiiRedaction(
      scripted(
        [
          { type: 'stream-start', warnings: [] },
          { type: 'text-start', id: 't' },
          ...['Mail [EM', 'AIL_', '1] now [', 'x] [EMAIL_7]'].map((delta) => ({ type: 'text-delta', id: 't', delta }) as const),
          { type: 'text-end', id: 't' },
          { type: 'tool-call', toolCallId: 'c2', toolName: 'remember', input: '{"email":"[EMAIL_1]"}' },
          finish,
        ],
        seen,
      ),
    );
    const inputs: unknown[] = [];
    const result = streamText({
      model,
      prompt: `Remember ${EMAIL}`,
      tools: { remember: tool({ inputSchema: jsonSchema<{ email: string }>({ type: 'object' }), execute: async (input) => (inputs.push(input), 'ok') }) },
    });
    expect(await result.text).toBe(`Mail ${EMAIL} now [x] [EMAIL_7]`);
    expect(inputs).toEqual([{ email: EMAIL }]);
    expect(JSON.stringify(seen[0]!.prompt)).not.toContain(EMAIL);
  });

  it('holds back at most one token length of text', () => {
    const vault = new PiiVault();
    vault.tokenFor('PHONE', '020 7946 0958');
    const restorer = new TokenRestorer(vault);
    expect(restorer.push('Call [PHO')).toBe('Call ');
    expect(restorer.push('NE_1] or [')).toBe('020 7946 0958 or ');
    expect(restorer.push('not a token at all')).toBe('[not a token at all');
    expect(restorer.push(' [NATIONAL_ID_12')).toBe(' ');
    expect(restorer.flush()).toBe('[NATIONAL_ID_12');
  });
});
