/** How the runs of workflows built from one template (or structure) turned out. */
export interface TemplateOutcome {
  /** Finished runs measured. */
  runs: number;
  /** completed / finished, 0..1. */
  successRate: number;
}

/** Outcomes by template key; templates missing here are simply unmeasured. */
export type TemplateOutcomes = Readonly<Record<string, TemplateOutcome>>;

/** Fewer finished runs than this say nothing about a template. */
export const MIN_OUTCOME_RUNS = 10;
/** Outcomes weigh like this many shared words: all runs succeeding vs none is worth twice this. */
const OUTCOME_WEIGHT = 2;

/** The outcome of a template when enough runs back it, else undefined. */
export function measuredOutcome(outcomes: TemplateOutcomes | undefined, key: string): TemplateOutcome | undefined {
  const outcome = outcomes?.[key];
  return outcome && outcome.runs >= MIN_OUTCOME_RUNS ? outcome : undefined;
}

/** A score bonus in [-OUTCOME_WEIGHT, OUTCOME_WEIGHT]: above half its runs succeeding a template gains, below it loses. */
export function outcomeBonus(outcomes: TemplateOutcomes | undefined, key: string): number {
  const outcome = measuredOutcome(outcomes, key);
  return outcome ? OUTCOME_WEIGHT * (outcome.successRate - 0.5) * 2 : 0;
}
