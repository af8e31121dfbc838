import { parseCondition, type ParsedCondition } from './conditions';
import { EXPENSE_WORDS, FIELD_BY_NAME, FIELDS, type FieldDef, type FieldType, FORMULA_USE, FORMULA_USES } from './lexicon';

/** The built-in model's reading of a goal; the shape of the generator's `analyze_requirements` answer. */
export interface GoalField {
  name: string;
  label: string;
  type: FieldType;
  description?: string | null;
}

export interface GoalAnalysis {
  intent: string;
  category: string;
  template_key: string | null;
  data_to_collect: GoalField[];
  calculations: { formula: string; why: string }[];
  decisions: { condition_in_words: string; cel?: string | null }[];
  ai_analyses: { purpose: string }[];
  validations: { rule_in_words: string }[];
}

export interface ParsedGoal extends Omit<GoalAnalysis, 'category' | 'template_key'> {
  /** True when the person named fields, conditions or checks themselves: a template would not do. */
  specific: boolean;
  conditions: ParsedCondition[];
}

/** Fields found only through the formula that needs them (a "portfolio" is not a list of six fields). */
const FORMULA_ONLY = new Set(['stocks_value', 'bonds_value', 'cash_value', 'stocks_target_pct', 'bonds_target_pct', 'cash_target_pct', 'positions']);

const LIST_VERBS = /\b(?:ask (?:me )?for|collect|gather|enter|input|record|capture|fill in|request|asks? for)\s+/g;
const LIST_END = /(?:,\s*(?:work out|calculate|compute|figure out|tell|show|give|warn|estimate|project|check)\b|,?\s*\b(?:then|and then|after that|so (?:that|i)|to (?:see|work|calculate|check|figure|find|compute|know)|and (?:calculate|compute|work|check|tell|show|give|warn|see|figure|let|project|find)|if|when|before|plus)\b|[.;!?]|$)/;

export function parseGoal(goal: string): ParsedGoal {
  const text = goal.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
  const fields = new Map<string, GoalField>();
  const add = (field: GoalField) => {
    if (!fields.has(field.name)) fields.set(field.name, field);
  };

  const listed = explicitFields(text);
  listed.forEach(add);
  const clauses = conditionClauses(text)
    .map((words) => ({ words: words.trim(), parsed: parseCondition(words) }))
    .filter((c): c is { words: string; parsed: ParsedCondition } => c.parsed !== null);
  const rest = clauses.reduce((t, c) => t.replace(c.words, ' '), text);
  for (const def of FIELDS) if (!FORMULA_ONLY.has(def.name) && def.pattern.test(rest)) add(goalField(def));

  const conditions = clauses.map((c) => c.parsed);
  const formulas = new Set<string>();
  for (const use of FORMULA_USES) if (use.pattern.test(text)) formulas.add(use.formula);
  for (const c of conditions) if (c.formula) formulas.add(c.formula);
  // "Income and expenses" alone already asks for what is left over.
  if (formulas.size === 0 && fields.has('income') && (fields.has('expenses') || [...fields.keys()].some((n) => EXPENSE_WORDS.test(n)))) formulas.add('monthly_surplus');
  if (formulas.has('retirement_gap')) formulas.delete('compound_growth');
  for (const formula of formulas) {
    for (const need of FORMULA_USE.get(formula)!.needs) if (!hasField(need, fields)) add(goalField(FIELD_BY_NAME.get(need)!));
  }

  const validations = [...text.matchAll(/\b(?:make sure|ensure|check that|verify that|validate that|verify|validate)\s+(.+?)(?=[,.;!?]|\bthen\b|\band (?:then|calculate|give|warn)\b|$)/g)].map((m) => ({ rule_in_words: m[0].trim() }));
  const aiText = conditions.length > 0 ? rest : text;
  const ai_analyses = /advi[cs]e|recommend|suggest|summar|explain|analy[sz]|insights?|tips|commentary|write[- ]up|review (it|them|the results)|what i should do/.test(aiText)
    ? [{ purpose: aiPurpose(aiText) }]
    : [];

  return {
    intent: `A workflow to: ${goal.trim().replace(/[.!]+$/, '')}`.slice(0, 1000),
    data_to_collect: [...fields.values()],
    calculations: [...formulas].map((formula) => ({ formula, why: FORMULA_USE.get(formula)!.why })),
    decisions: clauses.map((c) => ({ condition_in_words: c.words, cel: c.parsed.cel })),
    ai_analyses,
    validations,
    specific: listed.length > 0 || conditions.length > 0 || validations.length > 0,
    conditions,
  };
}

