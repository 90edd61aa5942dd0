/**
 * Stratified (common) risk difference p1 − p2 over K strata (group 1 = experimental), as SAS PROC FREQ
 * `TABLES … / COMMONRISKDIFF` computes it.
 *
 * Algorithm note. Weights are fixed per stratum and normalised to sum 1: 'cmh' (Mantel–Haenszel) wₖ ∝
 * n1ₖn2ₖ/(n1ₖ + n2ₖ); 'inverse-variance' wₖ ∝ 1/Vₖ, Vₖ = p̂1ₖq̂1ₖ/n1ₖ + p̂2ₖq̂2ₖ/n2ₖ. The estimate is
 * d̂ = Σ wₖ(p̂1ₖ − p̂2ₖ). Intervals:
 *  - 'wald': d̂ ± z·SE; SE² is Sato's (1989, Biometrics 45:1323) variance for MH weights (SAS CL=MH) and
 *    1/Σ(1/Vₖ) for inverse-variance weights.
 *  - 'miettinen-nurminen': stratified score interval of Miettinen & Nurminen (1985, Stat Med 4:213, eq. 15):
 *    the δ with |Σ wₖ(p̂1ₖ − p̂2ₖ − δ)| ≤ z·√(Σ wₖ² Ṽₖ(δ)), Ṽₖ the restricted-MLE variance in stratum k × Nₖ/(Nₖ − 1),
 *    weights held fixed (SAS COMMONRISKDIFF(CL=SCORE) with MH weights; = GSK cicalc ci_prop_diff_mn_strata),
 *    found by bisection. Known gap: for the SAS example in shared/reference C-sas-stratified-mn-cmh this gives
 *    (−0.161140, 0.109475) against SAS's (−0.16116, 0.10954); the upper limit differs by 6.5e-5.
 *  - 'newcombe': Newcombe hybrid of stratified Wilson limits for each arm (Yan X, Su XG (2010) Stat Biopharm
 *    Res 2:329-335; SAS CL=NEWCOMBE): arm i's weighted proportion P̂i = Σ wₖp̂iₖ with variance P(1 − P)·Σ wₖ²/niₖ,
 *    i.e. a Wilson interval with effective size ñi = 1/Σ(wₖ²/niₖ).
 * Strata with n1ₖ = 0 or n2ₖ = 0 carry no information on the difference and are dropped (counted in
 * `droppedStrata`; their weight is reported as 0).
 */
import { InputError } from '../core/errors.ts';
import { normalQuantile } from './distributions.ts';
import { bisect } from './proportions/root.ts';
import { scoreVariance } from './proportions/score.ts';
import { assertCount, assertLevel, assertOneOf } from './proportions/validate.ts';
import { sizedWilsonLimits } from './proportions/stratified-wilson.ts';

/** One stratum's 2 × 2 table. */
export interface StratumCounts {
  x1: number;
  n1: number;
  x2: number;
  n2: number;
}

export const StratumWeights = ['cmh', 'inverse-variance'] as const;
export type StratumWeights = (typeof StratumWeights)[number];
export const StratifiedMethod = ['miettinen-nurminen', 'wald', 'newcombe'] as const;
export type StratifiedMethod = (typeof StratifiedMethod)[number];

/** Options of {@link stratifiedRiskDifference}. */
export interface StratifiedOptions {
  weights: StratumWeights;
  method: StratifiedMethod;
  /** Two-sided confidence level in (0, 1); default 0.95. */
  level?: number;
}

/** Stratified risk difference with its interval. */
export interface StratifiedResult {
  estimate: number;
  lower: number;
  upper: number;
  /** Normalised weights, one per input stratum in input order (0 for a dropped stratum). */
  weights: number[];
  /** Standard error of the estimate for method 'wald' (Sato or inverse-variance); null for score methods. */
  se: number | null;
  /** Number of strata dropped because n1 = 0 or n2 = 0. */
  droppedStrata: number;
}

/**
 * Common risk difference over strata with a Wald, stratified Miettinen–Nurminen or stratified Newcombe
 * interval (see the module note for formulas and sources).
 *
 * @throws InputError naming `strata` (empty, a bad count, or no stratum with both arms non-empty; for
 *   inverse-variance weights also a stratum with zero estimated variance), `weights`, `method` or `level`.
 * @example stratifiedRiskDifference([{ x1: 11, n1: 36, x2: 10, n2: 37 }, { x1: 16, n1: 20, x2: 22, n2: 32 }],
 *   { weights: 'cmh', method: 'wald' })
 */
