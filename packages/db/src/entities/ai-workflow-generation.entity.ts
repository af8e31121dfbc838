import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { createdAt, uuidPk } from './columns';
import { User } from './user.entity';
import { WorkflowDefinition } from './workflow-definition.entity';

export const AiWorkflowGeneration = defineEntity({
  name: 'AiWorkflowGeneration',
  tableName: 'ai_workflow_generations',
  properties: (p) => ({
    id: uuidPk(),
    user: p.manyToOne(User).ref().deleteRule('cascade').index(),
    requirements: p.json<Record<string, unknown>>().columnType('jsonb'),
    generatedWorkflow: p.manyToOne(WorkflowDefinition).ref().nullable().deleteRule('set null'),
    aiModel: p.string().length(100),
    generationTimeMs: p.integer().nullable(),
    success: p.boolean(),
    errorMessage: p.text().nullable(),
    createdAt: createdAt(),
  }),
});
export type IAiWorkflowGeneration = InferEntity<typeof AiWorkflowGeneration>;
