import { createOpenAI } from '@ai-sdk/openai';
import { createBuiltinModel, withPiiRedaction } from '@stepwise/engine';
import type { LanguageModel } from 'ai';
import type { Config } from '../config';

export interface ModelChoice {
  model: LanguageModel;
  /** What the UI shows, e.g. "Built-in offline model" or "openai:gpt-4o-mini". */
  label: string;
  builtin: boolean;
}

/**
 * MODEL selects the language model: builtin (default, offline), openai:<model>, openai-compatible:<model>.
 * Every model is behind the PII redaction middleware: personal data never leaves in a prompt.
 */
export function createModel(config: Config): ModelChoice {
  const choice = chooseModel(config);
  return { ...choice, model: withPiiRedaction(choice.model) };
}

/** A model handed in by the caller (tests, embedding), behind the same redaction as the configured ones. */
export function injectedModel(model: LanguageModel): ModelChoice {
  return { model: withPiiRedaction(model), label: 'Injected model', builtin: false };
}

function chooseModel(config: Config): ModelChoice {
  const [kind, ...rest] = config.MODEL.split(':');
  const name = rest.join(':');
  if (kind === 'openai') {
    // The Responses API (OpenAI itself).
    return { model: createOpenAI({ apiKey: config.OPENAI_API_KEY })(name), label: config.MODEL, builtin: false };
  }
  if (kind === 'openai-compatible') {
    // Ollama, vLLM and LM Studio speak Chat Completions; many need no key.
    const provider = createOpenAI({ baseURL: config.OPENAI_BASE_URL, apiKey: config.OPENAI_API_KEY ?? 'not-needed', name: 'openai-compatible' });
    return { model: provider.chat(name), label: config.MODEL, builtin: false };
  }
  return { model: createBuiltinModel(), label: 'Built-in offline model', builtin: true };
}
