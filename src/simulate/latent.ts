/**
 * Latent renal response state of one subject at each post-baseline scheduled visit (weeks 4–24),
 * drawn FIRST; lab values are then generated to agree with it (renal-values.ts), so that the CN24H
 * rules applied to the written data give the state back.
 *
 * Model (per arm): total remission at week 24 with probability p24; at week 12 with p12, split as
 * P(R12 | R24) = q and P(R12 | not R24) = r (r = 0.125·p12/0.35 by default, i.e. a few early
 * responders relapse), so P(R12) = p24·q + (1 − p24)·r = p12. A remission starts at an onset visit
 * and lasts (relapsers: until a relapse visit after week 12). A week-24 remission is complete with
 * probability crShare; the CR onset is uniform between the remission onset and week 24.
 * A PR needs room between 0.6 g/day and 45 % of baseline: for baseline UP24 < 1.4 g/day a PR is
 * impossible with safe margins and becomes a CR (the remission probability is unchanged).
 */
import type { Rng } from './random.ts';

export type ResponseState = 'CR' | 'PR' | 'NR';
/** How a non-response shows in the data: proteinuria not reduced enough, low albumin, or creatinine rise. */
export type NrMode = 'protein' | 'albumin' | 'creatinine';

export interface LatentResponse {
  /** State at weeks 4, 8, 12, 16, 20, 24 (index 0–5). */
  states: ResponseState[];
  /** For NR visits, how the non-response shows (index 0–5; 'protein' for non-NR visits). */
  nrModes: NrMode[];
}

export interface LatentParameters {
  p24: number;
  p12: number;
  crShare: number;
}

/** Smallest baseline UP24 (g/day) for which a PR can be generated with margins. */
export const MinBaselineForPr = 1.4;

/** Conditional week-12 remission probabilities q = P(R12 | R24), r = P(R12 | not R24). */
export function week12Conditionals(p: LatentParameters): { q: number; r: number } {
  let r = Math.min((0.125 * p.p12) / 0.35, p.p12);
  let q = p.p24 > 0 ? (p.p12 - (1 - p.p24) * r) / p.p24 : 0;
  if (q > 1) {
    q = 1;
    r = p.p24 < 1 ? (p.p12 - p.p24) / (1 - p.p24) : 0;
  } else if (q < 0) {
    q = 0;
    r = p.p24 < 1 ? p.p12 / (1 - p.p24) : 0;
  }
  return { q, r };
}

/** Draw the latent states of one subject with baseline UP24 `baselineUp` (g/day). */
export function drawLatentResponse(rng: Rng, p: LatentParameters, baselineUp: number): LatentResponse {
  const { q, r } = week12Conditionals(p);
  const r24 = rng.bernoulli(p.p24);
  const r12 = rng.bernoulli(r24 ? q : r);
  const cr24 = r24 && rng.bernoulli(p.crShare);
  const states: ResponseState[] = ['NR', 'NR', 'NR', 'NR', 'NR', 'NR'];
  if (r24) {
    const onset = r12 ? rng.weighted([0, 1, 2], [0.15, 0.35, 0.5]) : rng.weighted([3, 4, 5], [0.4, 0.35, 0.25]);
    const crOnset = cr24 ? rng.int(onset, 5) : 6;
    for (let i = onset; i < 6; i++) states[i] = i >= crOnset ? 'CR' : 'PR';
  } else if (r12) {
    const onset = rng.weighted([1, 2], [0.4, 0.6]);
    const relapse = rng.int(3, 5);
    for (let i = onset; i < relapse; i++) states[i] = 'PR';
  }
  const prPossible = baselineUp >= MinBaselineForPr;
  if (!prPossible) for (let i = 0; i < 6; i++) if (states[i] === 'PR') states[i] = 'CR';
  const nrModes: NrMode[] = states.map(() => 'protein');
  if (!r24 && !r12 && prPossible) {
    const mode = rng.weighted<NrMode>(['protein', 'albumin', 'creatinine'], [0.8, 0.12, 0.08]);
    for (let i = 2; i < 6; i++) nrModes[i] = mode;
  }
  return { states, nrModes };
}
