import type { WorkflowCursor } from '@stepwise/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';

const MICROS_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const cursorSchema = z.tuple([
  // Re-formatting catches dates like 2025-02-30 that PostgreSQL would refuse with an error.
  z.string().regex(MICROS_ISO).refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().slice(0, 19) === s.slice(0, 19)),
  z.guid(),
]);

/** Opaque to clients: base64url of `[updated_at with microseconds, workflow id]`. */
export function encodeCursor(cursor: WorkflowCursor): string {
  return Buffer.from(JSON.stringify([cursor.updatedAt, cursor.workflowId])).toString('base64url');
}

export function decodeCursor(text: string): WorkflowCursor {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    raw = undefined;
  }
  const parsed = cursorSchema.safeParse(raw);
  if (!parsed.success) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'cursor is not one this API returned; pass the nextCursor of the previous page, or omit it for the first page',
    });
  }
  return { updatedAt: parsed.data[0], workflowId: parsed.data[1] };
}
