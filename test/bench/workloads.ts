import type { WorkflowDefinitionInput } from '@stepwise/engine';

/** A 10-step automatic workflow: a chain of calculation steps, each compounding the previous result. */
export function tenCalculationSteps(): WorkflowDefinitionInput {
  const steps = Array.from({ length: 10 }, (_, i) => ({
    id: `grow_${i + 1}`,
    name: `Year ${i + 1}`,
    type: 'calculation',
    dependencies: i === 0 ? [] : [`grow_${i}`],
    config: {
      formula: 'compound_growth',
      inputs: {
        principal: i === 0 ? 'input.principal' : `grow_${i}.future_value`,
        monthly_contribution: 'input.monthly',
        annual_rate_pct: 'input.rate',
        years: '1',
      },
    },
  }));
  return {
    id: 'bench-growth',
    name: 'Ten years of growth',
    category: 'bench',
    steps,
    entry_points: ['grow_1'],
    exit_points: ['grow_10'],
  };
}

export const GROWTH_INPUT = { principal: 10_000, monthly: 250, rate: 6 };

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export interface BenchLine {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number; unit: string };
  ratio?: number;
  goal?: string;
  /** What the figure counted, in words. */
  note?: string;
}

export function print(line: BenchLine): void {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  console.log(
    JSON.stringify({
      ...line,
      value: round(line.value),
      ...(line.baseline ? { baseline: { ...line.baseline, value: round(line.baseline.value) } } : {}),
      ...(line.ratio !== undefined ? { ratio: round(line.ratio) } : {}),
    }),
  );
}
