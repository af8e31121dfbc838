import type { ComponentType } from 'react';
import type { ExecutionView, StepView } from '../lib/types';

/**
 * What a step card can do. Each action resolves when the server accepted it and rejects with the
 * server's error (a TRPCClientError: use errorMessage/fieldErrors from lib/trpc to show it).
 */
export interface StepActions {
  submit(data: Record<string, unknown>): Promise<unknown>;
  accept(): Promise<unknown>;
  reject(feedback: string): Promise<unknown>;
  retry(): Promise<unknown>;
}

export interface StepCardProps {
  run: ExecutionView;
  step: StepView;
  actions: StepActions;
  /** History views: show what happened, offer no buttons. */
  readOnly?: boolean;
}

/** One card per step type; `stepCards` in cards/registry.ts maps every type to its card. */
export type StepCard = ComponentType<StepCardProps>;

/** A generated or saved workflow as the plan card shows it (generate_workflow's output). */
export interface PlanView {
  workflowId: string;
  version?: number;
  name: string;
  description: string;
  steps: Array<{ id: string; name: string; type: string; dependencies: string[] }>;
}

/** analytics.forecast's answer, as much of it as the plan card shows. */
export interface PlanForecast {
  runs: number;
  totals: { workMs: number; waitingForYouMs: number; tokens: number; costUsd: number | null };
}

/** The forecast while it loads, when it could not be had, and once it is there. */
export type PlanForecastState = { status: 'loading' } | { status: 'error' } | { status: 'ready'; forecast: PlanForecast };
