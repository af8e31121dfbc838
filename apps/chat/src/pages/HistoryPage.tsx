import { useState } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '../cards/pieces';
import { PageHeader } from '../layout/PageHeader';
import { PagedResults } from '../layout/PagedResults';
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
      <PagedResults list={history} loadingLabel="Loading your runs" errorTitle="Your runs could not be loaded" empty={<NoRuns status={status} />}>
        <HistoryList items={history.items} />
      </PagedResults>
    </div>
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
