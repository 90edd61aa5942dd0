/**
 * Exact unconditional non-inferiority test for a risk difference (Chan ISF (1998) Exact tests of equivalence
 * and efficacy with a non-zero lower bound for comparative studies. Stat Med 17:1403-1413; Chan & Zhang 1999
 * Biometrics 55:1202). H0: p1 − p2 ≤ −M vs H1: p1 − p2 > −M, group 1 = experimental.
 *
 * Algorithm note. Tables (a, b), 0 ≤ a ≤ n1, 0 ≤ b ≤ n2, are ordered by the Farrington–Manning score statistic
 * Z(a, b) at δ0 = −M (restricted-MLE variance, no N/(N − 1) factor). The tail is every table with
 * Z ≥ Z(x1, x2) (ties within 1e-9 relative count as in the tail). On the H0 boundary p1 = π − M, p2 = π,
 * π ∈ [M, 1], the tail probability is P(π) = Σ_a Bin(a; n1, π − M) · Σ_{b ∈ tail(a)} Bin(b; n2, π), and the
 * p-value is sup_π P(π) (the sup over the whole null space is attained on the boundary, Chan 1998 sect. 2).
 * Z is computed once for all (n1 + 1)(n2 + 1) tables; for each a the tail is stored as runs of consecutive b so
 * each P(π) costs O(n1 + n2) through the cumulative Bin(·; n2, π). Binomial pmfs are computed in log space.
 * The sup is searched on a grid of `gridPoints` (default 1000) equally spaced π, then refined by golden-section
 * search in the two grid cells around the best grid point. Berger–Boos restriction is not implemented.
 */
import { logGamma } from './distributions.ts';
import { scoreZ } from './proportions/score.ts';
import { InputError } from '../core/errors.ts';
import { assertCount, assertMargin, assertTwoArms } from './proportions/validate.ts';

/** Result of {@link exactUnconditionalNITest}. */
export interface ExactUnconditionalResult {
  /** sup over the nuisance parameter of P(Z ≥ z_obs) on the H0 boundary, in [0, 1]. */
  pValue: number;
  /** The control-arm rate p2 = π at which the sup is attained (p1 = π − margin there). */
  nuisanceAtSup: number;
  /** Observed Farrington–Manning statistic at −margin (±∞ when its variance is 0). */
  z: number;
}

/**
 * Most 2×2 tables the exact test enumerates (about 3,160 subjects per arm; 0.5 s at 3,000 per arm on this machine, with cost growing as n1·n2). Larger samples are
 * an InputError: the score test's normal approximation is accurate long before that.
 */
export const ExactEnumerationLimit = 10_000_000;

/** Number of 2×2 tables the exact test enumerates for arms of n1 and n2: (n1 + 1)(n2 + 1); its cost grows with it. */
export function exactTableCount(n1: number, n2: number): number {
  return (n1 + 1) * (n2 + 1);
}

/**
 * Exact unconditional (Chan 1998) p-value for non-inferiority of arm 1 with margin M on p1 − p2.
 *
 * @param options.gridPoints number of grid intervals for the nuisance search (≥ 1000, default 1000).
 * @throws InputError naming `x1`, `n1`, `x2`, `n2`, `margin` or `gridPoints`; `n1` also when
 *   (n1 + 1)(n2 + 1) exceeds ExactEnumerationLimit.
 * @example exactUnconditionalNITest(85, 115, 80, 115, 0.15).pValue // ≈ 0.0006, close to the asymptotic FM p
 */
