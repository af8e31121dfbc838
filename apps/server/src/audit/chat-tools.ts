import type { Tool, ToolExecutionOptions } from 'ai';
import type { ChatToolContext } from '../chat/tools/context';
import { actorOf, writeAudit } from './record';
import { stepOf, targetOf } from './targets';

// A ToolFailure's error is a message; an execution view's `error` is null or an object.
const isToolFailure = (result: unknown) => typeof (result as { error?: unknown } | null)?.error === 'string';

/**
 * The same tools, each leaving one audit entry per call (`chat.tool.<name>`): `ok`, `tool_error` when
 * it answered `{ error }`, `error` when it threw. Input and output values are never recorded.
 */
export function auditedTools<T extends Record<string, Tool>>(ctx: ChatToolContext, tools: T): T {
  const wrap = (name: string, original: Tool): Tool => {
    const execute = original.execute;
    if (!execute) return original;
    return {
      ...original,
      execute: async (input: unknown, options: ToolExecutionOptions) => {
        let result: unknown;
        let outcome = 'error';
        try {
          result = await execute(input, options);
          outcome = isToolFailure(result) ? 'tool_error' : 'ok';
          return result;
        } finally {
          const stepId = stepOf(input);
          await writeAudit(ctx.services, {
            ...actorOf(ctx.user),
            action: `chat.tool.${name}`,
            ...(targetOf(input, outcome === 'ok' ? result : undefined, 'execution') || {}),
            outcome,
            ip: ctx.ip ?? null,
            details: { threadId: ctx.threadId, ...(stepId ? { stepId } : {}) },
          });
        }
      },
    };
  };
  return Object.fromEntries(Object.entries(tools).map(([name, t]) => [name, wrap(name, t)])) as T;
}
