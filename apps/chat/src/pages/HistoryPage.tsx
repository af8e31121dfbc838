import { useState } from 'react';
import { Link } from 'react-router';
import { EmptyState, ErrorNote, PageLoading } from '../cards/pieces';
import { PageHeader } from '../layout/PageHeader';
import { errorMessage } from '../lib/trpc';
import { HistoryList } from './history/HistoryList';
import { STATUS_FILTERS, StatusFilter, type StatusFilterValue } from './history/StatusFilter';
import { useHistory } from './history/useHistory';

export function HistoryPage() {
  const [status, setStatus] = useState<StatusFilterValue>('all');
  const history = useHistory(status);
  return (
    <div className="page">
      <PageHeader title="History" intro="Every run you started, newest first." />
      <StatusFilter value={status} onChange={setStatus} />
      <HistoryBody status={status} history={history} />
    </div>
  );
}

function HistoryBody({ status, history }: { status: StatusFilterValue; history: ReturnType<typeof useHistory> }) {
  if (history.isLoading) return <PageLoading label="Loading your runs" />;
  if (history.error) {
    return (
      <ErrorNote title="Your runs could not be loaded">
        {errorMessage(history.error)}{' '}
        <button type="button" className="btn btn-sm" onClick={history.retry}>
          Try again
        </button>
      </ErrorNote>
    );
  }
  if (history.items.length === 0) return <NoRuns status={status} />;
  return (
    <>
      <HistoryList items={history.items} />
      {history.hasMore && (
        <div className="load-more">
          <button type="button" className="btn" onClick={history.loadMore} disabled={history.loadingMore}>
            {history.loadingMore ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}
    </>
  );
}

export function NoRuns({ status }: { status: StatusFilterValue }) {
  if (status !== 'all') {
    const label = STATUS_FILTERS.find((f) => f.value === status)?.label.toLowerCase();
    return <EmptyState title={`No runs here (${label})`}>Choose “All” to see every run.</EmptyState>;
  }
  return (
    <EmptyState title="No runs yet" action={<Link className="btn btn-primary" to="/chat">Start one in the chat</Link>}>
      Tell the assistant what you want to do, or pick a workflow in the Library, and its runs will appear here.
    </EmptyState>
  );
}
