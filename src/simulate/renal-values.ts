/**
 * Renal lab values (24-h urine protein, UPCR, serum albumin, serum creatinine) of one subject at
 * baseline and weeks 4–24, generated to agree with the latent states (latent.ts) with margins around
 * every CN24H threshold (domain.md 1.2), so rounding to the written precision never flips a state:
 *
 * | state | UP24 (g/day)                  | ALB (g/L)    | SCr / baseline |
 * |-------|-------------------------------|--------------|----------------|
 * | CR    | 0.08–0.40                     | 36.5–46      | 0.85–1.07      |
 * | PR    | 0.60–min(3.2, 0.45·BL)        | 31.5–45      | 0.85–1.07      |
 * | NR    | ≥ max(0.6, 0.6·BL) (< 40 % drop), or PR-range UP24 with ALB 22–28.5 ('albumin'),
 * |       | or PR-range UP24 with SCr 1.26–1.5 × BL ('creatinine')                          |
 *
 * Proteinuria moves log-linearly: a subject keeps a position inside each state's log-interval that
 * drifts downwards with time on treatment. UPCR (g/g) = UP24 × exp(N(0, 0.1²)), so the mean log UPCR
 * ratio to baseline equals the mean log UP24 ratio. Values are unrounded; lb.ts formats them.
 */
import type { Rng } from './random.ts';
import type { LatentResponse } from './latent.ts';

export interface RenalValues {
  /** Index 0 = baseline, 1–6 = weeks 4–24. UP24 in g/day. */
  up: number[];
  /** UPCR in g/g. */
  upcr: number[];
  /** Serum albumin in g/L. */
  alb: number[];
  /** Serum creatinine in µmol/L. */
  scr: number[];
}

export const CrUpRange = [0.08, 0.4] as const;
export const PrUpLow = 0.6;
export const PrUpHigh = (bl: number): number => Math.min(3.2, 0.45 * bl);

/** Draw baseline UP24 (g/day): log-normal, median 3.0, inclusion > 1.0 enforced with margin (≥ 1.15, ≤ 15). */
export function drawBaselineUp(rng: Rng): number {
  for (;;) {
    const v = rng.lognormal(3.0, 0.55);
    if (v >= 1.15 && v <= 15) return v;
  }
}

/** UP24 trajectory (index 0 = baseline) following the latent states. */
export function drawUpTrajectory(rng: Rng, latent: LatentResponse, bl: number): number[] {
  const up = [bl];
  const uCr = rng.between(0.25, 0.85);
  const uPr = rng.between(0.35, 0.95);
  const uNr = rng.between(0.05, 0.75);
  const firstRem = latent.states.findIndex((s) => s !== 'NR');
  let firstCr = -1;
  for (let i = 0; i < 6; i++) {
    const s = latent.states[i];
    const noise = rng.normal(0, 0.06);
    if (s === 'CR') {
      if (firstCr < 0) firstCr = i;
      up.push(inLogRange(CrUpRange[0], CrUpRange[1], uCr - 0.06 * (i - firstCr) + noise));
    } else if (s === 'PR' || latent.nrModes[i] !== 'protein') {
      const since = firstRem >= 0 && firstRem <= i ? i - firstRem : 0;
      up.push(inLogRange(PrUpLow, PrUpHigh(bl), uPr - 0.12 * since + noise));
    } else {
      // Non-response by proteinuria: log-linear fall towards the subject's final level; before a
      // later remission the fall heads for the edge of the NR range; after a relapse it sits mid-range.
      const lo = Math.max(PrUpLow, 0.6 * bl);
      const hi = 1.3 * bl;
      const noChange = Math.log(1 / 0.6) / Math.log(1.3 / 0.6);
      let pos: number;
      if (firstRem > i) pos = noChange - (noChange - 0.12) * ((i + 1) / (firstRem + 1));
      else if (firstRem >= 0) pos = 0.35;
      else pos = noChange - (noChange - uNr) * ((i + 1) / 6);
      up.push(inLogRange(lo, hi, pos + noise));
    }
  }
  return up;
}

/** All four renal parameters for one subject (baseline UP24 given). */
export function drawRenalValues(rng: Rng, latent: LatentResponse, bl: number): RenalValues {
  const up = drawUpTrajectory(rng, latent, bl);
  const upcr = up.map((v) => v * Math.exp(rng.normal(0, 0.1)));
  const alb0 = clamp(37.5 - 6.5 * Math.log(bl / 1.2) + rng.normal(0, 2.5), 18, 44);
  let scr0 = rng.lognormal(66, 0.2);
  if (rng.bernoulli(0.12)) scr0 *= rng.between(1.3, 1.9);
  const alb = [alb0];
  const scr = [scr0];
  const uAlb = rng.between(0.1, 0.9);
  for (let i = 0; i < 6; i++) {
    const s = latent.states[i];
    const mode = latent.nrModes[i];
    const wiggle = rng.normal(0, 0.06);
    if (s === 'CR') alb.push(36.5 + 9.5 * clamp01(uAlb + 0.03 * i + wiggle));
    else if (s === 'PR' || mode === 'creatinine') alb.push(31.5 + 13.5 * clamp01(uAlb + 0.03 * i + wiggle));
    else if (mode === 'albumin') alb.push(22 + 6.5 * clamp01(uAlb + wiggle));
    else alb.push(clamp(alb0 + (40 - alb0) * 0.05 * (i + 1) + rng.normal(0, 1.5), 20, 44));
    if (s === 'NR' && mode === 'creatinine') scr.push(scr0 * rng.between(1.26, 1.5));
    else scr.push(scr0 * clamp(Math.exp(rng.normal(0, 0.04)), 0.85, 1.07));
  }
  return { up, upcr, alb, scr };
}

/** exp of a point at relative position `pos` (clamped to [0.02, 0.98]) of [log lo, log hi]. */
function inLogRange(lo: number, hi: number, pos: number): number {
  const p = Math.min(0.98, Math.max(0.02, pos));
  return Math.exp(Math.log(lo) + p * (Math.log(hi) - Math.log(lo)));
}

function clamp01(x: number): number {
  return clamp(x, 0.02, 0.98);
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
