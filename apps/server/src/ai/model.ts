import { createOpenAI } from '@ai-sdk/openai';
import { createBuiltinModel } from '@stepwise/engine';
import type { LanguageModel } from 'ai';
import type { Config } from '../config';

export interface ModelChoice {
  model: LanguageModel;
  /** What the UI shows, e.g. "Built-in offline model" or "openai:gpt-4o-mini". */
  label: string;
  builtin: boolean;
}

/** MODEL selects the language model: builtin (default, offline), openai:<model>, openai-compatible:<model>. */
export function createModel(config: Config): ModelChoice {
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
