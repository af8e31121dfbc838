import type { PlanForecast, PlanForecastState } from './types';

/** Whole seconds, minutes or hours: a forecast from past runs is no more precise than that. */
export function roughDuration(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  return `${Math.round(min / 60)} h`;
}

/** Two significant digits: 1,410 -> "1,400". */
const roughTokens = (n: number) => Number(n.toPrecision(2)).toLocaleString('en-US');
/** One significant digit under a cent ("$0.004"), cents above it. */
const roughCost = (usd: number) => (usd < 0.01 ? `$${Number(usd.toPrecision(1))}` : `$${usd.toFixed(2)}`);

/** What the AI steps should use, e.g. "~1,400 tokens, ~$0.005"; empty when no AI step is expected to call a model. */
function aiUse({ totals }: PlanForecast): string[] {
  if (totals.tokens <= 0) return [];
  const cost = totals.costUsd !== null && totals.costUsd > 0 ? [`~${roughCost(totals.costUsd)}`] : [];
  return [`~${roughTokens(totals.tokens)} tokens`, ...cost];
}

/** The forecast in one or two sentences, e.g. "About 4 s of work, ~1,200 tokens, ~$0.004; based on 37 runs." */
export function forecastSentence(f: PlanForecast): string {
  if (f.runs === 0) {
    const ai = aiUse(f);
    return ai.length > 0 ? `No history yet: estimated from model prices (${ai.join(', ')}).` : 'No history yet to estimate time from.';
  }
  const work = [`About ${roughDuration(f.totals.workMs)} of work`, ...aiUse(f)].join(', ');
  const runs = `based on ${f.runs.toLocaleString('en-US')} ${f.runs === 1 ? 'run' : 'runs'}`;
  const you = f.totals.waitingForYouMs > 0 ? ` Plus about ${roughDuration(f.totals.waitingForYouMs)} waiting for you.` : '';
  return `${work}; ${runs}.${you}`;
}

/** A quiet line under the plan: it never blocks Start, so loading and failures are muted words, not alerts. */
export function PlanForecastLine({ state }: { state: PlanForecastState }) {
  const text =
    state.status === 'loading' ? 'Estimating time and cost…' : state.status === 'error' ? 'No estimate of time and cost right now.' : forecastSentence(state.forecast);
  return (
    <p className="hint plan-forecast" data-testid="plan-forecast" aria-live="polite">
      {text}
    </p>
  );
}
