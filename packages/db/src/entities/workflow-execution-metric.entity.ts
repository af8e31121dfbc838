import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { createdAt, uuidPk } from './columns';
import { WorkflowExecution } from './workflow-execution.entity';

export const WorkflowExecutionMetric = defineEntity({
  name: 'WorkflowExecutionMetric',
  tableName: 'workflow_execution_metrics',
  properties: (p) => ({
    id: uuidPk(),
    execution: p.manyToOne(WorkflowExecution).ref().deleteRule('cascade').index(),
    metricName: p.string().length(100),
    metricValue: p.decimal('number').precision(15).scale(4),
    metricUnit: p.string().length(50).nullable(),
    recordedAt: createdAt(),
  }),
});
export type IWorkflowExecutionMetric = InferEntity<typeof WorkflowExecutionMetric>;
