import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { axisLabel, chartMargin, tick } from './axes';
import { ChartFrame } from './ChartFrame';
import { runsSummary, successSummary } from './summaries';
import { CHART, formatDay, type Overview, periodText, type Trends } from './types';

/** Runs per day, stacked by outcome. */
export function RunsOverTimeChart({ daily, days }: { daily: Trends['daily']; days: number }) {
  const data = daily.map((d) => ({ ...d, label: formatDay(d.day), other: d.runs - d.completed - d.failed - d.cancelled }));
  return (
    <ChartFrame title="Runs over time" summary={runsSummary(daily, days)} empty={`No runs in ${periodText(days)}.`}>
      <BarChart accessibilityLayer={false} data={data} margin={chartMargin}>
        <CartesianGrid vertical={false} stroke={CHART.grid} />
        <XAxis dataKey="label" tick={tick} minTickGap={16} label={axisLabel('Day', 'x')} />
        <YAxis allowDecimals={false} tick={tick} width={44} label={axisLabel('Runs', 'y')} />
        <Tooltip />
        <Legend itemSorter={null} verticalAlign="top" height={28} iconType="circle" wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="completed" name="Completed" stackId="runs" fill={CHART.success} />
        <Bar dataKey="failed" name="Failed" stackId="runs" fill={CHART.danger} />
        <Bar dataKey="cancelled" name="Cancelled" stackId="runs" fill={CHART.muted} />
        <Bar dataKey="other" name="Not finished" stackId="runs" fill={CHART.primarySoft} radius={[3, 3, 0, 0]} />
      </BarChart>
    </ChartFrame>
  );
}

/** The share of finished runs that completed, day by day (days with nothing finished are gaps). */
export function SuccessRateChart({ daily, totals, days }: { daily: Trends['daily']; totals: Pick<Overview, 'completed' | 'failed' | 'cancelled' | 'successRate'>; days: number }) {
  const data = daily.map((d) => ({ label: formatDay(d.day), rate: d.successRate === null ? null : Math.round(d.successRate * 100) }));
  return (
    <ChartFrame title="Success rate" summary={successSummary(totals)} empty={`No finished runs in ${periodText(days)}.`}>
      <LineChart accessibilityLayer={false} data={data} margin={chartMargin}>
        <CartesianGrid vertical={false} stroke={CHART.grid} />
        <XAxis dataKey="label" tick={tick} minTickGap={16} label={axisLabel('Day', 'x')} />
        <YAxis domain={[0, 100]} unit="%" tick={tick} width={48} label={axisLabel('Completed', 'y')} />
        <Tooltip formatter={(v) => [`${String(v)}%`, 'Success rate']} />
        <Line type="linear" dataKey="rate" name="Success rate" stroke={CHART.success} strokeWidth={2} dot={{ r: 2 }} connectNulls />
      </LineChart>
    </ChartFrame>
  );
}
