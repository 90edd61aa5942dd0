/**
 * Stratified (common) risk difference p1 − p2 over K strata (group 1 = experimental), as SAS PROC FREQ
 * `TABLES … / COMMONRISKDIFF` computes it.
 *
 * Algorithm note. Weights are normalised to sum 1:
 *  - 'cmh' (Mantel–Haenszel): wₖ ∝ n1ₖn2ₖ/(n1ₖ + n2ₖ), fixed;
 *  - 'inverse-variance': wₖ ∝ 1/Vₖ, Vₖ = p̂1ₖq̂1ₖ/n1ₖ + p̂2ₖq̂2ₖ/n2ₖ, fixed;
 *  - 'miettinen-nurminen' (score method only): the iterative weights of Miettinen & Nurminen (1985, Stat Med
 *    4:213-226, section on stratified analysis), which change with the null difference δ being tested:
 *    wₖ(δ) ∝ 1/(P̄1(1 − P̄1)/n1ₖ + P̄2(1 − P̄2)/n2ₖ), where P̄i = Σ wₖ(δ) p̃iₖ(δ) is the weighted mean of the
 *    stratum restricted MLEs under δ; the fixed point is found by iteration starting from MH weights (to
 *    which the formula reduces when P̄1(1 − P̄1) = P̄2(1 − P̄2), and which are used when both are 0). This is
 *    the default weighting of SAS Viya PROC FREQ `COMMONRISKDIFF(CL=MN)` (added in Viya LTS 2023.10; MH
 *    weights there are `CL=MNMH`; per P. Laud's ratesci-sas README), and the formula is the one R ratesci
 *    `scoreci(stratified = TRUE, weighting = "MN", skew = FALSE)` iterates (ratesci R/scoreci.R).
 * For fixed weights the estimate is d̂ = Σ wₖ(p̂1ₖ − p̂2ₖ); for 'miettinen-nurminen' weights it is the root of
 * the stratified score Σ wₖ(δ)(p̂1ₖ − p̂2ₖ − δ) = 0 (MN 1985; ratesci). Intervals:
 *  - 'wald': d̂ ± z·SE; SE² is Sato's (1989, Biometrics 45:1323) variance for MH weights (SAS CL=MH) and
 *    1/Σ(1/Vₖ) for inverse-variance weights.
 *  - 'miettinen-nurminen': stratified score interval of Miettinen & Nurminen (1985, eq. 15): the δ with
 *    |Σ wₖ(p̂1ₖ − p̂2ₖ − δ)| ≤ z·√(Σ wₖ² Ṽₖ(δ)), Ṽₖ the restricted-MLE variance in stratum k × Nₖ/(Nₖ − 1),
 *    found by bisection. With 'cmh' weights this equals GSK cicalc `ci_prop_diff_mn_strata(method = "score")`;
 *    with 'miettinen-nurminen' weights it reproduces the SAS stratified MN limits quoted in shared/reference
 *    C-sas-stratified-mn-cmh: (−0.161156, 0.109537) against SAS's (−0.16116, 0.10954), whereas MH weights give
 *    (−0.161140, 0.109475).
 *  - 'newcombe': Newcombe hybrid of stratified Wilson limits for each arm (Yan X, Su XG (2010) Stat Biopharm
 *    Res 2:329-335; SAS CL=NEWCOMBE): arm i's weighted proportion P̂i = Σ wₖp̂iₖ with variance P(1 − P)·Σ wₖ²/niₖ,
 *    i.e. a Wilson interval with effective size ñi = 1/Σ(wₖ²/niₖ).
 * Strata with n1ₖ = 0 or n2ₖ = 0 carry no information on the difference and are dropped (counted in
 * `droppedStrata`; their weight is reported as 0).
 */
import { ConvergenceError, InputError } from '../core/errors.ts';
import { normalQuantile } from './distributions.ts';
import { bisect } from './root.ts';
import { ratioOrInfinity, restrictedMle, scoreVariance } from './proportions/score.ts';
import { assertCount, assertLevel, assertOneOf, assertTableCounts } from './proportions/validate.ts';
import { sizedWilsonLimits } from './proportions/stratified-wilson.ts';

