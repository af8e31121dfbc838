import type { WorkflowDefinitionInput } from '../../definition';
import type { RequirementsAnalysis } from './analysis';
import { measuredOutcome, outcomeBonus, type TemplateOutcomes } from './outcomes';

/** A known-good workflow the generator may start from: a built-in template or a past success. */
export interface ReferenceWorkflow {
  key: string;
  category: string;
  definition: WorkflowDefinitionInput;
}

export interface TemplateSummary {
  key: string;
  name: string;
  category: string;
  description: string;
  step_types: string[];
  /** Share of finished runs of workflows built from it that completed, when enough were measured. */
  success_rate?: number;
  runs?: number;
}

export function summarizeTemplates(templates: readonly ReferenceWorkflow[], outcomes?: TemplateOutcomes): TemplateSummary[] {
  return templates.map((t) => {
    const outcome = measuredOutcome(outcomes, t.key);
    return {
      key: t.key,
      name: t.definition.name,
      category: t.category,
      description: t.definition.description ?? '',
      step_types: [...new Set(t.definition.steps.map((s) => s.type))],
      ...(outcome ? { success_rate: Math.round(outcome.successRate * 100) / 100, runs: outcome.runs } : {}),
    };
  });
}

/** Fewer shared words than this and a template is no better than starting from scratch. */
const MIN_KEYWORD_SCORE = 2;

/**
 * The reference for the definition call: the template the analysis named (when it exists),
 * else among those sharing enough words with the goal and intent the one scoring best, where
 * measured outcomes add or take off up to two words' worth; else none.
 */
export function chooseReference(
  goal: string,
  analysis: RequirementsAnalysis,
  templates: readonly ReferenceWorkflow[],
  outcomes?: TemplateOutcomes,
): ReferenceWorkflow | null {
  const named = analysis.template_key ? templates.find((t) => t.key === analysis.template_key) : undefined;
  if (named) return named;

  const wanted = words(`${goal} ${analysis.intent}`);
  let best: { template: ReferenceWorkflow; rank: number } | null = null;
  for (const template of templates) {
    const d = template.definition;
    const own = words([template.key.replaceAll('-', ' '), d.name, d.description ?? '', template.category, ...d.steps.map((s) => s.name)].join(' '));
    let score = [...wanted].filter((w) => own.has(w)).length;
    if (template.category.toLowerCase() === analysis.category.toLowerCase()) score += 1;
    // Outcomes only choose among templates that fit; they never make an unrelated one fit.
    if (score < MIN_KEYWORD_SCORE) continue;
    const rank = score + outcomeBonus(outcomes, template.key);
    if (rank > (best?.rank ?? -Infinity)) best = { template, rank };
  }
  return best?.template ?? null;
}

const STOP_WORDS = new Set(
  'a an and are as at be by for from have i if in into is it me my of on or our so than that the then this to up we what when with you your want need help make build create workflow'.split(' '),
);

/** Lower-case words of 3+ letters, crudely singular, without filler. */
function words(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    const word = raw.length > 4 && raw.endsWith('s') && !raw.endsWith('ss') ? raw.slice(0, -1) : raw;
    if (word.length >= 3 && !STOP_WORDS.has(word)) out.add(word);
  }
  return out;
}
