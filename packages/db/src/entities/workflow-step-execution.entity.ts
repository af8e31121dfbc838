import { defineEntity, type InferEntity } from '@mikro-orm/core';
import type { SerializedError, StepStatus, WaitingFor } from '@stepwise/engine';
import { createdAt, updatedAt, uuidPk } from './columns';
import { WorkflowExecution } from './workflow-execution.entity';

/** One attempt of one step of a run. */
export const WorkflowStepExecution = defineEntity({
  name: 'WorkflowStepExecution',
  tableName: 'workflow_step_executions',
  properties: (p) => ({
    id: uuidPk(),
    // No separate (execution_id) index: the unique (execution_id, step_id, attempt) index serves those
    // lookups (and DISTINCT ON's order), and a second index would slow every step write.
    execution: p.manyToOne(WorkflowExecution).ref().deleteRule('cascade'),
    stepId: p.string().length(255),
    stepType: p.string().length(50),
    attempt: p.integer(),
    status: p.string().$type<StepStatus>().length(20),
    waitingFor: p.string().$type<WaitingFor>().length(10).nullable(),
    inputData: p.json<unknown>().columnType('jsonb').nullable(),
    outputData: p.json<unknown>().columnType('jsonb').nullable(),
    error: p.json<SerializedError>().columnType('jsonb').nullable(),
    errorMessage: p.text().nullable(),
    feedback: p.text().nullable(),
    executionTimeMs: p.integer().nullable(),
    startedAt: p.datetime().nullable(),
    completedAt: p.datetime().nullable(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  }),
  uniques: [
    {
      name: 'workflow_step_executions_execution_step_attempt_unique',
      properties: ['execution', 'stepId', 'attempt'],
    },
  ],
});
export type IWorkflowStepExecution = InferEntity<typeof WorkflowStepExecution>;
