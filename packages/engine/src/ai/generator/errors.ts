import { EngineError } from '../../errors';
import type { GenerationIssue } from './prompts';

export interface FailedAttempt {
  attempt: number;
  /** Which model call the attempt failed at. */
  stage: 'analysis' | 'definition';
  errors: GenerationIssue[];
}

/** Every attempt produced an unusable or invalid workflow; nothing was returned or saved. */
export class WorkflowGenerationError extends EngineError {
  readonly code = 'generation_failed';
  constructor(readonly attempts: FailedAttempt[]) {
    super(describe(attempts), { attempts });
  }
}

const SHOWN_ISSUES = 5;

function describe(attempts: readonly FailedAttempt[]): string {
  const last = attempts.at(-1);
  const tries = `${attempts.length} attempt${attempts.length === 1 ? '' : 's'}`;
  if (!last) return `Could not generate a workflow in ${tries}.`;
  const shown = last.errors.slice(0, SHOWN_ISSUES).map((e) => `${e.path}: ${e.message}`);
  const more = last.errors.length > SHOWN_ISSUES ? ` (and ${last.errors.length - SHOWN_ISSUES} more)` : '';
  const what = last.stage === 'analysis' ? 'the analysis of the goal could not be used' : 'the workflow it wrote was invalid';
  return (
    `Could not generate a valid workflow in ${tries}; on the last one ${what}: ${shown.join('; ')}${more}. ` +
    'Try describing the goal in more detail, starting from a template, or a more capable model.'
  );
}
