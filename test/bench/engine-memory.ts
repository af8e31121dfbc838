import { MemoryStore, WorkflowEngine, createDefaultRegistry } from '@stepwise/engine';
import { GROWTH_INPUT, percentile, print, tenCalculationSteps } from './workloads';

/** engine.step_overhead_ms_p50: per-step cost of the engine itself (in-memory store, no I/O). */
export async function benchStepOverhead(runs = 2_000): Promise<void> {
  const registry = createDefaultRegistry();
  const engine = new WorkflowEngine({ store: new MemoryStore(), registry });
  const definition = engine.validate(tenCalculationSteps());
  const perStep: number[] = [];
  for (let i = 0; i < runs + 200; i++) {
    const t0 = performance.now();
    const run = await engine.start({ workflowId: 'bench', definition, userId: 'u', sessionId: 's', input: GROWTH_INPUT });
    const ms = (performance.now() - t0) / 10;
    if (run.status !== 'completed') throw new Error(`bench run ended ${run.status}`);
    if (i >= 200) perStep.push(ms); // first 200 runs warm the JIT
  }
  print({ name: 'engine.step_overhead_ms_p50', value: percentile(perStep, 50), unit: 'ms', goal: '< 0.2' });
  print({ name: 'engine.step_overhead_ms_p99', value: percentile(perStep, 99), unit: 'ms' });
}
