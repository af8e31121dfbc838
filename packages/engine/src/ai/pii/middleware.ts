import type { LanguageModelV3CallOptions, LanguageModelV3Content, LanguageModelV3Middleware } from '@ai-sdk/provider';
import { type LanguageModel, wrapLanguageModel } from 'ai';
import { redactPrompt } from './redact-prompt';
import { restoreStream } from './stream-restorer';
import { PiiVault } from './vault';

/** The vault of each call, keyed by the params transformParams handed on (wrapGenerate/wrapStream get the same object). */
const vaults = new WeakMap<LanguageModelV3CallOptions, PiiVault>();

function restoreContent(part: LanguageModelV3Content, vault: PiiVault): LanguageModelV3Content {
  if (part.type === 'text' || part.type === 'reasoning') return { ...part, text: vault.restore(part.text) };
  if (part.type === 'tool-call') return { ...part, input: vault.restore(part.input) };
  return part;
}

/**
 * Personal data never reaches the model: every text part of the prompt is redacted to tokens
 * (`[EMAIL_1]`) and the answer - text, reasoning and tool-call inputs, streamed or not - gets the
 * values back, so tools and people see the real ones.
 */
export const piiRedactionMiddleware: LanguageModelV3Middleware = {
  specificationVersion: 'v3',
  transformParams: async ({ params }) => {
    const vault = new PiiVault();
    const redacted = { ...params, prompt: redactPrompt(params.prompt, vault) };
    vaults.set(redacted, vault);
    return redacted;
  },
  wrapGenerate: async ({ doGenerate, params }) => {
    const result = await doGenerate();
    const vault = vaults.get(params);
    return vault ? { ...result, content: result.content.map((p) => restoreContent(p, vault)) } : result;
  },
  wrapStream: async ({ doStream, params }) => {
    const result = await doStream();
    const vault = vaults.get(params);
    return vault ? { ...result, stream: result.stream.pipeThrough(restoreStream(vault)) } : result;
  },
};

/** The model behind the redaction middleware; a model named by a string id is resolved by the AI SDK and cannot be wrapped here. */
export function withPiiRedaction(model: LanguageModel): LanguageModel {
  if (typeof model === 'string' || model.specificationVersion !== 'v3') return model;
  return wrapLanguageModel({ model, middleware: piiRedactionMiddleware });
}
