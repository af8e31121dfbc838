import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake model says: text, or tool calls (arguments as JSON text). */
export interface Reply {
  content?: string;
  toolCalls?: { name: string; arguments: string }[];
  usage?: { prompt_tokens: number; completion_tokens: number };
}

export interface ChatRequest {
  model: string;
  messages: { role: string; content: unknown; tool_calls?: unknown[] }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  response_format?: { type: string; json_schema?: { name?: string; schema?: unknown } };
  tools?: { type: string; function: { name: string } }[];
  [key: string]: unknown;
}

/**
 * A local server speaking the OpenAI Chat Completions protocol (what Ollama, vLLM and LM Studio
 * serve): JSON responses, SSE streaming with content and tool_calls deltas, usage, [DONE].
 */
export async function startOpenAICompatibleServer(reply: (request: ChatRequest) => Reply | Promise<Reply>) {
  const requests: ChatRequest[] = [];
  const server: Server = createServer(async (req, res) => {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    const request = JSON.parse(await body(req)) as ChatRequest;
    requests.push(request);
    const answer = await reply(request);
    const usage = answer.usage ?? { prompt_tokens: 120, completion_tokens: 30 };
    const usageJson = { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
    const id = `chatcmpl-${requests.length}`;
    const created = Math.floor(Date.now() / 1000);
    const toolCalls = answer.toolCalls?.map((t, i) => ({ index: i, id: `call_${requests.length}_${i}`, type: 'function', function: t }));
    const finish = toolCalls?.length ? 'tool_calls' : 'stop';
    if (!request.stream) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id,
          object: 'chat.completion',
          created,
          model: request.model,
          choices: [{ index: 0, message: { role: 'assistant', content: answer.content ?? null, tool_calls: toolCalls }, finish_reason: finish }],
          usage: usageJson,
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const chunk = (delta: object, finishReason: string | null = null, extra: object = {}) =>
      res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: request.model, choices: [{ index: 0, delta, finish_reason: finishReason }], ...extra })}\n\n`);
    chunk({ role: 'assistant', content: '' });
    for (const piece of (answer.content ?? '').match(/\S+\s*|\s+/g) ?? []) chunk({ content: piece });
    for (const call of toolCalls ?? []) {
      chunk({ tool_calls: [{ index: call.index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] });
      const args = call.function.arguments;
      for (let i = 0; i < args.length; i += 8) chunk({ tool_calls: [{ index: call.index, function: { arguments: args.slice(i, i + 8) } }] });
    }
    chunk({}, finish);
    if (request.stream_options?.include_usage) {
      res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: request.model, choices: [], usage: usageJson })}\n\n`);
    }
    res.end('data: [DONE]\n\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (text += d));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}
