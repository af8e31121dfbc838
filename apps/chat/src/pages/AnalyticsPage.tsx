import { lazy, Suspense, useState } from 'react';
import { ErrorNote, PageLoading } from '../cards/pieces';
import { PageHeader } from '../layout/PageHeader';
import { errorMessage } from '../lib/trpc';
import { MonitoringPanel } from './analytics/MonitoringPanel';
import { PeriodPicker } from './analytics/PeriodPicker';
import type { Period } from './analytics/types';
import { useAnalytics } from './analytics/useAnalytics';
import { WorkflowPanel } from './analytics/WorkflowPanel';

// The charts library is large: it loads with this page, not with the app.
const OverviewCharts = lazy(() => import('./analytics/OverviewCharts').then((m) => ({ default: m.OverviewCharts })));

export function AnalyticsPage() {
  const [days, setDays] = useState<Period>(30);
  const [workflowId, setWorkflowId] = useState('');
  const { trends, overview } = useAnalytics(days);
  const error = trends.error ?? overview.error;
  return (
    <div className="page">
      <PageHeader title="Analytics" intro="How your runs went: outcomes, time taken and AI use. Days are UTC days.">
        <PeriodPicker value={days} onChange={setDays} />
      </PageHeader>
      {error ? (
        <ErrorNote title="The figures could not be loaded">{errorMessage(error)}</ErrorNote>
      ) : !trends.data || !overview.data ? (
        <PageLoading label="Adding up your runs" />
      ) : (
        <div className={trends.isPlaceholderData || overview.isPlaceholderData ? 'is-refreshing' : undefined} aria-busy={trends.isFetching || overview.isFetching}>
          <Suspense fallback={<PageLoading label="Drawing the charts" />}>
            <OverviewCharts trends={trends.data} overview={overview.data} days={days} />
          </Suspense>
        </div>
      )}
      <WorkflowPanel days={days} workflowId={workflowId} onChange={setWorkflowId} />
      <MonitoringPanel days={days} />
    </div>
  );
}