export function stratifiedRiskDifference(strata: readonly StratumCounts[], options: StratifiedOptions): StratifiedResult {
  assertStrata(strata);
  assertOneOf(options?.weights, 'weights', StratumWeights);
  assertOneOf(options.method, 'method', StratifiedMethod);
  const level = options.level ?? 0.95;
  assertLevel(level);
  const kept = strata.map((s, k) => ({ ...s, k })).filter((s) => s.n1 > 0 && s.n2 > 0);
  if (kept.length === 0) throw new InputError('strata', 'no stratum has both arms non-empty');
  const raw = kept.map((s) => rawWeight(s, options.weights));
  const total = raw.reduce((a, b) => a + b, 0);
  const w = raw.map((r) => r / total);
  const estimate = kept.reduce((acc, s, i) => acc + w[i] * (s.x1 / s.n1 - s.x2 / s.n2), 0);
  const z = normalQuantile(1 - (1 - level) / 2);
  const weights = strata.map(() => 0);
  kept.forEach((s, i) => (weights[s.k] = w[i]));
  const base = { estimate, weights, droppedStrata: strata.length - kept.length };
  if (options.method === 'wald') {
    const se = Math.sqrt(options.weights === 'cmh' ? satoVariance(kept) : 1 / total);
    return { ...base, ...clipped(estimate - z * se, estimate + z * se), se };
  }
  const limits = options.method === 'miettinen-nurminen' ? scoreLimits(kept, w, estimate, z) : newcombeLimits(kept, w, z);
  return { ...base, ...clipped(limits.lower, limits.upper), se: null };
}

function assertStrata(strata: readonly StratumCounts[]): void {
  if (!Array.isArray(strata) || strata.length === 0) throw new InputError('strata', 'must be a non-empty array of { x1, n1, x2, n2 }');
  strata.forEach((s, k) => {
    for (const [x, n] of [['x1', 'n1'], ['x2', 'n2']] as const) {
      assertCount(s[n], `strata[${k}].${n}`, 0);
      assertCount(s[x], `strata[${k}].${x}`, 0);
      if (s[x] > s[n]) throw new InputError(`strata[${k}].${x}`, `must be ≤ ${n} (${s[n]}), got ${s[x]}`);
    }
  });
}

function waldVariance(s: StratumCounts): number {
  const p1 = s.x1 / s.n1;
  const p2 = s.x2 / s.n2;
  return (p1 * (1 - p1)) / s.n1 + (p2 * (1 - p2)) / s.n2;
}

function rawWeight(s: StratumCounts & { k: number }, kind: StratumWeights): number {
  if (kind === 'cmh') return (s.n1 * s.n2) / (s.n1 + s.n2);
  const v = waldVariance(s);
  if (!(v > 0)) throw new InputError('strata', `inverse-variance weight undefined: stratum ${s.k} has zero estimated variance (use weights 'cmh')`);
  return 1 / v;
}

/**
 * Sato (1989) variance of the MH risk difference, as in the SAS PROC FREQ documentation:
 * Var = (d̂·P + Q)/(Σ wₖ)², wₖ = n1n2/N, P = Σ (n1²x2 − n2²x1 + n1n2(n2 − n1)/2)/N², Q = Σ (x1(n2 − x2) + x2(n1 − x1))/(2N).
 */
function satoVariance(strata: readonly StratumCounts[]): number {
  let p = 0;
  let q = 0;
  let wSum = 0;
  let num = 0;
  for (const { x1, n1, x2, n2 } of strata) {
    const n = n1 + n2;
    p += (n1 * n1 * x2 - n2 * n2 * x1 + (n1 * n2 * (n2 - n1)) / 2) / (n * n);
    q += (x1 * (n2 - x2) + x2 * (n1 - x1)) / (2 * n);
    wSum += (n1 * n2) / n;
    num += (x1 * n2 - x2 * n1) / n;
  }
  const d = num / wSum;
  return Math.max(0, (d * p + q) / (wSum * wSum));
}

function scoreLimits(strata: readonly StratumCounts[], w: readonly number[], estimate: number, z: number): { lower: number; upper: number } {
  const stat = (delta: number): number => {
    let v = 0;
    strata.forEach((s, i) => (v += w[i] * w[i] * scoreVariance(s.x1, s.n1, s.x2, s.n2, delta, true)));
    const num = estimate - delta;
    if (v > 0) return num / Math.sqrt(v);
    return num === 0 ? 0 : num > 0 ? Infinity : -Infinity;
  };
  const lower = estimate <= -1 ? -1 : bisect((d) => stat(d) - z, -1, estimate);
  const upper = estimate >= 1 ? 1 : bisect((d) => stat(d) + z, estimate, 1);
  return { lower, upper };
}

function newcombeLimits(strata: readonly StratumCounts[], w: readonly number[], z: number): { lower: number; upper: number } {
  const arm = (x: 'x1' | 'x2', n: 'n1' | 'n2') => {
    const p = strata.reduce((acc, s, i) => acc + (w[i] * s[x]) / s[n], 0);
    const effectiveN = 1 / strata.reduce((acc, s, i) => acc + (w[i] * w[i]) / s[n], 0);
    return { p, ...sizedWilsonLimits(p, effectiveN, z) };
  };
  const a1 = arm('x1', 'n1');
  const a2 = arm('x2', 'n2');
  const d = a1.p - a2.p;
  return {
    lower: d - Math.hypot(a1.p - a1.lower, a2.upper - a2.p),
    upper: d + Math.hypot(a1.upper - a1.p, a2.p - a2.lower),
  };
}

function clipped(lower: number, upper: number): { lower: number; upper: number } {
  return { lower: Math.max(-1, lower), upper: Math.min(1, upper) };
}
