import type { Operation } from 'fast-json-patch';

/** What the runs of one workflow version did at one step over a window (counts are runs unless said). */
export interface StepRunStats {
  stepId: string;
  /** Runs in which an attempt of the step started. */
  reached: number;
  completed: number;
  /** Runs in which an attempt failed. */
  failed: number;
  skipped: number;
  /** Attempts over all runs (retries, rejects and invalidations start new ones). */
  attempts: number;
  /** AI answers a reviewer rejected. */
  rejected: number;
  /** AI answers that completed (accepted by a reviewer or auto-accepted). */
  accepted: number;
  /** Reviewers' reject feedback, most common first. */
  feedback: { text: string; count: number }[];
  /** Median time from the answer to its approval, for reviewed AI steps. */
  approveMsP50: number | null;
  /** Durations of completed attempts. */
  durationMs: { p50: number | null; p95: number | null };
  /** Runs that stopped at this step: cancelled there or left waiting there too long. */
  abandoned: number;
  /** Error codes of failed attempts, most common first. */
  failureCodes: { code: string; count: number }[];
  /** Decision steps: runs that took each branch id. */
  branches: Record<string, number>;
}

export interface WorkflowRunStats {
  /** The window the runs were started in. */
  days: number;
  /** A run waiting at a step longer than this counts as abandoned there. */
  abandonAfterDays: number;
  runs: { started: number; completed: number; failed: number; cancelled: number; inProgress: number };
  steps: StepRunStats[];
}

export interface LearningThresholds {
  /** Fewer runs of the workflow than this and nothing is reported. */
  minRuns: number;
  /** Fewer samples at a step (answers, runs reaching it) than this and the step is not judged. */
  minStepSamples: number;
  /** Decisions made before a branch that was never taken counts as unused. */
  minDecisions: number;
  rejectRate: number;
  failureRate: number;
  abandonRate: number;
  /** A step is slow when its median is this many times the median of the other automatic steps... */
  slowFactor: number;
  /** ...and at least this long. */
  minSlowMs: number;
}

export const DEFAULT_THRESHOLDS: LearningThresholds = {
  minRuns: 20,
  minStepSamples: 20,
  minDecisions: 100,
  rejectRate: 0.3,
  failureRate: 0.2,
  abandonRate: 0.2,
  slowFactor: 5,
  minSlowMs: 1000,
};

export const PATTERN_KINDS = ['high_reject_rate', 'high_failure_rate', 'slow_step', 'unused_branch', 'abandoned_form'] as const;
export type PatternKind = (typeof PATTERN_KINDS)[number];

export type Evidence = Record<string, number | string | string[] | null>;

/** Something the runs show about one step, in plain words with the numbers behind it. */
export interface LearningPattern {
  kind: PatternKind;
  stepId: string;
  stepName: string;
  why: string;
  evidence: Evidence;
  /** How many observations the pattern rests on (answers, runs or decisions). */
  samples: number;
}

/** A concrete change to the definition that answers a pattern. */
export interface WorkflowImprovement {
  /** Stable across analyses: `${kind}:${stepId}`. */
  id: string;
  kind: PatternKind;
  stepId: string;
  title: string;
  why: string;
  evidence: Evidence;
  /** RFC 6902 operations on the definition; they start with `test` ops so a changed definition is refused. */
  patch: Operation[];
  /** 0..1, growing with the samples behind it. */
  confidence: number;
}

export interface LearningReport {
  patterns: LearningPattern[];
  improvements: WorkflowImprovement[];
}
