import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCost, formatDuration, formatNumber, formatPercent, humanize } from '../../lib/format';
import { axisLabel, chartMargin, shortLabel, tick } from './axes';
import { ChartFrame } from './ChartFrame';
import { StatTiles } from './StatTiles';
import { CHART, periodText, type WorkflowStats } from './types';

export function dropOffSummary(stats: Pick<WorkflowStats, 'dropOff'>, names: Record<string, string>): string | null {
  const reached = stats.dropOff.filter((s) => s.reached > 0);
  if (reached.length === 0) return null;
  const worst = reached.reduce((w, s) => (s.abandoned > w.abandoned ? s : w));
  if (worst.abandoned === 0) return `Every run that reached a step got past it (${formatNumber(reached[0]!.reached)} reached the first).`;
  return `Runs most often stop or wait at ${names[worst.stepId] ?? humanize(worst.stepId)}: ${formatNumber(worst.abandoned)} of ${formatNumber(worst.reached)} that reached it have not got past it.`;
}

/** One workflow's figures: key numbers, then where its runs stop. */
export function WorkflowStatsView({ stats, stepNames }: { stats: WorkflowStats; stepNames: Record<string, string> }) {
  const data = stats.dropOff.map((s) => ({ name: stepNames[s.stepId] ?? humanize(s.stepId), completed: s.completed, abandoned: s.abandoned }));
  return (
    <div className="workflow-stats">
      <StatTiles
        label={`${stats.name} in ${periodText(stats.days)}`}
        tiles={[
          { label: 'Runs', value: formatNumber(stats.runs), hint: stats.inProgress > 0 ? `${formatNumber(stats.inProgress)} not finished` : undefined },
          { label: 'Success rate', value: formatPercent(stats.successRate), hint: `${formatNumber(stats.completed)} completed, ${formatNumber(stats.failed)} failed` },
          { label: 'Typical duration', value: formatDuration(stats.durationMs.p50), hint: stats.durationMs.p95 === null ? undefined : `95% within ${formatDuration(stats.durationMs.p95)}` },
          { label: 'AI cost', value: formatCost(stats.ai.costUsd), hint: `${formatNumber(stats.ai.tokens)} tokens` },
          { label: 'Rating', value: stats.feedback.averageRating === null ? '—' : `${formatNumber(stats.feedback.averageRating)} / 5`, hint: `${formatNumber(stats.feedback.count)} ratings` },
        ]}
      />
      <ChartFrame title="Where runs stop" summary={dropOffSummary(stats, stepNames)} empty={`No run of ${stats.name} in ${periodText(stats.days)}.`} height={Math.max(160, data.length * 44 + 60)}>
        <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={chartMargin}>
          <CartesianGrid horizontal={false} stroke={CHART.grid} />
          <XAxis type="number" allowDecimals={false} tick={tick} label={axisLabel('Runs', 'x')} />
          <YAxis type="category" dataKey="name" tick={tick} width={120} tickFormatter={shortLabel()} />
          <Tooltip />
          <Legend itemSorter={null} verticalAlign="top" height={28} iconType="circle" wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="completed" name="Got past it" stackId="s" fill={CHART.success} barSize={18} />
          <Bar dataKey="abandoned" name="Stopped or waiting here" stackId="s" fill={CHART.danger} barSize={18} radius={[0, 3, 3, 0]} />
        </BarChart>
      </ChartFrame>
    </div>
  );
}
