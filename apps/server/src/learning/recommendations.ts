import { ConflictError, createDefaultRegistry, DefinitionError, type WorkflowDefinition, WorkflowLearningEngine } from '@stepwise/engine';
import { TRPCError } from '@trpc/server';
import type { Services } from '../services';
import { latestVisibleWorkflow, type Viewer } from '../routers/visible-workflow';
import { saveWorkflowVersion } from '../routers/workflows/save';
import type { WorkflowSummary } from '../routers/workflows/summary';
import { latestAnalysis, saveAnalysis } from './analyses';
import { gatherRunStats } from './run-stats';

const learning = new WorkflowLearningEngine({ registry: createDefaultRegistry() });

/** Reads the latest version's runs of the last `days`, finds patterns and improvements, and stores the analysis. */
export async function recommendImprovements(services: Services, workflowId: string, days: number, caller: Viewer) {
  const latest = await latestVisibleWorkflow(services.pool, workflowId, caller);
  const stats = await gatherRunStats(services.pool, latest.versionId, days);
  const report = learning.recommend(latest.definition, stats);
  const stored = await saveAnalysis(services.pool, { workflowId, versionId: latest.versionId, version: latest.version, stats, report });
  return {
    workflowId,
    name: latest.name,
    version: latest.version,
    days,
    runs: stats.runs,
    minRuns: learning.thresholds.minRuns,
    patterns: report.patterns,
    improvements: report.improvements,
    analyzedAt: stored.createdAt,
  };
}

/** Applies the chosen improvements of the latest analysis as a new version; CONFLICT when they no longer fit. */
export async function applyImprovements(services: Services, workflowId: string, improvementIds: readonly string[], caller: Viewer): Promise<WorkflowSummary> {
  const latest = await latestVisibleWorkflow(services.pool, workflowId, caller);
  if (latest.archived) throw conflict(`Workflow "${latest.name}" is archived; it takes no new versions`);
  const analysis = await latestAnalysis(services.pool, workflowId);
  if (!analysis) throw conflict(`No recommendations were made for "${latest.name}" yet; open its recommendations first`);
  if (analysis.versionId !== latest.versionId) {
    throw conflict(
      `"${latest.name}" changed since these recommendations were made for version ${analysis.version} (it is now version ${latest.version}); ask for recommendations again`,
    );
  }
  const byId = new Map(analysis.report.improvements.map((i) => [i.id, i]));
  const unknown = improvementIds.filter((id) => !byId.has(id));
  if (unknown.length > 0) {
    throw conflict(`${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not among the current recommendations for "${latest.name}"; ask for recommendations again`);
  }
  let definition: WorkflowDefinition;
  try {
    definition = learning.apply(latest.definition, [...new Set(improvementIds)].map((id) => byId.get(id)!));
  } catch (error) {
    if (error instanceof ConflictError) throw conflict(error.message);
    if (error instanceof DefinitionError) throw conflict(`Together these changes would break the workflow (${error.message}); apply fewer at a time`);
    throw error;
  }
  // The owner keeps the workflow, also when an administrator applies the changes.
  return saveWorkflowVersion(services.orm.em.fork(), services.engine, {
    userId: latest.ownerId ?? caller.id,
    input: definition,
    workflowId,
    previous: latest.definition,
  });
}

const conflict = (message: string) => new TRPCError({ code: 'CONFLICT', message });
