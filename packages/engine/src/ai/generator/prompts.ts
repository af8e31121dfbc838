import type { ModelMessage } from 'ai';
import { RESERVED_STEP_IDS } from '../../definition';
import type { RequirementsAnalysis } from './analysis';
import type { StepTypeDescription } from './step-library';
import type { TemplateSummary } from './structure';

/** One problem with an answer, as fed back to the model: a validator issue or an unusable answer. */
export interface GenerationIssue {
  code: string;
  path: string;
  message: string;
}

export interface AnalysisRequest {
  task: 'analyze_requirements';
  goal: string;
  categories: string[];
  templates: TemplateSummary[];
}

export interface DefinitionRequest {
  task: 'generate_definition';
  goal: string;
  analysis: RequirementsAnalysis;
  step_library: StepTypeDescription[];
  reference_template: unknown;
  rules: string[];
  previous_attempt: unknown;
  errors: GenerationIssue[];
}

export interface ModelPrompt {
  system: string;
  messages: ModelMessage[];
}

export const ANALYSIS_SYSTEM = [
  'You help people turn a goal in plain words into a step-by-step financial workflow.',
  'The last user message is a JSON object with task "analyze_requirements": the goal, the known categories and the available templates.',
  'Work out what the workflow must do: the values to ask the person for (name in snake_case, a label, a type: number, string, boolean or integer),',
  'the calculations (a formula name and why), the decisions (the condition in words and, if you can, as CEL),',
  'the questions for the AI to analyse, and the checks on the data.',
  'Pick the category that fits best and the key of a template when one already does most of the job (else null).',
  'When several templates fit, prefer the one whose success_rate (share of its runs that completed) is higher.',
  'Answer with one JSON object only: intent, category, template_key, data_to_collect, calculations, decisions, ai_analyses, validations.',
].join('\n');

export const DEFINITION_SYSTEM = [
  'You design workflow definitions: JSON documents a workflow engine runs step by step.',
  'The last user message is a JSON object with task "generate_definition": the goal, an analysis of it, the step library',
  '(each step type with the JSON Schema of its config), a reference template to adapt (or null) and the rules a definition must follow.',
  'When previous_attempt and errors are given, the previous definition failed validation: fix every listed error',
  '(each names the path in the definition) and return the whole corrected definition.',
  'Answer with the workflow definition as one JSON object, with no text or markdown around it.',
].join('\n');

/** The checks validateDefinition makes, in the words a model needs before it writes a definition. */
export const DEFINITION_RULES: string[] = [
  'Top-level fields: name, description, category, steps, entry_points, exit_points. id, created_by, created_at and updated_at are set by the system.',
  'Each step has id, name, type, description, config, dependencies; type is one of the step_library types and config must match its config_schema.',
  `Step ids are snake_case: a lowercase letter, then a-z, 0-9 or _ (at most 63), unique, and not one of: ${RESERVED_STEP_IDS.join(', ')}.`,
  'dependencies lists the ids of steps that must finish before this one; only steps of this workflow, and never a cycle.',
  'entry_points lists the steps that start the workflow; they have no dependencies. Every other step must be reachable from them through dependencies.',
  'exit_points lists the final steps, usually those no other step depends on.',
  'CEL expressions (decision conditions, validation rules, calculation inputs) read earlier outputs as step_id.field, only from steps this step depends on (directly or through others), plus input.field for the run input.',
  "Outputs: a data_collection step's fields are its form's properties; a calculation step's are its formula's outputs; a decision's are branch and label; an ai_generated step's are its output_schema properties; a validation step's are valid and errors.",
  'A data_collection config.schema is a JSON Schema with "type": "object", one property per field (with type and title) and a required list.',
  'A calculation config names a formula from the calculation formulas and maps every required param in inputs to a CEL expression, e.g. {"income": "budget.income"}.',
  'A decision config has branches [{id, label, condition (CEL, true or false), next: [step ids]}] and usually a default {id, label, next}; every step named in next must list the decision in its dependencies.',
  'An ai_generated step needs an ai_prompt (it may use {{step_id.field}} placeholders from steps it depends on) and config.output_schema, a JSON Schema with "type": "object".',
  'A validation config has fields [{field: "step_id.field", required, min, max, message}] and rules [{cel, message}]; on_failure is "fail" or "continue".',
  'Adapt the reference template when one is given: keep what fits the goal, drop what does not, add what is missing.',
];

export function analysisPrompt(request: Omit<AnalysisRequest, 'task'>, previousProblem: string | null): ModelPrompt {
  const payload: AnalysisRequest = { task: 'analyze_requirements', ...request };
  const messages: ModelMessage[] = [];
  // The JSON stays the last user message; a note about the failed answer goes before it.
  if (previousProblem) messages.push({ role: 'user', content: `Your previous analysis could not be used: ${previousProblem}. Answer again, following the schema.` });
  messages.push({ role: 'user', content: JSON.stringify(payload) });
  return { system: ANALYSIS_SYSTEM, messages };
}

export function definitionPrompt(request: Omit<DefinitionRequest, 'task' | 'rules'>): ModelPrompt {
  const payload: DefinitionRequest = {
    task: 'generate_definition',
    goal: request.goal,
    analysis: request.analysis,
    step_library: request.step_library,
    reference_template: request.reference_template,
    rules: DEFINITION_RULES,
    previous_attempt: request.previous_attempt,
    errors: request.errors,
  };
  return { system: DEFINITION_SYSTEM, messages: [{ role: 'user', content: JSON.stringify(payload) }] };
}
