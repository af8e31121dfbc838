import type { WorkflowDefinitionInput } from '../../definition';
import { FORMULAS, formulaParams } from '../../formulas';
import { type ActionKind, celRoots, FORM_STEP_ID, parseAction, parseCondition } from './conditions';
import { formSchema, snake } from './fields';
import { fieldFor, type GoalAnalysis, type GoalField, hasField } from './goal-parser';
import { EXPENSE_WORDS, FIELD_BY_NAME, FORMULA_USE } from './lexicon';

type Step = WorkflowDefinitionInput['steps'][number];

const ADVICE_SCHEMA = {
  type: 'object',
  properties: {
    summary: { type: 'string', minLength: 1, maxLength: 2000 },
    recommendations: { type: 'array', minItems: 1, maxItems: 5, items: { type: 'string', minLength: 1, maxLength: 500 } },
  },
  required: ['summary', 'recommendations'],
  additionalProperties: false,
};

/**
 * Builds a definition from an analysis: one form for every value, a calculation per formula wired
 * to the form, validation when checks are asked for, a decision per condition with the step each
 * branch leads to, and AI steps for the analyses asked for. `types` limits the step types used.
 */
export function composeDefinition(goal: string, analysis: GoalAnalysis, types: ReadonlySet<string>): WorkflowDefinitionInput {
  const can = (t: string) => types.size === 0 || types.has(t);
  const fields = new Map<string, GoalField>(analysis.data_to_collect.filter((f) => /^[a-z][a-z0-9_]{0,62}$/.test(f.name)).map((f) => [f.name, f]));
  const needField = (name: string) => {
    const def = FIELD_BY_NAME.get(name);
    if (!fields.has(name)) fields.set(name, def ? { name, label: def.label, type: def.type } : { name, label: name.replaceAll('_', ' '), type: 'number' });
  };

  const conditions = analysis.decisions.map((d) => ({ words: d.condition_in_words, cel: usableCel(d.cel), parsed: parseCondition(d.condition_in_words) }));
  const formulas = new Set(can('calculation') ? analysis.calculations.map((c) => c.formula).filter((f) => FORMULAS[f] && FORMULA_USE.has(f)) : []);
  if (can('calculation')) for (const c of conditions) if (c.parsed?.formula && !c.cel) formulas.add(c.parsed.formula);
  for (const formula of formulas) for (const need of FORMULA_USE.get(formula)!.needs) if (!hasField(need, fields)) needField(need);
  if (fields.size === 0) needField('notes');

  const steps: Step[] = [];
  const form: Step = {
    id: FORM_STEP_ID,
    name: 'Your details',
    type: 'data_collection',
    description: 'The values this workflow needs.',
    config: { schema: formSchema([...fields.values()]), submit_label: 'Continue' },
    validation_rules: formRules(fields),
  };
  steps.push(form);
  let after = [FORM_STEP_ID];

  const checks = can('validation') ? analysis.validations.map((v) => validationRule(v.rule_in_words, fields)).filter((r) => r !== null) : [];
  if (checks.length > 0) {
    steps.push({
      id: 'checks',
      name: 'Check the values',
      type: 'validation',
      description: analysis.validations.map((v) => v.rule_in_words).join('; ').slice(0, 4000),
      dependencies: [FORM_STEP_ID],
      config: { fields: checks.flatMap((c) => c.fields), rules: checks.flatMap((c) => c.rules), on_failure: 'fail' },
    });
    after = ['checks'];
  }

  const calcIds: string[] = [];
  for (const formula of formulas) {
    const use = FORMULA_USE.get(formula)!;
    steps.push({
      id: use.stepId,
      name: use.name,
      type: 'calculation',
      description: analysis.calculations.find((c) => c.formula === formula)?.why ?? use.why,
      dependencies: [...after],
      config: { formula, inputs: wireInputs(formula, fields) },
    });
    calcIds.push(use.stepId);
  }

  const known = new Set(steps.map((s) => s.id));
  const decisionIds: string[] = [];
  if (can('decision')) {
    conditions.forEach((c, i) => {
      const cel = c.cel && celRoots(c.cel).every((r) => known.has(r)) ? c.cel : c.parsed && celRoots(c.parsed.cel).every((r) => known.has(r)) ? c.parsed.cel : null;
      if (!cel) return;
      const id = i === 0 ? 'decide' : `decide_${i + 1}`;
      const action = c.parsed?.action ?? parseAction(c.words.toLowerCase()) ?? 'warning';
      const label = c.parsed?.words ?? c.words;
      const target = actionStep(`${id}_${action}`, action, label, id, can);
      const otherwise = c.parsed?.otherwise ? actionStep(`${id}_otherwise`, c.parsed.otherwise, `not ${label}`, id, can) : null;
      steps.push({
        id,
        name: `${capitalize(label).slice(0, 190)}?`,
        type: 'decision',
        description: c.words.slice(0, 4000),
        dependencies: [...new Set([...(calcIds.length > 0 ? calcIds : after), ...celRoots(cel).filter((r) => known.has(r) && r !== FORM_STEP_ID)])],
        config: {
          branches: [{ id: action === 'warning' ? 'warn' : action, label: capitalize(label).slice(0, 200), condition: cel, next: target ? [target.id] : [] }],
          default: { id: 'otherwise', label: 'Otherwise', next: otherwise ? [otherwise.id] : [] },
        },
      });
      for (const t of [target, otherwise]) if (t) steps.push(t);
      decisionIds.push(id);
    });
  }

  if (can('ai_generated')) {
    analysis.ai_analyses.slice(0, 3).forEach((a, i) => {
      const deps = decisionIds.length > 0 ? [...calcIds, ...decisionIds] : calcIds.length > 0 ? calcIds : [...after];
      steps.push({
        id: i === 0 ? 'advice' : `advice_${i + 1}`,
        name: capitalize(a.purpose).slice(0, 200) || 'Advice',
        type: 'ai_generated',
        description: a.purpose.slice(0, 4000),
        dependencies: [...new Set(deps)],
        ai_prompt: aiPrompt(goal, a.purpose, fields, calcIds),
        config: { output_schema: ADVICE_SCHEMA },
      });
    });
  }

  const used = new Set(steps.flatMap((s) => s.dependencies ?? []));
  const name = titleFor(goal);
  return {
    id: snake(name, 60).replaceAll('_', '-'),
    name,
    description: analysis.intent.slice(0, 10_000),
    category: analysis.category || 'Planning',
    steps,
    entry_points: steps.filter((s) => (s.dependencies ?? []).length === 0).map((s) => s.id),
    exit_points: steps.filter((s) => !used.has(s.id)).map((s) => s.id),
    created_by: 'builtin-model',
  };

  function actionStep(id: string, action: ActionKind, label: string, decision: string, allowed: (t: string) => boolean): Step | null {
    if (action === 'advice' && allowed('ai_generated')) {
      return {
        id,
        name: `Advice: ${label}`.slice(0, 200),
        type: 'ai_generated',
        description: `What to do when ${label}.`,
        dependencies: [decision],
        ai_prompt: aiPrompt(goal, `The condition "${label}" is true: advise what to do about it.`, fields, calcIds),
        config: { output_schema: ADVICE_SCHEMA },
      };
    }
    if (!allowed('data_collection')) return null;
    const confirm = action === 'confirm';
    return {
      id,
      name: confirm ? `Confirm: ${label}`.slice(0, 200) : `Warning: ${label}`.slice(0, 200),
      type: 'data_collection',
      description: confirm ? `Confirm how to proceed now that ${label}.` : `Warning: ${label}. Read it and confirm you have seen it.`,
      dependencies: [decision],
      config: {
        schema: {
          type: 'object',
          title: confirm ? 'Please confirm' : `Warning: ${label}`,
          properties: { acknowledged: { type: 'boolean', title: confirm ? 'I confirm' : 'I have read this warning' } },
          required: ['acknowledged'],
          additionalProperties: false,
        },
        submit_label: confirm ? 'Confirm' : 'OK',
      },
    };
  }
}

