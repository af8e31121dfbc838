import type { WorkflowDefinition, WorkflowStep } from '../definition';
import type { StepRegistry } from '../registry';
import type { LearningPattern, LearningThresholds, StepRunStats, WorkflowRunStats } from './types';

/** Every pattern the stats show on the steps of `def`, in step order; nothing below the minimum samples. */
export function detectPatterns(
  def: WorkflowDefinition,
  stats: WorkflowRunStats,
  registry: StepRegistry,
  t: LearningThresholds,
): LearningPattern[] {
  if (stats.runs.started < t.minRuns) return [];
  const byId = new Map(stats.steps.map((s) => [s.stepId, s]));
  const automaticP50 = new Map<string, number>();
  for (const step of def.steps) {
    const s = byId.get(step.id);
    if (s && s.durationMs.p50 !== null && s.completed >= t.minStepSamples && !waitsForPeople(step, registry)) automaticP50.set(step.id, s.durationMs.p50);
  }
  const patterns: LearningPattern[] = [];
  for (const step of def.steps) {
    const s = byId.get(step.id);
    if (!s) continue;
    const found = [
      rejects(step, s, t),
      failures(step, s, t),
      slowness(step, s, t, automaticP50),
      unusedBranches(step, s, t),
      abandonment(step, s, t, stats.abandonAfterDays),
    ];
    patterns.push(...found.filter((p): p is LearningPattern => p !== null));
  }
  return patterns;
}

/** Forms wait for answers and reviewed AI steps for a reviewer: their durations are people's time. */
export function waitsForPeople(step: WorkflowStep, registry: StepRegistry): boolean {
  const executor = registry.get(step.type);
  if (!executor) return false;
  return executor.submit !== undefined || (executor.long && step.config.auto_accept !== true);
}

function rejects(step: WorkflowStep, s: StepRunStats, t: LearningThresholds): LearningPattern | null {
  const answers = s.rejected + s.accepted;
  if (step.type !== 'ai_generated' || answers < t.minStepSamples || s.rejected / answers < t.rejectRate) return null;
  const top = s.feedback[0];
  const said = top ? `the most common feedback: "${top.text}" (${top.count} times)` : 'reviewers left no feedback';
  return {
    kind: 'high_reject_rate',
    stepId: step.id,
    stepName: step.name,
    why: `${s.rejected} of ${answers} answers (${percent(s.rejected, answers)}) were rejected; ${said}.`,
    evidence: { rejected: s.rejected, answers, rejectRate: ratio(s.rejected, answers), feedback: s.feedback.slice(0, 3).map((f) => f.text), approveMsP50: s.approveMsP50 },
    samples: answers,
  };
}

function failures(step: WorkflowStep, s: StepRunStats, t: LearningThresholds): LearningPattern | null {
  if (s.reached < t.minStepSamples || s.failed / s.reached < t.failureRate) return null;
  const top = s.failureCodes[0];
  return {
    kind: 'high_failure_rate',
    stepId: step.id,
    stepName: step.name,
    why: `It failed in ${s.failed} of ${s.reached} runs (${percent(s.failed, s.reached)})${top ? `; the most common error: ${top.code} (${top.count} times)` : ''}.`,
    evidence: { failed: s.failed, reached: s.reached, failureRate: ratio(s.failed, s.reached), topError: top?.code ?? null, durationP95Ms: s.durationMs.p95 },
    samples: s.reached,
  };
}

function slowness(step: WorkflowStep, s: StepRunStats, t: LearningThresholds, automaticP50: ReadonlyMap<string, number>): LearningPattern | null {
  const own = automaticP50.get(step.id);
  const others = [...automaticP50].filter(([id]) => id !== step.id).map(([, ms]) => ms);
  if (own === undefined || others.length === 0 || own < t.minSlowMs) return null;
  const rest = median(others);
  if (own < t.slowFactor * Math.max(rest, 1)) return null;
  const times = Math.round(own / Math.max(rest, 1));
  return {
    kind: 'slow_step',
    stepId: step.id,
    stepName: step.name,
    why: `Its median time is ${seconds(own)} (95th percentile ${seconds(s.durationMs.p95 ?? own)}) over ${s.completed} runs, ${times} times the median of the other automatic steps (${seconds(rest)}).`,
    evidence: { p50Ms: own, p95Ms: s.durationMs.p95, othersP50Ms: rest, completed: s.completed, timeoutMs: step.timeout_ms ?? null },
    samples: s.completed,
  };
}

function unusedBranches(step: WorkflowStep, s: StepRunStats, t: LearningThresholds): LearningPattern | null {
  if (step.type !== 'decision') return null;
  const decisions = Object.values(s.branches).reduce((a, b) => a + b, 0);
  const branches = Array.isArray(step.config.branches) ? (step.config.branches as { id: string }[]) : [];
  const unused = branches.map((b) => b.id).filter((id) => !s.branches[id]);
  if (decisions < t.minDecisions || unused.length === 0) return null;
  const names = unused.map((id) => `"${id}"`).join(', ');
  return {
    kind: 'unused_branch',
    stepId: step.id,
    stepName: step.name,
    why: `${unused.length === 1 ? 'Branch' : 'Branches'} ${names} ${unused.length === 1 ? 'was' : 'were'} never taken in ${decisions} decisions.`,
    evidence: { decisions, unusedBranches: unused, ...Object.fromEntries(Object.entries(s.branches).map(([id, n]) => [`taken_${id}`, n])) },
    samples: decisions,
  };
}

function abandonment(step: WorkflowStep, s: StepRunStats, t: LearningThresholds, afterDays: number): LearningPattern | null {
  if (step.type !== 'data_collection' || s.reached < t.minStepSamples || s.abandoned / s.reached < t.abandonRate) return null;
  return {
    kind: 'abandoned_form',
    stepId: step.id,
    stepName: step.name,
    why: `${s.abandoned} of ${s.reached} runs (${percent(s.abandoned, s.reached)}) stopped at this form: cancelled there or left waiting more than ${afterDays} days.`,
    evidence: { abandoned: s.abandoned, reached: s.reached, abandonRate: ratio(s.abandoned, s.reached), afterDays },
    samples: s.reached,
  };
}

const ratio = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 1000) / 1000);
const percent = (n: number, d: number) => `${Math.round((n / d) * 100)}%`;
const seconds = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
