import type { RouterOutputs } from '@stepwise/server/client';

export type Trends = RouterOutputs['analytics']['trends'];
export type Overview = RouterOutputs['analytics']['overview'];
export type WorkflowStats = RouterOutputs['analytics']['workflow'];
export type Period = 7 | 30 | 90;

export const PERIODS: Period[] = [7, 30, 90];

/** Colours of the charts: the app's tokens (SVG attributes cannot read CSS variables). */
export const CHART = {
  primary: '#4f46e5',
  primarySoft: '#a5b4fc',
  success: '#0f8a5f',
  danger: '#c2362f',
  muted: '#b6bbcc',
  warning: '#d97706',
  grid: '#e2e5ee',
  text: '#6b7290',
};

const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
/** "2026-03-04" (a UTC day) -> "Mar 4". */
export const formatDay = (day: string) => dayFormat.format(new Date(`${day}T00:00:00Z`));

export const periodText = (days: number) => `the last ${days} days`;
