import { type ReactElement, useId } from 'react';
import { ResponsiveContainer } from 'recharts';

/**
 * A chart with its title, its key numbers in words (the caption) and an empty state. The picture
 * is hidden from screen readers: the caption says what it shows.
 */
export function ChartFrame({ title, summary, empty, height = 240, children }: {
  title: string;
  /** Null when there is nothing to chart: the empty message shows instead. */
  summary: string | null;
  empty: string;
  height?: number;
  children: ReactElement;
}) {
  const titleId = useId();
  return (
    <figure className="chart" aria-labelledby={titleId}>
      <h3 className="chart-title" id={titleId}>
        {title}
      </h3>
      {summary === null ? (
        <p className="chart-empty">{empty}</p>
      ) : (
        <>
          <figcaption className="chart-summary">{summary}</figcaption>
          <div className="chart-body" aria-hidden="true" style={{ height }}>
            <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height }}>
              {children}
            </ResponsiveContainer>
          </div>
        </>
      )}
    </figure>
  );
}