export function exactUnconditionalNITest(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  margin: number,
  options: { gridPoints?: number } = {},
): ExactUnconditionalResult {
  assertTwoArms(x1, n1, x2, n2);
  assertMargin(margin);
  // The enumeration is over (n1 + 1)(n2 + 1) tables: beyond ExactEnumerationLimit it would run for hours.
  const tables = exactTableCount(n1, n2);
  if (tables > ExactEnumerationLimit) {
    throw new InputError('n1', `(n1 + 1)(n2 + 1) = ${tables} tables exceed ${ExactEnumerationLimit}: the exact test is impractical here; use the score test`);
  }
  const gridPoints = options.gridPoints ?? 1000;
  assertCount(gridPoints, 'gridPoints', 1000);
  const zObs = scoreZ(x1, n1, x2, n2, -margin, false);
  const runs = tailRuns(n1, n2, margin, zObs);
  const tail = makeTailProbability(n1, n2, margin, runs);
  const lo = margin;
  const step = (1 - margin) / gridPoints;
  let best = 0;
  let bestPi = lo;
  let bestK = 0;
  for (let k = 0; k <= gridPoints; k++) {
    const pi = k === gridPoints ? 1 : lo + k * step;
    const p = tail(pi);
    if (p > best) {
      best = p;
      bestPi = pi;
      bestK = k;
    }
  }
  const refined = goldenMax(tail, Math.max(lo, lo + (bestK - 1) * step), Math.min(1, lo + (bestK + 1) * step));
  if (refined.value > best) {
    best = refined.value;
    bestPi = refined.x;
  }
  return { pValue: Math.min(1, best), nuisanceAtSup: bestPi, z: zObs };
}

/** For each a = 0..n1, the runs [start, end] (inclusive) of b with Z(a, b) ≥ zObs, flattened per a. */
function tailRuns(n1: number, n2: number, margin: number, zObs: number): Int32Array[] {
  const tieTolerance = Number.isFinite(zObs) ? 1e-9 * Math.max(1, Math.abs(zObs)) : 0;
  const out: Int32Array[] = [];
  for (let a = 0; a <= n1; a++) {
    const runs: number[] = [];
    let start = -1;
    for (let b = 0; b <= n2 + 1; b++) {
      const inTail = b <= n2 && scoreZ(a, n1, b, n2, -margin, false) >= zObs - tieTolerance;
      if (inTail && start < 0) start = b;
      if (!inTail && start >= 0) {
        runs.push(start, b - 1);
        start = -1;
      }
    }
    out.push(Int32Array.from(runs));
  }
  return out;
}

/** P(π): probability of the tail at p1 = π − margin, p2 = π. */
function makeTailProbability(n1: number, n2: number, margin: number, runs: Int32Array[]): (pi: number) => number {
  const logC1 = logBinomialCoefficients(n1);
  const logC2 = logBinomialCoefficients(n2);
  const pmf1 = new Float64Array(n1 + 1);
  const pmf2 = new Float64Array(n2 + 1);
  const cdf2 = new Float64Array(n2 + 2); // cdf2[b] = P(X2 < b)
  return (pi: number): number => {
    binomialPmf(n1, Math.max(0, pi - margin), logC1, pmf1);
    binomialPmf(n2, pi, logC2, pmf2);
    for (let b = 0; b <= n2; b++) cdf2[b + 1] = cdf2[b] + pmf2[b];
    let total = 0;
    for (let a = 0; a <= n1; a++) {
      const r = runs[a];
      if (r.length === 0 || pmf1[a] === 0) continue;
      let inner = 0;
      for (let i = 0; i < r.length; i += 2) inner += cdf2[r[i + 1] + 1] - cdf2[r[i]];
      total += pmf1[a] * inner;
    }
    return total;
  };
}

function logBinomialCoefficients(n: number): Float64Array {
  const out = new Float64Array(n + 1);
  const lgN = logGamma(n + 1);
  for (let k = 0; k <= n; k++) out[k] = lgN - logGamma(k + 1) - logGamma(n - k + 1);
  return out;
}

/** Binomial(n, p) pmf into `out`, from log C(n, k) + k log p + (n − k) log(1 − p); exact 0/1 at p ∈ {0, 1}. */
function binomialPmf(n: number, p: number, logC: Float64Array, out: Float64Array): void {
  if (p <= 0 || p >= 1) {
    out.fill(0);
    out[p <= 0 ? 0 : n] = 1;
    return;
  }
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  for (let k = 0; k <= n; k++) out[k] = Math.exp(logC[k] + k * lp + (n - k) * lq);
}

/** Golden-section search for the maximum of f on [a, b] (60 iterations, bracket shrinks by 0.618 each). */
function goldenMax(f: (x: number) => number, a: number, b: number): { x: number; value: number } {
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 60 && b - a > 1e-13; i++) {
    if (fc >= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return fc >= fd ? { x: c, value: fc } : { x: d, value: fd };
}
