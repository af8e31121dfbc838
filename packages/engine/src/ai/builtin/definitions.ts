import { createDefaultRegistry } from '../../default-registry';
import type { WorkflowDefinitionInput } from '../../definition';
import { DefinitionError } from '../../errors';
import { validateDefinition } from '../../validate-definition';
import { composeDefinition } from './compose';
import { type GoalAnalysis, parseGoal } from './goal-parser';
import { type IssueLike, repairDefinition } from './repair';

/** A template as the generator lists it in `analyze_requirements`. */
export interface TemplateSummaryLike {
  key: string;
  name: string;
  category: string;
  description?: string;
  step_types?: string[];
}

export interface AnalyzeRequirementsTask {
  task: 'analyze_requirements';
  goal: string;
  categories?: string[];
  templates?: TemplateSummaryLike[];
}

export interface GenerateDefinitionTask {
  task: 'generate_definition';
  goal: string;
  analysis?: Partial<GoalAnalysis> | null;
  step_library?: { type: string }[];
  reference_template?: unknown;
  rules?: string[];
  previous_attempt?: unknown;
  errors?: IssueLike[];
}

/** Goals that a built-in template already answers, by template key. */
const TEMPLATE_HINTS: Record<string, RegExp> = {
  'monthly-budget-review': /budget review|review (of )?(my |our )?(monthly )?budget|monthly budget/,
  'retirement-plan': /retirement plan|plan (for )?(my |our )?retirement|retirement planning/,
  'portfolio-rebalancing': /rebalanc/,
  'investor-onboarding': /onboard|new (client|investor)|know your (client|customer)|\bkyc\b/,
  'stock-research-checklist': /research (a |the |this )?(stock|company|ticker|share)|due diligence|stock research/,
  'tax-loss-harvesting-review': /tax[- ]loss|harvest(ing)? (my )?loss/,
};

const CATEGORY_BY_FORMULA: Record<string, string> = {
  monthly_surplus: 'Budgeting',
  emergency_fund: 'Budgeting',
  retirement_gap: 'Retirement',
  compound_growth: 'Planning',
  allocation_drift: 'Portfolio',
  risk_score: 'Onboarding',
  tax_loss_harvest: 'Tax',
};

export function analyzeRequirements(task: AnalyzeRequirementsTask): GoalAnalysis {
  const goal = String(task.goal ?? '');
  const parsed = parseGoal(goal);
  const text = goal.toLowerCase();
  const templates = task.templates ?? [];
  const hinted = templates.find((t) => TEMPLATE_HINTS[t.key]?.test(text));
  // A template fits a general goal; a goal naming its own fields or conditions gets its own workflow.
  const template = parsed.specific ? undefined : hinted;
  const categories = task.categories ?? [];
  const wanted = template?.category ?? CATEGORY_BY_FORMULA[parsed.calculations[0]?.formula ?? ''] ?? (/stock|ticker|research/.test(text) ? 'Research' : 'Planning');
  const category = categories.length === 0 || categories.includes(wanted) ? wanted : (categories.find((c) => c.toLowerCase() === wanted.toLowerCase()) ?? categories[0]!);
  return {
    intent: parsed.intent,
    category,
    template_key: template?.key ?? null,
    data_to_collect: parsed.data_to_collect,
    calculations: parsed.calculations,
    decisions: parsed.decisions,
    ai_analyses: parsed.ai_analyses,
    validations: parsed.validations,
  };
}

/**
 * Answers `generate_definition`: repairs the previous attempt when errors are given, adapts the
 * reference template when the analysis chose it, else composes from the analysis. Every answer is
 * checked with the default step types; a repair that still fails falls back to composing.
 */
export function generateDefinition(task: GenerateDefinitionTask): WorkflowDefinitionInput | Record<string, unknown> {
  const goal = String(task.goal ?? '');
  const analysis = completeAnalysis(task.analysis, goal);
  const types = new Set((task.step_library ?? []).map((s) => s.type).filter((t) => typeof t === 'string'));
  const composed = () => composeDefinition(goal, analysis, types);

  if (task.previous_attempt && (task.errors?.length ?? 0) > 0) {
    const repaired = repairDefinition(task.previous_attempt, task.errors ?? [], types);
    if (repaired && isValid(repaired)) return repaired;
    return composed();
  }
  const reference = templateDefinition(task.reference_template);
  if (reference && analysis.template_key) {
    const adapted = adaptTemplate(reference, goal);
    if (isValid(adapted)) return adapted;
  }
  return composed();
}

function completeAnalysis(given: Partial<GoalAnalysis> | null | undefined, goal: string): GoalAnalysis {
  const fallback = analyzeRequirements({ task: 'analyze_requirements', goal });
  if (!given || typeof given !== 'object') return fallback;
  const list = <T>(v: T[] | undefined, d: T[]): T[] => (Array.isArray(v) ? v : d);
  return {
    intent: typeof given.intent === 'string' && given.intent ? given.intent : fallback.intent,
    category: typeof given.category === 'string' && given.category ? given.category : fallback.category,
    template_key: typeof given.template_key === 'string' ? given.template_key : null,
    data_to_collect: list(given.data_to_collect, fallback.data_to_collect),
    calculations: list(given.calculations, fallback.calculations),
    decisions: list(given.decisions, fallback.decisions),
    ai_analyses: list(given.ai_analyses, fallback.ai_analyses),
    validations: list(given.validations, fallback.validations),
  };
}

/** The reference may come as a definition or as `{ key, category, definition }`. */
function templateDefinition(reference: unknown): WorkflowDefinitionInput | null {
  if (!reference || typeof reference !== 'object') return null;
  const r = reference as Record<string, unknown>;
  const def = (Array.isArray(r.steps) ? r : r.definition) as WorkflowDefinitionInput | undefined;
  return def && Array.isArray(def.steps) ? def : null;
}

function adaptTemplate(reference: WorkflowDefinitionInput, goal: string): WorkflowDefinitionInput {
  const copy = structuredClone(reference);
  const note = goal.trim() ? `\n\nAdapted for: ${goal.trim()}` : '';
  return { ...copy, description: `${copy.description ?? ''}${note}`.slice(0, 10_000), created_by: 'builtin-model' };
}

const registry = createDefaultRegistry();

function isValid(definition: unknown): boolean {
  try {
    validateDefinition(definition, registry);
    return true;
  } catch (error) {
    if (error instanceof DefinitionError) return false;
    throw error;
  }
}
