import type { ExecutedStep } from './operations';
import type { RunRecord } from './run';

/** Tokens and US dollars spent (or expected to be) on model calls. */
export interface Spend {
  tokens: number;
  usd: number;
}
export type BudgetUnit = keyof Spend;

/** Caps in each unit; a missing or null cap is no limit. */
export interface BudgetCaps {
  tokens?: number | null;
  usd?: number | null;
}

/** Why a run is paused at its budget, and what approving would take. */
export interface BudgetHold {
  /** `run`: this run's own cap; `daily`: the person's cap for today (UTC) over all their runs. */
  scope: 'run' | 'daily';
  unit: BudgetUnit;
  /** The cap, including what was approved for this run so far. */
  cap: number;
  /** Spent so far in this scope. */
  spent: number;
  /** What the steps about to start are expected to cost. */
  estimate: number;
  /** The AI steps that were about to start. */
  stepIds: string[];
  /** The extra amount approving without a figure grants: enough for the steps, and at least the cap again. */
  suggested: number;
  at: string;
}

/** A run's budget state, kept in its context so it is saved with every step commit. */
export interface RunBudget {
  /** Caps chosen at start; the BudgetPort's defaults apply where these are missing. */
  limits?: BudgetCaps;
  spent: Spend;
  /** Extra the person approved beyond the caps, for this run. */
  approved: Spend;
  hold: BudgetHold | null;
}

/**
 * What the engine asks before an AI step starts and after it answered. The caller (the server)
 * knows prices, history and every run of a person; the engine decides.
 */
export interface BudgetPort {
  /** The caps for this run (per run) and for its person (per day). */
  limits(run: RunRecord): Promise<{ run: BudgetCaps; daily: BudgetCaps }>;
  /** What the person spent today (UTC) on all their runs, this one included. */
  spentToday(userId: string, now: Date): Promise<Spend>;
  /** What one attempt of the step is expected to cost. */
  estimate(run: RunRecord, stepId: string): Promise<Spend>;
  /** The USD cost of a call's tokens; null when the model's price is unknown (counted as 0). */
  cost(model: string, usage: { inputTokens: number; outputTokens: number }): number | null;
}

const ZERO: Spend = { tokens: 0, usd: 0 };
const UNITS: readonly BudgetUnit[] = ['tokens', 'usd'];

export function runBudget(run: RunRecord): RunBudget {
  return run.context.budget ?? { spent: { ...ZERO }, approved: { ...ZERO }, hold: null };
}

/**
 * The first cap that starting `stepIds` would go over, or null when they may start. Every cap is
 * checked with what was approved for this run added to it.
 */
export async function budgetHold(port: BudgetPort, run: RunRecord, stepIds: string[], now: Date): Promise<BudgetHold | null> {
  const budget = runBudget(run);
  const limits = await port.limits(run);
  const runCaps = { ...limits.run, ...definedCaps(budget.limits) };
  const dailyCaps = limits.daily;
  const needsDaily = UNITS.some((u) => isCap(dailyCaps[u]));
  const [today, estimates] = await Promise.all([
    needsDaily ? port.spentToday(run.userId, now) : Promise.resolve(ZERO),
    Promise.all(stepIds.map((id) => port.estimate(run, id))),
  ]);
  const estimate = estimates.reduce((sum, e) => ({ tokens: sum.tokens + e.tokens, usd: sum.usd + e.usd }), ZERO);
  const scopes = [
    { scope: 'run' as const, caps: runCaps, spent: budget.spent },
    { scope: 'daily' as const, caps: dailyCaps, spent: today },
  ];
  for (const { scope, caps, spent } of scopes) {
    for (const unit of UNITS) {
      const base = caps[unit];
      if (!isCap(base)) continue;
      const cap = base + budget.approved[unit];
      if (spent[unit] + estimate[unit] <= cap) continue;
      const shortfall = spent[unit] + estimate[unit] - cap;
      return {
        scope,
        unit,
        cap: round(unit, cap),
        spent: round(unit, spent[unit]),
        estimate: round(unit, estimate[unit]),
        stepIds,
        suggested: roundUp(unit, Math.max(shortfall, base)),
        at: now.toISOString(),
      };
    }
  }
  return null;
}

/** What a finished (or failed) AI attempt spent, from the usage its executor reported. */
export function spendOf(port: BudgetPort, executed: ExecutedStep): Spend {
  const source = executed.kind === 'done' ? executed.outcome.input : executed.error.details;
  const record = source && typeof source === 'object' ? (source as { model?: unknown; usage?: unknown }) : {};
  const usage = record.usage && typeof record.usage === 'object' ? (record.usage as Record<string, unknown>) : null;
  if (!usage || typeof record.model !== 'string') return ZERO;
  const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);
  const inputTokens = count(usage.inputTokens);
  const outputTokens = count(usage.outputTokens);
  const tokens = count(usage.totalTokens) || inputTokens + outputTokens;
  return { tokens, usd: port.cost(record.model, { inputTokens, outputTokens }) ?? 0 };
}

export function addSpend(budget: RunBudget, spend: Spend): RunBudget {
  return { ...budget, spent: { tokens: budget.spent.tokens + spend.tokens, usd: round('usd', budget.spent.usd + spend.usd) } };
}

function isCap(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function definedCaps(caps: BudgetCaps | undefined): BudgetCaps {
  return Object.fromEntries(Object.entries(caps ?? {}).filter(([, v]) => isCap(v)));
}

/** Tokens are whole; dollars to 1/100 of a cent, as costs are stored. */
function round(unit: BudgetUnit, value: number): number {
  return unit === 'tokens' ? Math.round(value) : Math.round(value * 10_000) / 10_000;
}

function roundUp(unit: BudgetUnit, value: number): number {
  return unit === 'tokens' ? Math.ceil(value) : Math.ceil(value * 100) / 100;
}
