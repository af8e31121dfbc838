import { defineEntity, type InferEntity } from '@mikro-orm/core';
import type { WorkflowDefinition as WorkflowDefinitionJson } from '@stepwise/engine';
import { createdAt, updatedAt, uuidPk } from './columns';
import { User } from './user.entity';

/**
 * One row per VERSION of a workflow. `id` is what executions reference (a version never changes);
 * `workflowId` is shared by all versions of one workflow.
 */
export const WorkflowDefinition = defineEntity({
  name: 'WorkflowDefinition',
  tableName: 'workflow_definitions',
  properties: (p) => ({
    id: uuidPk(),
    workflowId: p.uuid(),
    version: p.integer(),
    isLatest: p.boolean().default(true),
    name: p.string().length(255),
    description: p.text().nullable(),
    category: p.string().length(100),
    definition: p.json<WorkflowDefinitionJson>().columnType('jsonb'),
    aiConfigurable: p.boolean().default(true),
    createdBy: p.string().length(50).default('system'),
    /** null = a system workflow. */
    owner: p.manyToOne(User).ref().nullable().deleteRule('set null'),
    archivedAt: p.datetime().nullable(),
    usageCount: p.integer().default(0),
    rating: p.decimal('number').precision(3).scale(2).default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  }),
  uniques: [{ name: 'workflow_definitions_workflow_id_version_unique', properties: ['workflowId', 'version'] }],
  indexes: [
    { name: 'workflow_definitions_owner_id_is_latest_index', properties: ['owner', 'isLatest'] },
    {
      // At most one latest version per workflow.
      name: 'workflow_definitions_one_latest_per_workflow',
      expression:
        'create unique index "workflow_definitions_one_latest_per_workflow" on "workflow_definitions" ("workflow_id") where "is_latest"',
    },
  ],
});
export type IWorkflowDefinition = InferEntity<typeof WorkflowDefinition>;
