import jsonPatch from 'fast-json-patch';
import type { WorkflowDefinition } from '../definition';
import { ConflictError, DefinitionError } from '../errors';
import type { StepRegistry } from '../registry';
import { validateDefinition } from '../validate-definition';
import { proposeChange } from './patches';
import { detectPatterns } from './patterns';
import {
  DEFAULT_THRESHOLDS,
  type LearningReport,
  type LearningThresholds,
  type WorkflowImprovement,
  type WorkflowRunStats,
} from './types';

export interface WorkflowLearningEngineOptions {
  registry: StepRegistry;
  thresholds?: Partial<LearningThresholds>;
}

/**
 * Reads what the runs of a workflow did (per-step stats gathered elsewhere) and turns it into
 * patterns and definition patches. Pure: the caller gathers the stats and stores the results.
 */
export class WorkflowLearningEngine {
  private readonly registry: StepRegistry;
  readonly thresholds: LearningThresholds;

  constructor(options: WorkflowLearningEngineOptions) {
    this.registry = options.registry;
    this.thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  }

  /** Patterns in the stats, and an improvement for each one a valid change of `def` can answer. */
  recommend(def: WorkflowDefinition, stats: WorkflowRunStats): LearningReport {
    const patterns = detectPatterns(def, stats, this.registry, this.thresholds);
    const improvements: WorkflowImprovement[] = [];
    for (const pattern of patterns) {
      const change = proposeChange(pattern, def, this.registry);
      if (!change) continue;
      const improvement: WorkflowImprovement = {
        id: `${pattern.kind}:${pattern.stepId}`,
        kind: pattern.kind,
        stepId: pattern.stepId,
        title: change.title,
        why: pattern.why,
        evidence: pattern.evidence,
        patch: change.patch,
        confidence: confidenceOf(pattern.samples, this.thresholds.minStepSamples),
      };
      // A change that would leave the workflow invalid is no recommendation at all.
      if (this.tryApply(def, [improvement])) improvements.push(improvement);
    }
    return { patterns, improvements };
  }

  /**
   * `def` with the improvements' patches applied (changes inside steps first, removals of steps
   * last, so step indexes stay right), validated. ConflictError when a patch no longer fits;
   * DefinitionError when the result is not a valid workflow.
   */
  apply(def: WorkflowDefinition, improvements: readonly WorkflowImprovement[]): WorkflowDefinition {
    const ordered = [...improvements].sort((a, b) => Number(a.kind === 'unused_branch') - Number(b.kind === 'unused_branch'));
    let doc: unknown = def;
    for (const improvement of ordered) {
      try {
        doc = jsonPatch.applyPatch(doc, improvement.patch, true, false).newDocument;
      } catch (error) {
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw new ConflictError(
          `The recommendation "${improvement.title}" no longer fits this workflow (${reason}); ask for fresh recommendations, or apply it on its own`,
          { improvementId: improvement.id },
        );
      }
    }
    return validateDefinition(doc, this.registry);
  }

  private tryApply(def: WorkflowDefinition, improvements: readonly WorkflowImprovement[]): boolean {
    try {
      this.apply(def, improvements);
      return true;
    } catch (error) {
      if (error instanceof DefinitionError || error instanceof ConflictError) return false;
      throw error;
    }
  }
}

/** Grows with the samples behind a finding: half at the minimum, 0.91 at ten times it. */
export function confidenceOf(samples: number, minSamples: number): number {
  return Math.round((samples / (samples + Math.max(1, minSamples))) * 100) / 100;
}
