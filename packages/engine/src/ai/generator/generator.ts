import { type LanguageModel, Output } from 'ai';
import type { WorkflowDefinition } from '../../definition';
import { DefinitionError, InvalidInputError } from '../../errors';
import type { StepRegistry } from '../../registry';
import { modelName } from '../calls';
import { BUILTIN_TEMPLATES, TEMPLATE_CATEGORIES } from '../../templates';
import { validateDefinition } from '../../validate-definition';
import { analysisOutputSchema, type RequirementsAnalysis } from './analysis';
import { type FailedAttempt, WorkflowGenerationError } from './errors';
import { addUsage, callModel, NO_USAGE, type TokenUsage } from './model-call';
import { analysisPrompt, definitionPrompt, type GenerationIssue } from './prompts';
import { describeStepLibrary } from './step-library';
import type { TemplateOutcomes } from './outcomes';
import { chooseReference, type ReferenceWorkflow, summarizeTemplates } from './structure';

export interface AIWorkflowGeneratorOptions {
  model: LanguageModel;
  registry: StepRegistry;
  /** Workflows to start from: the built-in templates by default; past successes can be added. */
  templates?: readonly ReferenceWorkflow[];
  /** How runs of workflows built from each template key turned out: better outcomes are preferred. */
  outcomes?: TemplateOutcomes;
  /** Model calls for definitions (and unusable analyses) before giving up. */
  maxAttempts?: number;
  now?: () => Date;
  newId?: () => string;
}

export interface GenerateRequest {
  goal: string;
  createdBy?: string;
  signal?: AbortSignal;
}

export interface GenerationResult {
  /** Valid against the registry, with defaults filled in. */
  definition: WorkflowDefinition;
  attempts: number;
  /** The template the workflow was built from, when the analysis chose one (a reference the model only looked at does not count). */
  templateKey: string | null;
  analysis: RequirementsAnalysis;
  usage: TokenUsage;
  /** `provider:modelId`. */
  model: string;
  timeMs: number;
}

const MAX_GOAL_LENGTH = 10_000;
const MAX_CREATED_BY_LENGTH = 50;

/**
 * Goal in words -> valid workflow definition: analyse the requirements, pick a template to adapt,
 * have the model write the definition, validate it and feed the exact issues back until it passes.
 */
export class AIWorkflowGenerator {
  private readonly model: LanguageModel;
  private readonly registry: StepRegistry;
  private readonly templates: readonly ReferenceWorkflow[];
  private readonly outcomes: TemplateOutcomes | undefined;
  private readonly maxAttempts: number;
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(options: AIWorkflowGeneratorOptions) {
    this.model = options.model;
    this.registry = options.registry;
    this.templates = options.templates ?? BUILTIN_TEMPLATES;
    this.outcomes = options.outcomes;
    this.maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 3));
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? (() => crypto.randomUUID());
  }

  async generate(request: GenerateRequest): Promise<GenerationResult> {
    const goal = request.goal.trim();
    checkRequest(goal, request.createdBy);
    const started = Date.now();
    let usage = NO_USAGE;
    const failures: FailedAttempt[] = [];
    let analysis: RequirementsAnalysis | null = null;
    let reference: ReferenceWorkflow | null = null;
    let previousAttempt: unknown = null;
    let errors: GenerationIssue[] = [];
    const stepLibrary = describeStepLibrary(this.registry);
    const analysisOutput = Output.object({ schema: analysisOutputSchema() });

    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      if (!analysis) {
        const lastProblem = failures.at(-1)?.errors[0]?.message ?? null;
        const answer = await callModel(this.model, analysisPrompt(this.analysisRequest(goal), lastProblem), analysisOutput, 'invalid_analysis', request.signal);
        usage = addUsage(usage, answer.usage);
        if (!answer.ok) {
          failures.push({ attempt, stage: 'analysis', errors: [answer.issue] });
          continue;
        }
        analysis = answer.value;
        reference = chooseReference(goal, analysis, this.templates, this.outcomes);
      }

      const prompt = definitionPrompt({
        goal,
        analysis,
        step_library: stepLibrary,
        reference_template: reference?.definition ?? null,
        previous_attempt: previousAttempt,
        errors,
      });
      const answer = await callModel(this.model, prompt, Output.json(), 'invalid_shape', request.signal);
      usage = addUsage(usage, answer.usage);
      if (!answer.ok) {
        failures.push({ attempt, stage: 'definition', errors: [answer.issue] });
        [previousAttempt, errors] = [null, [answer.issue]];
        continue;
      }

      try {
        const definition = validateDefinition(this.stamp(answer.value, analysis, request.createdBy), this.registry);
        return { definition, attempts: attempt, templateKey: analysis.template_key && reference?.key === analysis.template_key ? reference.key : null, analysis, usage, model: modelName(this.model), timeMs: Date.now() - started };
      } catch (error) {
        if (!(error instanceof DefinitionError)) throw error;
        errors = error.issues.map(({ code, path, message }) => ({ code, path, message }));
        previousAttempt = answer.value;
        failures.push({ attempt, stage: 'definition', errors });
      }
    }
    throw new WorkflowGenerationError(failures);
  }

  private analysisRequest(goal: string) {
    const categories = [...new Set([...TEMPLATE_CATEGORIES.map((c) => c.name), ...this.templates.map((t) => t.category)])];
    return { goal, categories, templates: summarizeTemplates(this.templates, this.outcomes) };
  }

  /** The fields the system owns, whatever the model wrote; a missing category comes from the analysis. */
  private stamp(answer: unknown, analysis: RequirementsAnalysis, createdBy: string | undefined): unknown {
    if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) return answer;
    const at = this.now().toISOString();
    const draft = answer as Record<string, unknown>;
    const category = typeof draft.category === 'string' && draft.category.trim() ? draft.category : analysis.category;
    return { ...draft, id: this.newId(), category, created_by: createdBy ?? 'ai', created_at: at, updated_at: at };
  }
}

function checkRequest(goal: string, createdBy: string | undefined): void {
  if (!goal) throw new InvalidInputError('Describe what the workflow should do', { goal: ['is empty'] });
  if (goal.length > MAX_GOAL_LENGTH) {
    throw new InvalidInputError(`The goal is too long; keep it under ${MAX_GOAL_LENGTH} characters`, { goal: ['is too long'] });
  }
  if (createdBy !== undefined && (createdBy.length === 0 || createdBy.length > MAX_CREATED_BY_LENGTH)) {
    throw new InvalidInputError(`createdBy must be 1 to ${MAX_CREATED_BY_LENGTH} characters`, { createdBy: ['has the wrong length'] });
  }
}
