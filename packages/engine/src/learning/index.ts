export { WorkflowLearningEngine, confidenceOf, type WorkflowLearningEngineOptions } from './learning-engine';
export { detectPatterns, waitsForPeople } from './patterns';
export {
  DEFAULT_THRESHOLDS,
  PATTERN_KINDS,
  type Evidence,
  type LearningPattern,
  type LearningReport,
  type LearningThresholds,
  type PatternKind,
  type StepRunStats,
  type WorkflowImprovement,
  type WorkflowRunStats,
} from './types';
