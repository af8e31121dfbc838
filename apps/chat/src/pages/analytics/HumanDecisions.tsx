import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { RouterOutputs } from '@stepwise/server/client';
import { ErrorNote, Progress } from '../../cards/pieces';
import { formatDuration, formatNumber, formatPercent } from '../../lib/format';
import { errorMessage, trpc } from '../../lib/trpc';
import { axisLabel, chartMargin, shortLabel, tick } from './axes';
import { ChartFrame } from './ChartFrame';
import { CHART, type Period, periodText } from './types';

export type Decisions = RouterOutputs['analytics']['humanDecisions'];

const percentOf = (part: number, whole: number) => `${formatNumber(part)} of ${formatNumber(whole)} (${formatPercent(whole === 0 ? null : part / whole)})`;

/** The key numbers in a sentence: the chart's caption. Null when nobody reviewed an answer or reached a form. */
export function decisionsSummary(d: Pick<Decisions, 'review' | 'forms'>): string | null {
  const reviewed = d.review.filter((s) => s.reviews > 0);
  const reached = d.forms.filter((f) => f.reached > 0);
  if (reviewed.length === 0 && reached.length === 0) return null;
  const parts: string[] = [];
  if (reviewed.length > 0) {
    const worst = reviewed.reduce((w, s) => (s.rejectRate! > w.rejectRate! ? s : w));
    const rejected = reviewed.reduce((n, s) => n + s.rejected, 0);
    const reviews = reviewed.reduce((n, s) => n + s.reviews, 0);
    parts.push(`People rejected ${percentOf(rejected, reviews)} AI answers; most often at ${worst.name} (${formatPercent(worst.rejectRate)}).`);
    if (worst.approveMs.p50 !== null) parts.push(`An accepted answer there waited typically ${formatDuration(worst.approveMs.p50)} for approval.`);
  }
  if (reached.length > 0) {
    const worst = reached.reduce((w, f) => (f.abandonmentRate! > w.abandonmentRate! ? f : w));
    parts.push(
      worst.abandoned === 0
        ? 'No run was abandoned at a form.'
        : `Most abandoned form: ${worst.name}, left by ${percentOf(worst.abandoned, worst.reached)} runs that reached it.`,
    );
  }
  return parts.join(' ');
}

/** "People's decisions": how reviews and forms went at each step of one workflow. */
export function HumanDecisions({ workflowId, days }: { workflowId: string; days: Period }) {
  const query = trpc.analytics.humanDecisions.useQuery({ workflowId, days });
  const titleId = useId();
  return (
    <section className="lib-section" aria-labelledby={titleId}>
      <h2 id={titleId}>People&apos;s decisions</h2>
      {query.error ? (
        <ErrorNote title="People's decisions could not be loaded">{errorMessage(query.error)}</ErrorNote>
      ) : !query.data ? (
        <Progress label="Adding up reviews and forms…" />
      ) : (
        <DecisionsView decisions={query.data} />
      )}
    </section>
  );
}

export function DecisionsView({ decisions: d }: { decisions: Decisions }) {
  const rows = [
    ...d.review.filter((s) => s.rejectRate !== null).map((s) => ({ name: s.name, rejected: Math.round(s.rejectRate! * 100) })),
    ...d.forms.filter((f) => f.abandonmentRate !== null).map((f) => ({ name: f.name, abandoned: Math.round(f.abandonmentRate! * 100) })),
  ];
  return (
    <>
      <StepTable
        caption="AI answers people review"
        headers={['Reviews', 'Time to approve (typical / 90%)', 'Reject rate', 'Attempts per run (average / most)']}
        rows={d.review.map((s) => [
          s.stepId,
          s.name,
          formatNumber(s.reviews),
          `${formatDuration(s.approveMs.p50)} / ${formatDuration(s.approveMs.p90)}`,
          formatPercent(s.rejectRate),
          s.attemptsPerRun.average === null ? '—' : `${formatNumber(s.attemptsPerRun.average)} / ${formatNumber(s.attemptsPerRun.max ?? 0)}`,
        ])}
      />
      <StepTable
        caption={`Forms (abandoned: cancelled there, or left waiting over ${d.abandonAfterDays} days)`}
        headers={['Reached', 'Completed', 'Abandoned', 'Typical time to fill']}
        rows={d.forms.map((f) => [
          f.stepId,
          f.name,
          formatNumber(f.reached),
          formatNumber(f.completed),
          `${formatNumber(f.abandoned)} (${formatPercent(f.abandonmentRate)})`,
          formatDuration(f.fillMsP50),
        ])}
      />
      <ChartFrame
        title="Rejected answers and abandoned forms"
        summary={decisionsSummary(d)}
        empty={`Nobody reviewed an AI answer or filled in a form of this workflow in ${periodText(d.days)}.`}
        height={Math.max(140, rows.length * 40 + 60)}
      >
        <BarChart accessibilityLayer={false} data={rows} layout="vertical" margin={chartMargin}>
          <CartesianGrid horizontal={false} stroke={CHART.grid} />
          <XAxis type="number" domain={[0, 100]} unit="%" tick={tick} label={axisLabel('Share', 'x')} />
          <YAxis type="category" dataKey="name" tick={tick} width={140} tickFormatter={shortLabel()} />
          <Tooltip formatter={(v) => `${String(v)}%`} />
          <Legend itemSorter={null} verticalAlign="top" height={28} iconType="circle" wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="rejected" name="AI answers rejected" stackId="share" fill={CHART.danger} radius={[0, 3, 3, 0]} barSize={16} />
          <Bar dataKey="abandoned" name="Forms abandoned" stackId="share" fill={CHART.warning} radius={[0, 3, 3, 0]} barSize={16} />
        </BarChart>
      </ChartFrame>
    </>
  );
}

/** One row per step: [step id, step name, ...figures]; nothing when the workflow has no such step. */
function StepTable({ caption, headers, rows }: { caption: string; headers: string[]; rows: string[][] }) {
  if (rows.length === 0) return null;
  return (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {['Step', ...headers].map((h) => (
            <th scope="col" key={h}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([id, name, ...figures]) => (
          <tr key={id}>
            <th scope="row">{name}</th>
            {figures.map((f, i) => (
              <td key={headers[i]}>{f}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
