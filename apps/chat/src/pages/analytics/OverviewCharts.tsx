import { formatCost, formatDuration, formatNumber, formatPercent } from '../../lib/format';
import { StatTiles } from './StatTiles';
import { RunsOverTimeChart, SuccessRateChart } from './TrendCharts';
import { periodText, type Overview, type Trends } from './types';
import { AiUsageChart, DurationChart, RejectRateChart } from './UsageCharts';

/** Everything about the caller's runs over the period: key numbers, then the charts. */
export function OverviewCharts({ trends, overview, days }: { trends: Trends; overview: Overview; days: number }) {
  return (
    <>
      <StatTiles
        label={`Your runs in ${periodText(days)}`}
        tiles={[
          { label: 'Runs', value: formatNumber(overview.runs), hint: overview.inProgress > 0 ? `${formatNumber(overview.inProgress)} not finished` : undefined },
          { label: 'Success rate', value: formatPercent(overview.successRate), hint: `${formatNumber(overview.completed)} completed` },
          { label: 'Typical duration', value: formatDuration(overview.durationMs.p50), hint: overview.durationMs.p95 === null ? undefined : `95% within ${formatDuration(overview.durationMs.p95)}` },
          { label: 'AI tokens', value: formatNumber(overview.ai.tokens), hint: `${formatNumber(overview.ai.calls)} calls` },
          { label: 'AI cost', value: formatCost(overview.ai.costUsd) },
        ]}
      />
      <div className="chart-grid">
        <div className="chart-wide">
          <RunsOverTimeChart daily={trends.daily} days={days} />
        </div>
        <SuccessRateChart daily={trends.daily} totals={overview} days={days} />
        <DurationChart overview={overview} days={days} />
        <AiUsageChart overview={overview} days={days} />
        <RejectRateChart steps={overview.aiSteps} days={days} />
      </div>
    </>
  );
}
