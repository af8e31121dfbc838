import { keepPreviousData } from '@tanstack/react-query';
import { trpc } from '../../lib/trpc';
import type { Period } from './types';

/** The caller's figures over the period: daily runs and the overview. */
export function useAnalytics(days: Period) {
  const trends = trpc.analytics.trends.useQuery({ days }, { placeholderData: keepPreviousData });
  const overview = trpc.analytics.overview.useQuery({ days }, { placeholderData: keepPreviousData });
  return { trends, overview };
}

/** The workflows to pick from, and the chosen one's figures and step names. */
export function useWorkflowAnalytics(workflowId: string, days: Period) {
  const workflows = trpc.workflows.list.useQuery({ limit: 100 });
  const stats = trpc.analytics.workflow.useQuery({ workflowId, days }, { enabled: workflowId !== '', placeholderData: keepPreviousData });
  const definition = trpc.workflows.get.useQuery({ id: workflowId }, { enabled: workflowId !== '', staleTime: 60_000 });
  const stepNames = Object.fromEntries((definition.data?.definition.steps ?? []).map((s) => [s.id, s.name]));
  return { workflows, stats, stepNames };
}
