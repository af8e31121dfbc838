import { Alert } from './alert.entity';
import { AiResponseCache } from './ai-response-cache.entity';
import { AiStepExecution } from './ai-step-execution.entity';
import { AiWorkflowGeneration } from './ai-workflow-generation.entity';
import { ApiToken } from './api-token.entity';
import { AuditLog } from './audit-log.entity';
import { ChatMessage } from './chat-message.entity';
import { ChatThread } from './chat-thread.entity';
import { Session } from './session.entity';
import { User } from './user.entity';
import { WorkflowCategory } from './workflow-category.entity';
import { WorkflowDefinition } from './workflow-definition.entity';
import { WorkflowExecutionMetric } from './workflow-execution-metric.entity';
import { WorkflowExecution } from './workflow-execution.entity';
import { WorkflowLearningData } from './workflow-learning-data.entity';
import { WorkflowStepExecution } from './workflow-step-execution.entity';
import { WorkflowStepStats, WorkflowStepStatsRun } from './workflow-step-stats.entity';
import { WorkflowTemplate } from './workflow-template.entity';

export * from './ai-response-cache.entity';
export * from './alert.entity';
export * from './ai-step-execution.entity';
export * from './ai-workflow-generation.entity';
export * from './api-token.entity';
export * from './audit-log.entity';
export * from './chat-message.entity';
export * from './chat-thread.entity';
export * from './session.entity';
export * from './user.entity';
export * from './workflow-category.entity';
export * from './workflow-definition.entity';
export * from './workflow-execution-metric.entity';
export * from './workflow-execution.entity';
export * from './workflow-learning-data.entity';
export * from './workflow-step-execution.entity';
export * from './workflow-step-stats.entity';
export * from './workflow-template.entity';

/** Every entity, listed explicitly (no folder discovery). */
export const ENTITIES = [
  User,
  WorkflowCategory,
  WorkflowDefinition,
  WorkflowTemplate,
  WorkflowExecution,
  WorkflowStepExecution,
  WorkflowExecutionMetric,
  AiWorkflowGeneration,
  AiStepExecution,
  AiResponseCache,
  WorkflowLearningData,
  Session,
  ApiToken,
  ChatThread,
  ChatMessage,
  Alert,
  AuditLog,
  WorkflowStepStats,
  WorkflowStepStatsRun,
];
