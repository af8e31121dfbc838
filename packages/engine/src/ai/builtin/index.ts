export { createBuiltinModel, countTokens, type BuiltinModelOptions } from './model';
export { analyzeRequirements, generateDefinition, type AnalyzeRequirementsTask, type GenerateDefinitionTask } from './definitions';
export { parseGoal, type GoalAnalysis, type GoalField, type ParsedGoal } from './goal-parser';
export { fillSchema, readPrompt } from './structured';
