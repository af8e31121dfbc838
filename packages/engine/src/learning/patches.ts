import type { Operation } from 'fast-json-patch';
import type { WorkflowDefinition, WorkflowStep } from '../definition';
import type { StepRegistry } from '../registry';
import { referencedPaths } from '../rules';
import { removeUnusedBranches } from './branch-removal';
import type { LearningPattern } from './types';

export interface ProposedChange {
  title: string;
  patch: Operation[];
}

const MAX_TIMEOUT_MS = 3_600_000;
const MAX_RETRY_ATTEMPTS = 10;

/** The change that answers a pattern, or null when no change to the definition would help. */
export function proposeChange(pattern: LearningPattern, def: WorkflowDefinition, registry: StepRegistry): ProposedChange | null {
  const index = def.steps.findIndex((s) => s.id === pattern.stepId);
  const step = def.steps[index];
  if (!step) return null;
  const at = `/steps/${index}`;
  const guard: Operation = { op: 'test', path: `${at}/id`, value: step.id };
  const withGuard = (title: string, ops: Operation[] | null) => (ops && ops.length > 0 ? { title, patch: [guard, ...ops] } : null);
  switch (pattern.kind) {
    case 'high_reject_rate':
      return withGuard(`Tell "${step.name}" what reviewers asked for`, promptGuidance(step, at, pattern.evidence.feedback));
    case 'high_failure_rate':
      return pattern.evidence.topError === 'step_timeout'
        ? withGuard(`Give "${step.name}" more time`, longerTimeout(step, at, numberOr(pattern.evidence.durationP95Ms, 0)))
        : pattern.evidence.topError === 'ai_execution_failed'
          ? withGuard(`Retry "${step.name}" more often`, moreRetries(step, at))
          : null;
    case 'slow_step': {
      // Slow is only a fault when runs come close to the time limit; otherwise there is nothing to change.
      const p95 = numberOr(pattern.evidence.p95Ms, 0);
      return step.timeout_ms !== undefined && p95 >= step.timeout_ms / 2 ? withGuard(`Give "${step.name}" more time`, longerTimeout(step, at, p95)) : null;
    }
    case 'unused_branch': {
      const unused = pattern.evidence.unusedBranches;
      return withGuard(`Remove the unused paths of "${step.name}"`, removeUnusedBranches(def, index, Array.isArray(unused) ? unused : []));
    }
    case 'abandoned_form':
      return withGuard(`Shorten "${step.name}": make fields nobody else reads optional`, relaxForm(def, step, at, registry));
    default: {
      const never: never = pattern.kind;
      throw new Error(`unknown pattern kind ${String(never)}`);
    }
  }
}

/** The reviewers' most common feedback, appended to the prompt (placeholders stripped so it stays valid). */
function promptGuidance(step: WorkflowStep, at: string, feedback: unknown): Operation[] | null {
  const notes = (Array.isArray(feedback) ? feedback : []).map((f) => String(f).replace(/[{}]/g, '').trim().slice(0, 300)).filter(Boolean);
  if (notes.length === 0 || !step.ai_prompt) return null;
  const guidance = `\n\nReviewers rejected earlier answers; make sure to:\n${notes.map((n) => `- ${n}`).join('\n')}`;
  return [{ op: 'replace', path: `${at}/ai_prompt`, value: (step.ai_prompt + guidance).slice(0, 20_000) }];
}

function longerTimeout(step: WorkflowStep, at: string, p95: number): Operation[] | null {
  const current = step.timeout_ms ?? 0;
  const next = Math.min(MAX_TIMEOUT_MS, Math.ceil(Math.max(current * 2, p95 * 2) / 1000) * 1000);
  return next > current ? [{ op: 'add', path: `${at}/timeout_ms`, value: next }] : null;
}

function moreRetries(step: WorkflowStep, at: string): Operation[] | null {
  const current = step.retry?.max_attempts ?? 1;
  if (current >= MAX_RETRY_ATTEMPTS) return null;
  const retry = { initial_backoff_ms: 200, max_backoff_ms: 5_000, ...step.retry, max_attempts: Math.min(MAX_RETRY_ATTEMPTS, current + 2) };
  return [{ op: 'add', path: `${at}/retry`, value: retry }];
}

/** Required fields that no other step reads and no rule of the form uses become optional. */
function relaxForm(def: WorkflowDefinition, step: WorkflowStep, at: string, registry: StepRegistry): Operation[] | null {
  const schema = step.config.schema as { required?: unknown } | undefined;
  const schemaRequired = Array.isArray(schema?.required) ? (schema.required as string[]) : [];
  const ruleFields = step.validation_rules?.fields ?? [];
  const required = new Set([...schemaRequired, ...ruleFields.filter((f) => f.required).map((f) => f.field)]);
  const read = fieldsReadElsewhere(def, step, registry);
  const optional = [...required].filter((f) => !read.has(f));
  if (optional.length === 0) return null;
  const ops: Operation[] = [];
  if (schemaRequired.some((f) => optional.includes(f))) {
    ops.push({ op: 'replace', path: `${at}/config/schema/required`, value: schemaRequired.filter((f) => !optional.includes(f)) });
  }
  ruleFields.forEach((f, k) => {
    if (f.required && optional.includes(f.field)) ops.push({ op: 'replace', path: `${at}/validation_rules/fields/${k}/required`, value: false });
  });
  return ops;
}

function fieldsReadElsewhere(def: WorkflowDefinition, form: WorkflowStep, registry: StepRegistry): Set<string> {
  const read = new Set<string>();
  const own = [...(form.validation_rules?.rules ?? []).flatMap((r) => referencedPaths(r.cel))];
  for (const path of own) read.add(path.split('.')[0] ?? '');
  for (const step of def.steps) {
    if (step.id === form.id) continue;
    const executor = registry.get(step.type);
    const config = executor?.configSchema.safeParse(step.config);
    if (!executor || !config?.success) continue;
    for (const path of executor.requiredInputs(step, config.data)) {
      const [root, field] = path.split('.');
      if (root !== form.id) continue;
      // Reading the whole step output reads every field.
      if (field === undefined) return new Set(Object.keys((form.config.schema as { properties?: object })?.properties ?? {}));
      read.add(field);
    }
  }
  return read;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