function expenseFields(fields: Map<string, GoalField>): string[] {
  return [...fields.keys()].filter((n) => EXPENSE_WORDS.test(n));
}

function usableCel(cel: string | null | undefined): string | null {
  return cel && cel.trim() ? cel.trim() : null;
}

/** Each formula param as CEL over the form: `details.income`; holdings and targets as maps. */
function wireInputs(formula: string, fields: Map<string, GoalField>): Record<string, string> {
  const ref = (name: string) => `${FORM_STEP_ID}.${name}`;
  if (formula === 'allocation_drift') {
    const assets = ['stocks', 'bonds', 'cash'].filter((a) => fields.has(`${a}_value`) || fields.has(`${a}_target_pct`));
    const map = (suffix: string) => `{${assets.map((a) => (fields.has(`${a}${suffix}`) ? `"${a}": ${ref(`${a}${suffix}`)}` : `"${a}": 0.0`)).join(', ')}}`;
    return { holdings: map('_value'), targets: map('_target_pct'), ...(fields.has('drift_threshold_pct') ? { threshold_pct: ref('drift_threshold_pct') } : {}) };
  }
  const { required, optional } = formulaParams(FORMULAS[formula]!);
  const inputs: Record<string, string> = {};
  for (const param of [...required, ...optional]) {
    const field = fieldFor(param, fields.keys());
    if (field) inputs[param] = ref(field);
    else if (param === 'expenses' || param === 'monthly_expenses') {
      const parts = expenseFields(fields);
      if (parts.length) inputs[param] = `{${parts.map((p) => `"${p}": ${ref(p)}`).join(', ')}}`;
    }
  }
  return inputs;
}

