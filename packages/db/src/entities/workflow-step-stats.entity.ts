import { defineEntity, type InferEntity } from '@mikro-orm/core';

/**
 * Drop-off counts of one step over the finished runs of one workflow version started on one UTC
 * day, folded from workflow_step_stats_runs. Kept by the analytics fold; never edited by hand.
 */
export const WorkflowStepStats = defineEntity({
  name: 'WorkflowStepStats',
  tableName: 'workflow_step_stats',
  properties: (p) => ({
    definitionId: p.uuid().primary(),
    day: p.date().primary(),
    stepId: p.string().length(255).primary(),
    reached: p.integer().default(0),
    completed: p.integer().default(0),
    abandoned: p.integer().default(0),
  }),
});
export type IWorkflowStepStats = InferEntity<typeof WorkflowStepStats>;

/**
 * One run folded into workflow_step_stats, at the run's version then: what it added, so a run that
 * changed (its version moved on) or was deleted can be taken out again exactly.
 */
export const WorkflowStepStatsRun = defineEntity({
  name: 'WorkflowStepStatsRun',
  tableName: 'workflow_step_stats_runs',
  properties: (p) => ({
    // No foreign key: a deleted run's row must stay until its counts are taken out.
    executionId: p.uuid().primary(),
    version: p.integer(),
    definitionId: p.uuid(),
    day: p.date(),
    reached: p.array(),
    completed: p.array(),
    abandoned: p.array(),
  }),
  indexes: [
    {
      // Covers what a read matches runs on, so it never visits the table for the runs still current.
      name: 'workflow_step_stats_runs_definition_day_index',
      expression:
        'create index "workflow_step_stats_runs_definition_day_index" on "workflow_step_stats_runs" ("definition_id", "day") include ("execution_id", "version")',
    },
  ],
});
export type IWorkflowStepStatsRun = InferEntity<typeof WorkflowStepStatsRun>;
