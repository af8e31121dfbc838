import { pagedList } from '../../lib/paged';
import { trpc } from '../../lib/trpc';
import type { StatusFilterValue } from './StatusFilter';

const PAGE_SIZE = 20;

/** The caller's runs, newest first, a page at a time. */
export function useHistory(status: StatusFilterValue) {
  const query = trpc.executions.list.useInfiniteQuery(
    { status: status === 'all' ? undefined : status, limit: PAGE_SIZE },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  return pagedList(query);
}
