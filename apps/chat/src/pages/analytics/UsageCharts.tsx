import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCost, formatDuration, formatNumber } from '../../lib/format';
import { axisLabel, chartMargin, shortLabel, tick } from './axes';
import { ChartFrame } from './ChartFrame';
import { aiSummary, durationSummary, rejectSummary } from './summaries';
import { CHART, formatDay, type Overview, periodText } from './types';

/** Tokens per day (bars) and their cost (line, right axis). */
export function AiUsageChart({ overview, days }: { overview: Overview; days: number }) {
  const data = overview.daily.map((d) => ({ label: formatDay(d.day), tokens: d.tokens, cost: d.costUsd }));
  return (
    <ChartFrame title="AI tokens and cost" summary={aiSummary(overview, days)} empty={`No AI analyses in ${periodText(days)}.`}>
      <ComposedChart accessibilityLayer={false} data={data} margin={chartMargin}>
        <CartesianGrid vertical={false} stroke={CHART.grid} />
        <XAxis dataKey="label" tick={tick} minTickGap={16} label={axisLabel('Day', 'x')} />
        <YAxis yAxisId="tokens" tick={tick} width={52} tickFormatter={(v: number) => formatNumber(v)} label={axisLabel('Tokens', 'y')} />
        <YAxis yAxisId="cost" orientation="right" tick={tick} width={56} tickFormatter={(v: number) => formatCost(v)} label={axisLabel('Cost (USD)', 'y', 'right')} />
        <Tooltip formatter={(v, name) => (name === 'Cost' ? formatCost(Number(v)) : formatNumber(Number(v)))} />
        <Legend itemSorter={null} verticalAlign="top" height={28} iconType="circle" wrapperStyle={{ fontSize: 12 }} />
        <Bar yAxisId="tokens" dataKey="tokens" name="Tokens" fill={CHART.primary} radius={[3, 3, 0, 0]} />
        <Line yAxisId="cost" type="linear" dataKey="cost" name="Cost" stroke={CHART.warning} strokeWidth={2} dot={false} />
      </ComposedChart>
    </ChartFrame>
  );
}

/** How long a completed run typically takes, per workflow. */
export function DurationChart({ overview, days }: { overview: Overview; days: number }) {
  const data = overview.workflows.filter((w) => w.p50DurationMs !== null).map((w) => ({ name: w.name, seconds: w.p50DurationMs! / 1000 }));
  return (
    <ChartFrame title="Durations" summary={durationSummary(overview)} empty={`No completed runs in ${periodText(days)}.`} height={Math.max(160, data.length * 44 + 50)}>
      <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={chartMargin}>
        <CartesianGrid horizontal={false} stroke={CHART.grid} />
        <XAxis type="number" tick={tick} label={axisLabel('Typical duration (seconds)', 'x')} />
        <YAxis type="category" dataKey="name" tick={tick} width={120} tickFormatter={shortLabel()} />
        <Tooltip formatter={(v) => [formatDuration(Number(v) * 1000), 'Typical duration']} />
        <Bar dataKey="seconds" name="Typical duration" fill={CHART.primary} radius={[0, 3, 3, 0]} barSize={18} />
      </BarChart>
    </ChartFrame>
  );
}

/** The share of each AI step's results you rejected. */
export function RejectRateChart({ steps, days }: { steps: Overview['aiSteps']; days: number }) {
  const data = steps.filter((s) => s.rejectRate !== null).map((s) => ({ name: s.stepName, workflow: s.workflowName, rate: Math.round(s.rejectRate! * 100) }));
  return (
    <ChartFrame title="Reject rate per AI step" summary={rejectSummary(steps)} empty={`No AI results were reviewed in ${periodText(days)}.`} height={Math.max(160, data.length * 44 + 50)}>
      <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={chartMargin}>
        <CartesianGrid horizontal={false} stroke={CHART.grid} />
        <XAxis type="number" domain={[0, 100]} unit="%" tick={tick} label={axisLabel('Results rejected', 'x')} />
        <YAxis type="category" dataKey="name" tick={tick} width={140} tickFormatter={shortLabel()} />
        <Tooltip formatter={(v, _name, item) => [`${String(v)}%`, `Rejected, in ${String((item.payload as { workflow: string }).workflow)}`]} />
        <Bar dataKey="rate" name="Rejected" fill={CHART.danger} radius={[0, 3, 3, 0]} barSize={18} />
      </BarChart>
    </ChartFrame>
  );
}
