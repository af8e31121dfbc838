import { createBuiltinModel } from '@stepwise/engine';
import type { ChatRequest, Reply } from './openai-compatible-server';

type Content = string | { type: string; text?: string }[] | null;
const textOf = (content: unknown) =>
  typeof content === 'string' ? content : Array.isArray(content) ? (content as { text?: string }[]).map((p) => p.text ?? '').join('') : '';

/**
 * The built-in model behind the Chat Completions protocol: turns a request into a
 * LanguageModelV3 call and its result back into a reply, so a test can drive the whole
 * real-provider path (HTTP, SSE, tool_calls deltas, usage) with a model that behaves sensibly.
 */
export async function answerWithBuiltinModel(request: ChatRequest): Promise<Reply> {
  const model = createBuiltinModel();
  const toolNames = new Map<string, string>();
  const prompt = request.messages.map((m) => {
    const msg = m as { role: string; content: Content; tool_calls?: { id: string; function: { name: string; arguments: string } }[]; tool_call_id?: string };
    if (msg.role === 'system') return { role: 'system' as const, content: textOf(msg.content) };
    if (msg.role === 'user') return { role: 'user' as const, content: [{ type: 'text' as const, text: textOf(msg.content) }] };
    if (msg.role === 'tool') {
      const output = textOf(msg.content);
      let value: unknown = output;
      try {
        value = JSON.parse(output);
      } catch {
        // plain text output
      }
      return {
        role: 'tool' as const,
        content: [{ type: 'tool-result' as const, toolCallId: msg.tool_call_id!, toolName: toolNames.get(msg.tool_call_id!) ?? '', output: { type: 'json' as const, value: value as never } }],
      };
    }
    for (const call of msg.tool_calls ?? []) toolNames.set(call.id, call.function.name);
    return {
      role: 'assistant' as const,
      content: [
        ...(textOf(msg.content) ? [{ type: 'text' as const, text: textOf(msg.content) }] : []),
        ...(msg.tool_calls ?? []).map((c) => ({ type: 'tool-call' as const, toolCallId: c.id, toolName: c.function.name, input: JSON.parse(c.function.arguments) as unknown })),
      ],
    };
  });
  const format = request.response_format;
  const result = await model.doGenerate({
    prompt,
    tools: (request.tools ?? []).map((t) => {
      const fn = (t as unknown as { function: { name: string; description?: string; parameters: object } }).function;
      return { type: 'function' as const, name: fn.name, description: fn.description, inputSchema: fn.parameters as never };
    }),
    responseFormat: format?.type === 'json_schema' ? { type: 'json', schema: format.json_schema?.schema as never } : format?.type === 'json_object' ? { type: 'json' } : undefined,
  });
  const text = result.content.flatMap((c) => (c.type === 'text' ? [c.text] : [])).join('');
  const calls = result.content.flatMap((c) => (c.type === 'tool-call' ? [{ name: c.toolName, arguments: c.input }] : []));
  return {
    content: text || undefined,
    toolCalls: calls.length ? calls : undefined,
    usage: { prompt_tokens: result.usage.inputTokens.total ?? 0, completion_tokens: result.usage.outputTokens.total ?? 0 },
  };
}