/** Cross-field checks a person can fix on the form itself. */
function formRules(fields: Map<string, GoalField>) {
  const rules: { cel: string; field?: string; message: string }[] = [];
  const targets = [...fields.keys()].filter((n) => n.endsWith('_target_pct'));
  if (targets.length > 0) {
    const sum = targets.join(' + ');
    rules.push({ cel: `${sum} >= 99.99 && ${sum} <= 100.01`, message: 'The target percentages must add up to 100' });
  }
  if (fields.has('retirement_age') && fields.has('current_age')) {
    rules.push({ cel: 'retirement_age > current_age', field: 'retirement_age', message: 'Retirement age must be after your current age' });
  }
  return rules.length > 0 ? { fields: [], rules } : null;
}

interface Check {
  fields: { field: string; required?: boolean; min?: number; max?: number; message: string }[];
  rules: { cel: string; field?: string; message: string }[];
}

/** "make sure my income is positive" -> a field rule on details.income; "expenses are less than income" -> CEL. */
function validationRule(words: string, fields: Map<string, GoalField>): Check | null {
  const text = words.toLowerCase();
  const mentioned = [...fields.values()]
    .map((f) => ({ f, at: mentionIndex(text, f) }))
    .filter((m) => m.at >= 0)
    .sort((a, b) => a.at - b.at);
  // "make sure it is positive": "it" is the first value asked for.
  const first = mentioned[0]?.f ?? (/\b(it|they|them|this|that)\b/.test(text) ? [...fields.values()][0] : undefined);
  if (!first) return null;
  const path = `${FORM_STEP_ID}.${first.name}`;
  const message = capitalize(words.replace(/^(make sure|ensure|check that|verify that|validate that|verify|validate)\s+/i, '')).slice(0, 500);
  const second = mentioned[1]?.f;
  const compare = /less than|lower than|below|under|smaller than|more than|greater than|above|over|exceeds?/.exec(text);
  if (second && compare) {
    const op = /less|lower|below|under|smaller/.test(compare[0]) ? '<' : '>';
    return { fields: [], rules: [{ cel: `${path} ${op} ${FORM_STEP_ID}.${second.name}`, field: path, message }] };
  }
  const n = /(-?\d[\d,]*(?:\.\d+)?)/.exec(text.slice(text.indexOf(first.name.split('_')[0]!)));
  const value = n ? Number(n[1]!.replaceAll(',', '')) : null;
  if (/between/.test(text)) {
    const nums = [...text.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => Number(m[0].replaceAll(',', '')));
    if (nums.length >= 2) return { fields: [{ field: path, required: true, min: nums[0], max: nums[1], message }], rules: [] };
  }
  if (/positive|above zero|more than zero|greater than zero|not zero/.test(text)) return { fields: [{ field: path, required: true, min: 0.01, message }], rules: [] };
  if (/not negative|zero or more|non-?negative/.test(text)) return { fields: [{ field: path, required: true, min: 0, message }], rules: [] };
  if (value !== null && /at least|minimum|or more|more than|above|over/.test(text)) return { fields: [{ field: path, required: true, min: value, message }], rules: [] };
  if (value !== null && /at most|maximum|or less|less than|below|under|no more than/.test(text)) return { fields: [{ field: path, required: true, max: value, message }], rules: [] };
  return { fields: [{ field: path, required: true, message }], rules: [] };
}

function mentionIndex(text: string, field: GoalField): number {
  const def = FIELD_BY_NAME.get(field.name);
  const m = def?.pattern.exec(text);
  if (m) return m.index;
  const plain = field.name.replaceAll('_', ' ');
  const at = text.indexOf(plain);
  return at >= 0 ? at : text.indexOf(field.label.toLowerCase());
}

function aiPrompt(goal: string, purpose: string, fields: Map<string, GoalField>, calcIds: readonly string[]): string {
  const lines = [`Goal: ${goal.trim()}`, `Task: ${purpose}`, '', 'Values given:'];
  for (const f of fields.values()) lines.push(`- ${f.label}: {{${FORM_STEP_ID}.${f.name}}}`);
  for (const id of calcIds) {
    const use = [...FORMULA_USE.values()].find((u) => u.stepId === id)!;
    lines.push('', `${use.name}:`);
    for (const out of FORMULAS[use.formula]!.outputs) lines.push(`- ${out.replaceAll('_', ' ')}: {{${id}.${out}}}`);
  }
  lines.push('', 'Answer with a short summary that quotes the numbers and up to five concrete recommendations.');
  return lines.join('\n');
}

/** The goal as a title: first clause, cut at a word boundary. */
function titleFor(goal: string): string {
  const flat = goal.replace(/\s+/g, ' ').trim().replace(/[.!?]+$/, '');
  if (flat.length <= 80) return capitalize(flat) || 'Workflow';
  const cut = flat.slice(0, 80);
  return `${capitalize(cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : 80))}…`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
