import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { createdAt, uuidPk } from './columns';
import { WorkflowStepExecution } from './workflow-step-execution.entity';

/** One model call made by an AI step attempt (prompt, answer, cost). */
export const AiStepExecution = defineEntity({
  name: 'AiStepExecution',
  tableName: 'ai_step_executions',
  properties: (p) => ({
    id: uuidPk(),
    stepExecution: p.manyToOne(WorkflowStepExecution).ref().nullable().deleteRule('cascade').index(),
    aiModel: p.string().length(100),
    prompt: p.text(),
    response: p.text(),
    tokensUsed: p.integer().nullable(),
    /** Money: kept as a string so no float rounding creeps in (use decimal.js to compute). */
    costUsd: p.decimal('string').precision(10).scale(4).nullable(),
    executionTimeMs: p.integer().nullable(),
    /** Served from the response cache: no model call, no tokens, no cost. */
    cached: p.boolean().default(false),
    createdAt: createdAt(),
  }),
});
export type IAiStepExecution = InferEntity<typeof AiStepExecution>;
