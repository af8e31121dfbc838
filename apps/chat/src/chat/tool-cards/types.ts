import type { ComponentType } from 'react';
import type { PlanView } from '../../cards/types';
import type { ExecutionView } from '../../lib/types';

/** Every tool the assistant can call; a tool part's type is `tool-<name>`. */
export const TOOL_NAMES = [
  'list_templates',
  'generate_workflow',
  'modify_workflow',
  'start_workflow',
  'get_status',
  'submit_step_input',
  'accept_step',
  'reject_step',
  'pause_workflow',
  'resume_workflow',
  'cancel_workflow',
  'explain_step',
] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

export const isToolName = (name: string): name is ToolName => (TOOL_NAMES as readonly string[]).includes(name);

export interface ToolOutputProps {
  toolCallId: string;
  input: unknown;
  output: unknown;
}

/** How the chat shows one tool: what it says while working, its result, and what an approval means. */
export interface ToolCard {
  working: string;
  Output: ComponentType<ToolOutputProps>;
  /** What will happen if the person approves the call, in plain words. */
  approval: (input: unknown) => string;
}

/** A failure the assistant's tools return instead of a result. */
export interface ToolFailure {
  error: string;
  fieldErrors?: Record<string, string[]>;
}

export interface TemplateItem {
  key: string;
  name: string;
  description: string | null;
  category: string;
  stepCount: number;
}

export interface StepExplanation {
  stepId: string;
  name: string;
  type: string;
  whatItDoes: string;
  status: string;
  why: string;
  dependsOn: string[];
  feedback: string | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const isFailure = (v: unknown): v is ToolFailure => isObject(v) && typeof v.error === 'string';
export const isRunView = (v: unknown): v is ExecutionView =>
  isObject(v) && typeof v.id === 'string' && typeof v.status === 'string' && Array.isArray(v.steps);
export const isPlan = (v: unknown): v is PlanView & { templateKey?: string } =>
  isObject(v) && typeof v.workflowId === 'string' && typeof v.name === 'string' && Array.isArray(v.steps);
export const isTemplateList = (v: unknown): v is { templates: TemplateItem[] } => isObject(v) && Array.isArray(v.templates);
export const isExplanation = (v: unknown): v is StepExplanation => isObject(v) && typeof v.why === 'string' && typeof v.stepId === 'string';

/** The execution id a tool's input names, if any. */
export function executionIdOf(input: unknown): string | null {
  return isObject(input) && typeof input.executionId === 'string' ? input.executionId : null;
}
