import type { LanguageModelV3Message, LanguageModelV3Prompt, LanguageModelV3ToolResultOutput } from '@ai-sdk/provider';
import { isAccountKey } from './detectors';
import type { PiiVault } from './vault';

/** A JSON value with every string redacted, and the whole value of a key naming an account number. */
export function redactJson(value: unknown, vault: PiiVault): unknown {
  if (typeof value === 'string') return vault.redact(value);
  if (Array.isArray(value)) return value.map((v) => redactJson(v, vault));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [
        key,
        isAccountKey(key) && (typeof v === 'string' || typeof v === 'number') && /^[\d -]{6,}$/.test(String(v))
          ? vault.tokenFor('ACCOUNT', String(v))
          : redactJson(v, vault),
      ]),
    );
  }
  return value;
}

function redactOutput(output: LanguageModelV3ToolResultOutput, vault: PiiVault): LanguageModelV3ToolResultOutput {
  switch (output.type) {
    case 'text':
    case 'error-text':
      return { ...output, value: vault.redact(output.value) };
    case 'json':
    case 'error-json':
      return { ...output, value: redactJson(output.value, vault) as typeof output.value };
    case 'execution-denied':
      return output.reason === undefined ? output : { ...output, reason: vault.redact(output.reason) };
    case 'content':
      return { ...output, value: output.value.map((p) => (p.type === 'text' ? { ...p, text: vault.redact(p.text) } : p)) };
    default:
      return output;
  }
}

function redactMessage(message: LanguageModelV3Message, vault: PiiVault): LanguageModelV3Message {
  switch (message.role) {
    case 'system':
      return { ...message, content: vault.redact(message.content) };
    case 'user':
      return { ...message, content: message.content.map((p) => (p.type === 'text' ? { ...p, text: vault.redact(p.text) } : p)) };
    case 'assistant':
      return {
        ...message,
        content: message.content.map((p) => {
          if (p.type === 'text' || p.type === 'reasoning') return { ...p, text: vault.redact(p.text) };
          if (p.type === 'tool-call') return { ...p, input: redactJson(p.input, vault) };
          if (p.type === 'tool-result') return { ...p, output: redactOutput(p.output, vault) };
          return p;
        }),
      };
    case 'tool':
      return { ...message, content: message.content.map((p) => (p.type === 'tool-result' ? { ...p, output: redactOutput(p.output, vault) } : p)) };
    default:
      return message;
  }
}

/** Every text part of the prompt (system, user, assistant, tool calls and results) with personal data tokenised. */
export function redactPrompt(prompt: LanguageModelV3Prompt, vault: PiiVault): LanguageModelV3Prompt {
  return prompt.map((m) => redactMessage(m, vault));
}
