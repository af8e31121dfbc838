import type { WorkflowDefinitionInput } from '../../definition';
import type { RequirementsAnalysis } from './analysis';

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
}

export function summarizeTemplates(templates: readonly ReferenceWorkflow[]): TemplateSummary[] {
  return templates.map((t) => ({
    key: t.key,
    name: t.definition.name,
    category: t.category,
    description: t.definition.description ?? '',
    step_types: [...new Set(t.definition.steps.map((s) => s.type))],
  }));
}

/** Fewer shared words than this and a template is no better than starting from scratch. */
const MIN_KEYWORD_SCORE = 2;

/**
 * The reference for the definition call: the template the analysis named (when it exists),
 * else the one sharing the most words with the goal and intent, else none.
 */
export function chooseReference(
  goal: string,
  analysis: RequirementsAnalysis,
  templates: readonly ReferenceWorkflow[],
): ReferenceWorkflow | null {
  const named = analysis.template_key ? templates.find((t) => t.key === analysis.template_key) : undefined;
  if (named) return named;

  const wanted = words(`${goal} ${analysis.intent}`);
  let best: { template: ReferenceWorkflow; score: number } | null = null;
  for (const template of templates) {
    const d = template.definition;
    const own = words([template.key.replaceAll('-', ' '), d.name, d.description ?? '', template.category, ...d.steps.map((s) => s.name)].join(' '));
    let score = [...wanted].filter((w) => own.has(w)).length;
    if (template.category.toLowerCase() === analysis.category.toLowerCase()) score += 1;
    if (score > (best?.score ?? 0)) best = { template, score };
  }
  return best && best.score >= MIN_KEYWORD_SCORE ? best.template : null;
}

const STOP_WORDS = new Set(
  'a an and are as at be by for from have i if in into is it me my of on or our so than that the then this to up we what when with you your want need help make build create workflow'.split(' '),
);

/** Lower-case words of 3+ letters, crudely singular, without filler. */
export function words(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    const word = raw.length > 4 && raw.endsWith('s') && !raw.endsWith('ss') ? raw.slice(0, -1) : raw;
    if (word.length >= 3 && !STOP_WORDS.has(word)) out.add(word);
  }
  return out;
}
