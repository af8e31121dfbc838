export { analysisSchema, type RequirementsAnalysis } from './analysis';
export { WorkflowGenerationError, type FailedAttempt } from './errors';
export { AIWorkflowGenerator, type AIWorkflowGeneratorOptions, type GenerateRequest, type GenerationResult } from './generator';
export type { TokenUsage } from './model-call';
export {
  ANALYSIS_SYSTEM,
  DEFINITION_RULES,
  DEFINITION_SYSTEM,
  type AnalysisRequest,
  type DefinitionRequest,
  type GenerationIssue,
} from './prompts';
export { describeFormulas, describeStepLibrary, type FormulaDescription, type StepTypeDescription } from './step-library';
export { MIN_OUTCOME_RUNS, type TemplateOutcome, type TemplateOutcomes } from './outcomes';
export { chooseReference, type ReferenceWorkflow, type TemplateSummary } from './structure';