/** Parameter aliases: a form field that can feed each formula param. */
const PARAM_FIELDS: Record<string, string[]> = {
  income: ['income', 'net_income', 'monthly_income', 'salary', 'take_home_pay'],
  expenses: ['expenses', 'monthly_expenses', 'total_expenses', 'spending'],
  monthly_expenses: ['expenses', 'monthly_expenses', 'total_expenses', 'spending'],
  savings_goal: ['savings_goal', 'monthly_savings_goal', 'savings_target'],
  current_savings: ['current_savings', 'savings', 'emergency_savings'],
  months_target: ['months_target'],
  current_age: ['current_age', 'age'],
  retirement_age: ['retirement_age'],
  monthly_contribution: ['monthly_contribution', 'monthly_investment', 'contribution'],
  annual_return_pct: ['annual_return_pct', 'expected_return_pct', 'return_pct', 'annual_rate_pct', 'interest_rate_pct'],
  annual_rate_pct: ['annual_return_pct', 'expected_return_pct', 'return_pct', 'annual_rate_pct', 'interest_rate_pct'],
  desired_annual_income: ['desired_annual_income', 'retirement_income'],
  withdrawal_rate_pct: ['withdrawal_rate_pct'],
  principal: ['principal', 'initial_investment', 'starting_amount', 'current_savings', 'amount'],
  years: ['years', 'horizon_years', 'investment_years'],
  horizon_years: ['horizon_years', 'years'],
  loss_tolerance: ['loss_tolerance', 'risk_tolerance'],
  experience: ['experience', 'investing_experience'],
  positions: ['positions'],
  tax_rate_pct: ['tax_rate_pct', 'marginal_tax_rate_pct'],
  min_loss: ['min_loss'],
  threshold_pct: ['drift_threshold_pct', 'threshold_pct'],
};

/** The field that feeds `param`, if the form has one. */
export function fieldFor(param: string, names: Iterable<string>): string | null {
  const have = new Set(names);
  return (PARAM_FIELDS[param] ?? [param]).find((n) => have.has(n)) ?? null;
}

/** Whether the form already feeds `need`: a field for it, or for "expenses" any expense category. */
export function hasField(need: string, fields: ReadonlyMap<string, GoalField>): boolean {
  if (fieldFor(need, fields.keys())) return true;
  return need === 'expenses' && [...fields.keys()].some((n) => EXPENSE_WORDS.test(n));
}

/** "ask for my income, expenses and savings goal" -> the fields named in the list. */
function explicitFields(text: string): GoalField[] {
  const out: GoalField[] = [];
  for (const verb of text.matchAll(LIST_VERBS)) {
    const start = verb.index + verb[0].length;
    const tail = text.slice(start);
    const end = LIST_END.exec(tail);
    const list = tail.slice(0, end ? end.index : tail.length);
    for (const raw of list.split(/\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s+as well as\s+/)) {
      const item = raw.replace(/^(?:(?:my|our|the|your|a|an|their|his|her|some|current|monthly|yearly|annual|total)\s+)+/, (m) => (/current|monthly|annual|yearly|total/.test(m) ? m.replace(/^(my|our|the|your|a|an|their|his|her|some)\s+/, '') : '')).trim();
      if (!item || item.split(' ').length > 5 || /^(details?|info(rmation)?|data|numbers?|values?|it|them)$|advi[cs]e|summary|recommend/.test(item)) continue;
      const known = FIELDS.find((d) => d.pattern.test(item) && !FORMULA_ONLY.has(d.name));
      // "holdings" or "target allocation" stand for several fields, which the formula adds.
      if (!known && FIELDS.some((d) => FORMULA_ONLY.has(d.name) && d.pattern.test(item))) continue;
      out.push(known ? goalField(known) : customField(item));
    }
  }
  return out;
}

/** A known field as the analysis lists it (without the lexicon's pattern and kind). */
function goalField(def: FieldDef): GoalField {
  return { name: def.name, label: def.label, type: def.type, ...(def.description ? { description: def.description } : {}) };
}

function customField(item: string): GoalField {
  const name = item.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').replace(/^(\d)/, 'f_$1').slice(0, 40) || 'answer';
  const label = item.charAt(0).toUpperCase() + item.slice(1);
  const type: FieldType = /\b(name|email|notes?|comments?|ticker|symbol|reason|description|address|country|city|employer|goal in words)\b/.test(item)
    ? 'string'
    : /^(do|does|is|are|have|has|whether)\b|\?$/.test(item)
      ? 'boolean'
      : /\b(count|number of|children|dependents|kids)\b/.test(item)
        ? 'integer'
        : 'number';
  return { name, label, type };
}

/** The "if ... then ..." parts of a goal, each up to the end of its sentence or the next condition. */
function conditionClauses(text: string): string[] {
  return [...text.matchAll(/\b(?:if|when|whenever|in case)\b\s+.+?(?=\bif\b|\bwhen(?:ever)?\b|[.;!?](?:\s|$)|$)/g)].map((m) => m[0]);
}

function aiPurpose(text: string): string {
  const m = /(give|write|add|get|provide|offer|make|with)?\s*(me\s+)?(some\s+|an?\s+)?[^,.;]*?(advi[cs]e|recommendations?|suggestions?|summary|summari[sz]e|explain|explanation|analysis|analy[sz]e|insights?|tips|commentary)[^,.;]*/.exec(text);
  return (m ? m[0] : text).trim().slice(0, 300) || 'Analyse the results';
}
