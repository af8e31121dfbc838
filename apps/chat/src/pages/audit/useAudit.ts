import type { RouterInputs, RouterOutputs } from '@stepwise/server/client';
import { pagedList } from '../../lib/paged';
import { trpc } from '../../lib/trpc';

export type AuditEntry = RouterOutputs['audit']['list']['items'][number];
export type AuditFilter = Omit<RouterInputs['audit']['list'], 'cursor' | 'limit'>;

const PAGE_SIZE = 50;

/** The audit trail matching `filter`, newest first, a page at a time. */
export function useAudit(filter: AuditFilter) {
  // A separate const: inline, the page callback's contextual typing leaves pagedList's items unknown.
  const query = trpc.audit.list.useInfiniteQuery({ ...filter, limit: PAGE_SIZE }, { getNextPageParam: (page) => page.nextCursor ?? undefined });
  return pagedList(query);
}