/** One stratum's 2 × 2 table. */
export interface StratumCounts {
  x1: number;
  n1: number;
  x2: number;
  n2: number;
}

/** Stratum weighting: Mantel–Haenszel, inverse (Wald) variance, or Miettinen–Nurminen iterative (score method only). */
export const StratumWeights = ['cmh', 'inverse-variance', 'miettinen-nurminen'] as const;
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
  /**
   * Normalised weights, one per input stratum in input order (0 for a dropped stratum); for
   * 'miettinen-nurminen' weights, their value at the estimate.
   */
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
 *   inverse-variance weights also a stratum with zero estimated variance), `weights` (unknown, or
 *   'miettinen-nurminen' with a method other than 'miettinen-nurminen'), `method` or `level`.
 * @throws ConvergenceError if the Miettinen–Nurminen weight iteration does not settle (not seen in practice).
 * @example stratifiedRiskDifference([{ x1: 11, n1: 36, x2: 10, n2: 37 }, { x1: 16, n1: 20, x2: 22, n2: 32 }],
 *   { weights: 'cmh', method: 'wald' })
 */
export function stratifiedRiskDifference(strata: readonly StratumCounts[], options: StratifiedOptions): StratifiedResult {
  assertStrata(strata);
  assertOneOf(options?.weights, 'weights', StratumWeights);
  assertOneOf(options.method, 'method', StratifiedMethod);
  const level = options.level ?? 0.95;
  assertLevel(level);
  const kind = options.weights;
  if (kind === 'miettinen-nurminen' && options.method !== 'miettinen-nurminen') {
    throw new InputError('weights', `'miettinen-nurminen' weights depend on the null difference and are defined only for method 'miettinen-nurminen', got method '${options.method}'`);
  }
  const kept = strata.map((s, k) => ({ ...s, k })).filter((s) => s.n1 > 0 && s.n2 > 0);
  if (kept.length === 0) throw new InputError('strata', 'no stratum has both arms non-empty');
  const z = normalQuantile(1 - (1 - level) / 2);
  const inInputOrder = (w: readonly number[]): number[] => {
    const all = strata.map(() => 0);
    kept.forEach((s, i) => (all[s.k] = w[i]));
    return all;
  };
  const droppedStrata = strata.length - kept.length;
  if (kind === 'miettinen-nurminen') {
    const { estimate, lower, upper, weights } = mnWeightedScoreInterval(kept, z);
    return { estimate, ...clipped(lower, upper), weights: inInputOrder(weights), se: null, droppedStrata };
  }
  const raw = kept.map((s) => rawWeight(s, kind));
  const total = raw.reduce((a, b) => a + b, 0);
  const w = raw.map((r) => r / total);
  const estimate = kept.reduce((acc, s, i) => acc + w[i] * (s.x1 / s.n1 - s.x2 / s.n2), 0);
  const base = { estimate, weights: inInputOrder(w), droppedStrata };
  if (options.method === 'wald') {
    const se = Math.sqrt(kind === 'cmh' ? satoVariance(kept) : 1 / total);
    return { ...base, ...clipped(estimate - z * se, estimate + z * se), se };
  }
  const limits = options.method === 'miettinen-nurminen' ? scoreLimits(kept, () => w, estimate, z) : newcombeLimits(kept, w, z);
  return { ...base, ...clipped(limits.lower, limits.upper), se: null };
}

/**
 * Stratified MN score estimate and interval with the δ-dependent Miettinen–Nurminen weights; `weights` are
 * those at the estimate.
 */
function mnWeightedScoreInterval(strata: readonly StratumCounts[], z: number): { estimate: number; lower: number; upper: number; weights: number[] } {
  const weightsAt = (delta: number): number[] => mnWeights(strata, delta);
  const estimate = scoreEstimate(strata, weightsAt);
  return { estimate, ...scoreLimits(strata, weightsAt, estimate, z), weights: weightsAt(estimate) };
}

function assertStrata(strata: readonly StratumCounts[]): void {
  if (!Array.isArray(strata) || strata.length === 0) throw new InputError('strata', 'must be a non-empty array of { x1, n1, x2, n2 }');
  strata.forEach((s, k) => assertTableCounts(s, `strata[${k}]`));
}

