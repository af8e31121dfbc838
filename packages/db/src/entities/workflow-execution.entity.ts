import { defineEntity, type InferEntity } from '@mikro-orm/core';
import type { RunStatus, SerializedError, WorkflowContext } from '@stepwise/engine';
import { createdAt, updatedAt, uuidPk } from './columns';
import { User } from './user.entity';
import { WorkflowDefinition } from './workflow-definition.entity';

/** A run. Written by PgStore with raw SQL on the hot path; the entity serves queries and reports. */
export const WorkflowExecution = defineEntity({
  name: 'WorkflowExecution',
  tableName: 'workflow_executions',
  properties: (p) => ({
    id: uuidPk(),
    /** The definition VERSION (workflow_definitions.id) this run executes. */
    workflow: p.manyToOne(WorkflowDefinition).ref(),
    user: p.manyToOne(User).ref(),
    sessionId: p.string().length(255),
    status: p.string().$type<RunStatus>().length(20),
    context: p.json<WorkflowContext>().columnType('jsonb'),
    results: p.json<Record<string, unknown>>().columnType('jsonb').nullable(),
    error: p.json<SerializedError>().columnType('jsonb').nullable(),
    errorMessage: p.text().nullable(),
    version: p.integer().default(0),
    leaseOwner: p.string().length(100).nullable(),
    leaseExpiresAt: p.datetime().nullable(),
    startedAt: createdAt(),
    completedAt: p.datetime().nullable(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  }),
  indexes: [
    {
      name: 'workflow_executions_user_status_created_index',
      expression:
        'create index "workflow_executions_user_status_created_index" on "workflow_executions" ("user_id", "status", "created_at" desc)',
    },
    { name: 'workflow_executions_workflow_id_status_index', properties: ['workflow', 'status'] },
    {
      // Recovery scan: only runs that may need driving.
      name: 'workflow_executions_recoverable_index',
      expression:
        'create index "workflow_executions_recoverable_index" on "workflow_executions" ("lease_expires_at") where "status" in (\'pending\', \'running\')',
    },
  ],
});
export type IWorkflowExecution = InferEntity<typeof WorkflowExecution>;
