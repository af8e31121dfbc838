/** What an infinite tRPC query offers that a paged list needs. */
interface InfiniteQuery<Page> {
  data?: { pages: Page[] };
  isLoading: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
  refetch: () => Promise<unknown>;
}

/** A cursor-paged list as its page reads it: every item loaded so far, and how to get more. */
export interface PagedList<T> {
  items: T[];
  isLoading: boolean;
  error: unknown;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  retry: () => void;
}

export function pagedList<Page extends { items: unknown[] }>(query: InfiniteQuery<Page>): PagedList<Page['items'][number]> {
  return {
    items: query.data?.pages.flatMap((p) => p.items) ?? [],
    isLoading: query.isLoading,
    error: query.error,
    hasMore: query.hasNextPage,
    loadingMore: query.isFetchingNextPage,
    loadMore: () => void query.fetchNextPage(),
    retry: () => void query.refetch(),
  };
}
