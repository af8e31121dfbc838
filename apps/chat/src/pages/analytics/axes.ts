import { CHART } from './types';

/** Shared axis and grid styling, so every chart reads alike. */
export const tick = { fontSize: 12, fill: CHART.text };
export const axisLabel = (value: string, axis: 'x' | 'y', side: 'left' | 'right' = 'left') =>
  axis === 'x'
    ? { value, position: 'insideBottom' as const, offset: -4, fontSize: 12, fill: CHART.text }
    : { value, angle: side === 'left' ? -90 : 90, position: side === 'left' ? ('insideLeft' as const) : ('insideRight' as const), fontSize: 12, fill: CHART.text, style: { textAnchor: 'middle' as const } };
export const chartMargin = { top: 8, right: 12, bottom: 18, left: 4 };

/** Category labels cut to fit a phone's width; the tooltip and the caption carry the full name. */
export const shortLabel = (max = 22) => (value: string) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);
