import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { createdAt, uuidPk } from './columns';
import { WorkflowExecution } from './workflow-execution.entity';

/** One figure of a finished run (duration_ms, tokens, step_duration_ms:<stepId>...), written once per run. */
export const WorkflowExecutionMetric = defineEntity({
  name: 'WorkflowExecutionMetric',
  tableName: 'workflow_execution_metrics',
  properties: (p) => ({
    id: uuidPk(),
    // The unique (execution_id, metric_name) index serves lookups by run too.
    execution: p.manyToOne(WorkflowExecution).ref().deleteRule('cascade'),
    metricName: p.string().length(100),
    metricValue: p.decimal('number').precision(15).scale(4),
    metricUnit: p.string().length(50).nullable(),
    recordedAt: createdAt(),
  }),
  uniques: [{ name: 'workflow_execution_metrics_execution_metric_unique', properties: ['execution', 'metricName'] }],
});
export type IWorkflowExecutionMetric = InferEntity<typeof WorkflowExecutionMetric>;
