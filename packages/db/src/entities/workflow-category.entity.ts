import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { createdAt, uuidPk } from './columns';

export const WorkflowCategory = defineEntity({
  name: 'WorkflowCategory',
  tableName: 'workflow_categories',
  properties: (p) => ({
    id: uuidPk(),
    name: p.string().length(100).unique(),
    description: p.text().nullable(),
    parent: () => p.manyToOne(WorkflowCategory).ref().nullable().deleteRule('set null'),
    createdAt: createdAt(),
  }),
});
export type IWorkflowCategory = InferEntity<typeof WorkflowCategory>;
