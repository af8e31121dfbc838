import type { CompiledDefinition } from './compiled';
import type { RunDraft } from './draft';
import type { StepRecord } from './run';

const resolved = (s: StepRecord | undefined) => s?.status === 'completed' || s?.status === 'skipped';

/**
 * Marks pending steps whose dependencies were all skipped as skipped (in dependency order, so
 * skipping propagates) and returns the steps that are ready to run.
 */
export function settle(draft: RunDraft, compiled: CompiledDefinition): string[] {
  const steps = draft.run.steps;
  const ready: string[] = [];
  for (const id of compiled.order) {
    const record = steps[id];
    if (record?.status !== 'pending') continue;
    const deps = compiled.steps.get(id)!.step.dependencies;
    if (!deps.every((d) => resolved(steps[d]))) continue;
    if (deps.length > 0 && deps.every((d) => steps[d]!.status === 'skipped')) draft.skip(id);
    else ready.push(id);
  }
  return ready;
}

/** Once nothing is ready to run, sets the status the running run is in, so it lands in the same commit. */
export function concludeIfSettled(draft: RunDraft, compiled: CompiledDefinition): void {
  if (draft.run.status === 'running' && settle(draft, compiled).length === 0) deriveStatus(draft, compiled);
}

/** With nothing ready to run: the status the run is in, from its steps. */
function deriveStatus(draft: RunDraft, compiled: CompiledDefinition): void {
  const records = Object.values(draft.run.steps);
  const has = (pred: (s: StepRecord) => boolean) => records.some(pred);
  if (has((s) => s.status === 'running')) return draft.setStatus('running');
  if (has((s) => s.status === 'failed')) {
    const failed = records.find((s) => s.status === 'failed')!;
    return draft.setStatus('failed', { code: failed.error?.code ?? 'step_failed', message: failed.error?.message ?? 'A step failed', details: { stepId: failed.stepId } });
  }
  if (has((s) => s.status === 'waiting' && s.waitingFor === 'input')) return draft.setStatus('waiting_for_input');
  if (has((s) => s.status === 'waiting')) return draft.setStatus('waiting_for_review');
  if (records.every(resolved)) {
    draft.run.results = Object.fromEntries(
      compiled.definition.exit_points.map((id) => [id, draft.run.context.data[id] ?? null]),
    );
    return draft.setStatus('completed');
  }
  const blocked = records.filter((s) => s.status === 'pending').map((s) => s.stepId);
  draft.setStatus('failed', {
    code: 'stuck',
    message: `Steps ${blocked.join(', ')} can never run because a step they depend on did not finish`,
  });
}
