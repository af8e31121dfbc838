/** What an infinite tRPC query offers that a paged list needs. */
interface InfiniteQuery<T> {
  data?: { pages: { items: T[] }[] };
  isLoading: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
  refetch: () => Promise<unknown>;
}

/** A cursor-paged list as its page reads it: every item loaded so far, and how to get more. */
export function pagedList<T>(query: InfiniteQuery<T>) {
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

export type PagedList<T> = ReturnType<typeof pagedList<T>>;
