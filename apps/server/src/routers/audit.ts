import { findUserByEmail, listAudit } from '@stepwise/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { adminProcedure, router } from '../trpc';

const listInput = z.object({
  /** A user id or an email address. */
  actor: z.string().trim().min(1).max(320).optional(),
  action: z.string().trim().min(1).max(100).optional(),
  targetType: z.string().trim().min(1).max(30).optional(),
  targetId: z.string().trim().min(1).max(100).optional(),
  from: z.iso.datetime({ error: 'from must be an ISO date-time like 2026-01-31T00:00:00Z' }).optional(),
  to: z.iso.datetime({ error: 'to must be an ISO date-time like 2026-01-31T00:00:00Z' }).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.int().min(1).max(100).default(50),
});

const cursorSchema = z.tuple([z.iso.datetime(), z.uuid()]);

const encodeCursor = (next: { at: string; id: string }) => Buffer.from(JSON.stringify([next.at, next.id])).toString('base64url');

function decodeCursor(cursor: string): { at: string; id: string } {
  let parsed: ReturnType<typeof cursorSchema.safeParse> | null = null;
  try {
    parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString()));
  } catch {
    // Not JSON: reported below like any other bad cursor.
  }
  if (!parsed?.success) throw new TRPCError({ code: 'BAD_REQUEST', message: 'The cursor is not valid; start from the first page' });
  return { at: parsed.data[0], id: parsed.data[1] };
}

/** The audit trail, for administrators only. */
export const auditRouter = router({
  /** Entries matching every given filter, newest first, a page at a time. */
  list: adminProcedure.input(listInput).query(async ({ ctx, input }) => {
    let actorId: string | undefined;
    if (input.actor) {
      actorId = z.uuid().safeParse(input.actor).success ? input.actor : (await findUserByEmail(ctx.services.orm.em.fork(), input.actor))?.id;
      // An email nobody has matches no entry.
      if (!actorId) return { items: [], nextCursor: null };
    }
    const page = await listAudit(ctx.services.pool, {
      actorId,
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId,
      from: input.from ? new Date(input.from) : undefined,
      to: input.to ? new Date(input.to) : undefined,
      after: input.cursor ? decodeCursor(input.cursor) : undefined,
      limit: input.limit,
    });
    return { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null };
  }),
});
