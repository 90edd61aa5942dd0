/**
 * Score statistic for a risk difference under H0: p1 − p2 = δ, with the restricted maximum-likelihood
 * estimates (p̃1, p̃2 = p̃1 − δ) in closed form.
 *
 * Algorithm: Farrington CP, Manning G (1990) Test statistics and sample size formulae for comparative
 * binomial trials with null hypothesis of non-zero risk difference or non-unity relative risk. Stat Med
 * 9:1447-1454, eq. (7)-(8): with θ = n2/n1 the restricted MLE of p1 is the root in [max(0, δ), min(1, 1 + δ)]
 * of a·p³ + b·p² + c·p + d = 0,
 *   a = 1 + θ,  b = −(1 + θ + p̂1 + θ·p̂2 + δ(θ + 2)),  c = δ² + δ(2p̂1 + θ + 1) + p̂1 + θ·p̂2,  d = −p̂1·δ(1 + δ),
 * taken from the trigonometric solution p̃1 = 2u·cos(w) − b/(3a), w = (π + acos(v/u³))/3,
 * v = b³/(3a)³ − bc/(6a²) + d/(2a), u = sign(v)·√(b²/(3a)² − c/(3a)) (Miettinen & Nurminen 1985, Stat Med
 * 4:213-226, Appendix 1, the same cubic). The variance is V(δ) = p̃1(1 − p̃1)/n1 + p̃2(1 − p̃2)/n2, multiplied by
 * N/(N − 1), N = n1 + n2, for the Miettinen–Nurminen version (Newcombe 1998 method 6); without the factor it is
 * the Farrington–Manning (and Mee 1984) variance.
 */

/** Restricted MLE (p̃1, p̃2) of the two proportions under p1 − p2 = δ. */
export interface RestrictedMle {
  p1: number;
  p2: number;
}

/** Closed-form restricted MLE under H0: p1 − p2 = delta (Farrington & Manning 1990 eq. 7-8), −1 ≤ delta ≤ 1. */
export function restrictedMle(x1: number, n1: number, x2: number, n2: number, delta: number): RestrictedMle {
  const p1hat = x1 / n1;
  const p2hat = x2 / n2;
  const theta = n2 / n1;
  const a = 1 + theta;
  const b = -(1 + theta + p1hat + theta * p2hat + delta * (theta + 2));
  const c = delta * delta + delta * (2 * p1hat + theta + 1) + p1hat + theta * p2hat;
  const d = -p1hat * delta * (1 + delta);
  const b3a = b / (3 * a);
  const v = b3a * b3a * b3a - (b * c) / (6 * a * a) + d / (2 * a);
  const uSquared = b3a * b3a - c / (3 * a);
  const u = (v < 0 ? -1 : 1) * Math.sqrt(Math.max(0, uSquared));
  let p1: number;
  if (u === 0) {
    p1 = -b3a;
  } else {
    const cosArg = Math.min(1, Math.max(-1, v / (u * u * u)));
    const w = (Math.PI + Math.acos(cosArg)) / 3;
    p1 = 2 * u * Math.cos(w) - b3a;
  }
  // Rounding can push the root a hair outside the parameter space: clamp to it.
  p1 = Math.min(Math.min(1, 1 + delta), Math.max(Math.max(0, delta), p1));
  const p2 = Math.min(1, Math.max(0, p1 - delta));
  return { p1, p2 };
}

/** Variance of p̂1 − p̂2 under H0: p1 − p2 = delta, from the restricted MLE; × N/(N − 1) when `mnCorrection`. */
export function scoreVariance(x1: number, n1: number, x2: number, n2: number, delta: number, mnCorrection: boolean): number {
  const { p1, p2 } = restrictedMle(x1, n1, x2, n2, delta);
  const v = (p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2;
  const n = n1 + n2;
  return mnCorrection ? (v * n) / (n - 1) : v;
}

/**
 * Score z statistic (p̂1 − p̂2 − δ)/√V(δ). When V(δ) = 0 (restricted MLE on the boundary, e.g. 0/n vs 0/n at
 * δ = 0) the statistic is 0 if the numerator is 0, and ±∞ with the numerator's sign otherwise (never NaN).
 */
export function scoreZ(x1: number, n1: number, x2: number, n2: number, delta: number, mnCorrection: boolean): number {
  const num = x1 / n1 - x2 / n2 - delta;
  const v = scoreVariance(x1, n1, x2, n2, delta, mnCorrection);
  return ratioOrInfinity(num, v);
}

/** num/√v, with v ≤ 0 mapped to 0 (num = 0) or ±∞ (sign of num). */
export function ratioOrInfinity(num: number, v: number): number {
  if (v > 0) return num / Math.sqrt(v);
  if (num === 0) return 0;
  return num > 0 ? Infinity : -Infinity;
}