function waldVariance(s: StratumCounts): number {
  const p1 = s.x1 / s.n1;
  const p2 = s.x2 / s.n2;
  return (p1 * (1 - p1)) / s.n1 + (p2 * (1 - p2)) / s.n2;
}

function mhWeight(s: StratumCounts): number {
  return (s.n1 * s.n2) / (s.n1 + s.n2);
}

function rawWeight(s: StratumCounts & { k: number }, kind: Exclude<StratumWeights, 'miettinen-nurminen'>): number {
  if (kind === 'cmh') return mhWeight(s);
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

/** Normalised copy of positive raw weights. */
function normalised(raw: readonly number[]): number[] {
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((r) => r / total);
}

const MN_WEIGHT_TOLERANCE = 1e-13;
const MN_WEIGHT_MAX_ITERATIONS = 1000;

/**
 * Miettinen–Nurminen (1985) iterative stratum weights under H0: p1 − p2 = delta (see the module note):
 * wₖ ∝ 1/(P̄1(1 − P̄1)/n1ₖ + P̄2(1 − P̄2)/n2ₖ) with P̄i the wₖ-weighted mean of the restricted MLEs p̃iₖ(delta),
 * iterated from MH weights to a fixed point (largest change in a normalised weight ≤ 1e-13).
 */
function mnWeights(strata: readonly StratumCounts[], delta: number): number[] {
  const mle = strata.map((s) => restrictedMle(s.x1, s.n1, s.x2, s.n2, delta));
  let w = normalised(strata.map(mhWeight));
  for (let iteration = 0; iteration < MN_WEIGHT_MAX_ITERATIONS; iteration++) {
    const p1 = mle.reduce((acc, m, i) => acc + w[i] * m.p1, 0);
    const p2 = mle.reduce((acc, m, i) => acc + w[i] * m.p2, 0);
    const v1 = p1 * (1 - p1);
    const v2 = p2 * (1 - p2);
    // Both pooled restricted proportions at 0 or 1 (only at δ = ±1 or all-0/all-1 data): the equal-variance
    // limit of the formula, i.e. the MH weights already in w.
    if (!(v1 > 0 || v2 > 0)) return w;
    const next = normalised(strata.map((s) => 1 / (v1 / s.n1 + v2 / s.n2)));
    const change = next.reduce((acc, x, i) => Math.max(acc, Math.abs(x - w[i])), 0);
    w = next;
    if (change <= MN_WEIGHT_TOLERANCE) return w;
  }
  throw new ConvergenceError('stratified Miettinen–Nurminen weights', `no fixed point after ${MN_WEIGHT_MAX_ITERATIONS} iterations at δ = ${delta}`);
}

/** Stratified score numerator Σ wₖ(δ)(p̂1ₖ − p̂2ₖ − δ) and its MN variance Σ wₖ(δ)² Ṽₖ(δ) (× Nₖ/(Nₖ − 1)). */
function stratifiedScore(strata: readonly StratumCounts[], w: readonly number[], delta: number): { num: number; variance: number } {
  let num = 0;
  let variance = 0;
  strata.forEach((s, i) => {
    num += w[i] * (s.x1 / s.n1 - s.x2 / s.n2 - delta);
    variance += w[i] * w[i] * scoreVariance(s.x1, s.n1, s.x2, s.n2, delta, true);
  });
  return { num, variance };
}

/** Point estimate for δ-dependent weights: the root of the stratified score numerator in [−1, 1]. */
function scoreEstimate(strata: readonly StratumCounts[], weightsAt: (delta: number) => readonly number[]): number {
  const num = (d: number): number => stratifiedScore(strata, weightsAt(d), d).num;
  if (num(-1) <= 0) return -1;
  if (num(1) >= 0) return 1;
  return bisect(num, -1, 1);
}

/** Score-interval limits: the δ where the stratified score z statistic equals ±z (weights may depend on δ). */
function scoreLimits(
  strata: readonly StratumCounts[],
  weightsAt: (delta: number) => readonly number[],
  estimate: number,
  z: number,
): { lower: number; upper: number } {
  const stat = (delta: number): number => {
    const { num, variance } = stratifiedScore(strata, weightsAt(delta), delta);
    return ratioOrInfinity(num, variance);
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
