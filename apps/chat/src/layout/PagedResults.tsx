import type { ReactNode } from 'react';
import { ErrorNote, PageLoading } from '../cards/pieces';
import type { PagedList } from '../lib/paged';
import { errorMessage } from '../lib/trpc';

/** A paged list's states: loading, failed (with a retry), empty, or its items with "Load more". */
export function PagedResults<T>({ list, loadingLabel, errorTitle, empty, children }: {
  list: PagedList<T>;
  loadingLabel: string;
  errorTitle: string;
  empty: ReactNode;
  children: ReactNode;
}) {
  if (list.isLoading) return <PageLoading label={loadingLabel} />;
  if (list.error) {
    return (
      <ErrorNote title={errorTitle}>
        {errorMessage(list.error)}{' '}
        <button type="button" className="btn btn-sm" onClick={list.retry}>
          Try again
        </button>
      </ErrorNote>
    );
  }
  if (list.items.length === 0) return <>{empty}</>;
  return (
    <>
      {children}
      {list.hasMore && (
        <div className="load-more">
          <button type="button" className="btn" onClick={list.loadMore} disabled={list.loadingMore}>
            {list.loadingMore ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}
    </>
  );
}
