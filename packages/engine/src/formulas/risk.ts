import { z } from 'zod';
import { dec, type Dec, expected, formulaError, HUNDRED, sum } from './money';
import { defineFormula } from './types';

const score15 = () =>
  z
    .number({ error: expected('a number') })
    .int({ error: 'must be a whole number from 1 to 5' })
    .min(1, { error: 'must be from 1 to 5' })
    .max(5, { error: 'must be from 1 to 5' });

/** Horizons this long or longer count as fully long-term. */
const FULL_HORIZON_YEARS = 20;

/** Upper score bound (inclusive) of each profile and its equity target. */
const PROFILES = [
  { upTo: 34, profile: 'conservative', equity: 30 },
  { upTo: 54, profile: 'moderate', equity: 50 },
  { upTo: 74, profile: 'growth', equity: 70 },
  { upTo: 100, profile: 'aggressive', equity: 90 },
] as const;

export type RiskProfile = (typeof PROFILES)[number]['profile'];

/** A 1-5 answer as a 0-1 share of the scale. */
function scaled(answer: number): Dec {
  return dec(answer).minus(1).dividedBy(4);
}

export const riskScore = defineFormula({
  name: 'risk_score',
  description:
    'Risk score 0-100 from questionnaire answers (1-5 each) and/or horizon_years, loss_tolerance and experience; gives a profile and equity target.',
  params: z.object({
    answers: z.record(z.string(), score15(), { error: expected('an object of question ids to 1-5 scores') }).optional(),
    horizon_years: z.number({ error: expected('a number') }).min(0, { error: 'must be 0 or more' }).optional(),
    loss_tolerance: score15().optional(),
    experience: score15().optional(),
  }),
  outputs: ['score', 'profile', 'equity_target_pct', 'bond_target_pct'],
  compute({ answers, horizon_years, loss_tolerance, experience }) {
    // Every answer weighs the same; the score is their mean on a 0-100 scale.
    const parts: Dec[] = Object.values(answers ?? {}).map(scaled);
    if (horizon_years !== undefined) parts.push(dec(Math.min(horizon_years, FULL_HORIZON_YEARS)).dividedBy(FULL_HORIZON_YEARS));
    if (loss_tolerance !== undefined) parts.push(scaled(loss_tolerance));
    if (experience !== undefined) parts.push(scaled(experience));
    if (parts.length === 0) {
      throw formulaError('give answers or at least one of horizon_years, loss_tolerance and experience');
    }
    const score = sum(parts).dividedBy(parts.length).times(HUNDRED).toDecimalPlaces(0).toNumber();
    const band = PROFILES.find((p) => score <= p.upTo) ?? PROFILES[PROFILES.length - 1]!;
    return { score, profile: band.profile, equity_target_pct: band.equity, bond_target_pct: 100 - band.equity };
  },
});
