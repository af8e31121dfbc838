import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { createdAt, uuidPk } from './columns';
import { WorkflowExecution } from './workflow-execution.entity';

export const WorkflowLearningData = defineEntity({
  name: 'WorkflowLearningData',
  tableName: 'workflow_learning_data',
  properties: (p) => ({
    id: uuidPk(),
    execution: p.manyToOne(WorkflowExecution).ref().nullable().deleteRule('cascade').index(),
    userFeedback: p.json<unknown>().columnType('jsonb').nullable(),
    performanceMetrics: p.json<unknown>().columnType('jsonb').nullable(),
    improvementSuggestions: p.json<unknown>().columnType('jsonb').nullable(),
    createdAt: createdAt(),
  }),
});
export type IWorkflowLearningData = InferEntity<typeof WorkflowLearningData>;
