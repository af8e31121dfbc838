import { defineEntity, type InferEntity } from '@mikro-orm/core';
import type { WorkflowDefinitionInput } from '@stepwise/engine';
import { createdAt, updatedAt, uuidPk } from './columns';
import { User } from './user.entity';
import { WorkflowCategory } from './workflow-category.entity';

export const WorkflowTemplate = defineEntity({
  name: 'WorkflowTemplate',
  tableName: 'workflow_templates',
  properties: (p) => ({
    id: uuidPk(),
    /** Stable slug: seeding upserts by it. */
    key: p.string().length(100).unique(),
    name: p.string().length(255),
    description: p.text().nullable(),
    category: p.string().length(100),
    categoryRef: p.manyToOne(WorkflowCategory).ref().nullable().fieldName('category_id').deleteRule('set null'),
    /** Null for shared templates (built-in or admin); set for a user's private one. */
    owner: p.manyToOne(User).ref().nullable().fieldName('owner_id').deleteRule('cascade').index(),
    /** A workflow definition as written (defaults not filled in). */
    template: p.json<WorkflowDefinitionInput>().columnType('jsonb'),
    aiGenerated: p.boolean().default(false),
    usageCount: p.integer().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  }),
});
export type IWorkflowTemplate = InferEntity<typeof WorkflowTemplate>;
