/**
 * Non-inferiority of the experimental arm for a difference in proportions, d = p1 − p2 (group 1 =
 * experimental): H0: d ≤ −M vs H1: d > −M, M > 0 the margin (domain.md 3.1; FDA NI guidance 2016).
 *
 * Algorithm note: the score tests evaluate the statistic at δ0 = −M with the closed-form restricted MLE
 * (./proportions/score.ts); the one-sided p-value is the upper normal tail 1 − Φ(z). The verdict of
 * {@link nonInferiority} is taken from the confidence interval, not from the test.
 */
import { normalSf } from './distributions.ts';
import { riskDifferenceCI, RiskDifferenceMethod } from './proportions.ts';
import { ratioOrInfinity, restrictedMle, scoreVariance } from './proportions/score.ts';
import { assertAlphaOneSided, assertMargin, assertOneOf, assertTwoArms } from './proportions/validate.ts';

/** Score-test variance: Farrington–Manning (no factor) or Miettinen–Nurminen (× N/(N − 1)). */
export const ScoreVariance = ['farrington-manning', 'miettinen-nurminen'] as const;
export type ScoreVariance = (typeof ScoreVariance)[number];

/** Result of a score non-inferiority test. */
export interface ScoreTestResult {
  /** Score statistic (p̂1 − p̂2 + M)/√Ṽ; ±∞ when Ṽ = 0 and the numerator is not 0. */
  z: number;
  /** One-sided upper-tail p-value 1 − Φ(z). */
  pValue: number;
  /** Restricted MLE of p1 under p1 − p2 = −M. */
  p1Restricted: number;
  /** Restricted MLE of p2 under p1 − p2 = −M (= p1Restricted + M). */
  p2Restricted: number;
}

/** Result of a Wald non-inferiority test. */
export interface ZTestResult {
  z: number;
  pValue: number;
}

/**
 * Farrington–Manning score test of H0: p1 − p2 ≤ −margin vs H1: p1 − p2 > −margin.
 *
 * z = (p̂1 − p̂2 + M)/√Ṽ, Ṽ = p̃1q̃1/n1 + p̃2q̃2/n2 at the restricted MLE under p1 − p2 = −M (Farrington &
 * Manning 1990, Stat Med 9:1447-1454). `variance: 'miettinen-nurminen'` multiplies Ṽ by N/(N − 1)
 * (Miettinen & Nurminen 1985), which makes the test the inversion of the MN interval.
 *
 * @throws InputError naming `x1`, `n1`, `x2`, `n2`, `margin` (in (0, 1)) or `variance`.
 * @example farringtonManningTest(85, 115, 80, 115, 0.12).z // → 2.7487
 */
export function farringtonManningTest(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  margin: number,
  options: { variance?: ScoreVariance } = {},
): ScoreTestResult {
  assertTwoArms(x1, n1, x2, n2);
  assertMargin(margin);
  const variance = options.variance ?? 'farrington-manning';
  assertOneOf(variance, 'variance', ScoreVariance);
  const delta = -margin;
  const mle = restrictedMle(x1, n1, x2, n2, delta);
  const v = scoreVariance(x1, n1, x2, n2, delta, variance === 'miettinen-nurminen');
  const z = ratioOrInfinity(x1 / n1 - x2 / n2 - delta, v);
  return { z, pValue: normalSf(z), p1Restricted: mle.p1, p2Restricted: mle.p2 };
}

/**
 * Wald non-inferiority test, z = (p̂1 − p̂2 + M)/√(p̂1q̂1/n1 + p̂2q̂2/n2) (unpooled variance), one-sided upper-tail
 * p-value; = statsmodels `test_proportions_2indep(x1, n1, x2, n2, value=-margin, method='wald',
 * compare='diff', alternative='larger')`. Where statsmodels divides by zero (both p̂ ∈ {0, 1}) this returns
 * z = ±∞ with the sign of the numerator (p = 0 or 1).
 *
 * @throws InputError naming `x1`, `n1`, `x2`, `n2` or `margin`.
 */
export function waldNITest(x1: number, n1: number, x2: number, n2: number, margin: number): ZTestResult {
  assertTwoArms(x1, n1, x2, n2);
  assertMargin(margin);
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const z = ratioOrInfinity(p1 - p2 + margin, (p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  return { z, pValue: normalSf(z) };
}

/** Input of {@link nonInferiority}. */
export interface NonInferiorityInput {
  x1: number;
  n1: number;
  x2: number;
  n2: number;
  /** Margin M > 0 on the risk-difference scale. */
  margin: number;
  /** One-sided significance level; default 0.025 (two-sided 95 % CI). */
  alphaOneSided?: number;
  /** Interval method for the verdict; default 'miettinen-nurminen'. */
  ci?: RiskDifferenceMethod;
}

/** Non-inferiority analysis: estimate, CI at level 1 − 2α, score test at −M, and the verdict. */
export interface NonInferiorityResult {
  estimate: number;
  lower: number;
  upper: number;
  /** Two-sided confidence level of [lower, upper], 1 − 2·alphaOneSided. */
  level: number;
  /** Farrington–Manning z at −margin (variance matching the CI: × N/(N − 1) for an MN interval). */
  z: number;
  /** One-sided p-value of that test. */
  pValue: number;
  /** lower > −margin. */
  nonInferior: boolean;
  margin: number;
}

/**
 * Non-inferiority of arm 1 vs arm 2: two-sided (1 − 2α) CI for p1 − p2 and the score test at −margin.
 *
 * Decision rule (domain.md 3.1; FDA NI guidance 2016; ICH E9): NI is concluded when the CI lower bound is
 * > −margin; the CI decides. The test uses the Miettinen–Nurminen variance when `ci` is 'miettinen-nurminen'
 * (then p < α ⇔ lower > −M up to rounding at the boundary), and the Farrington–Manning variance otherwise, so
 * for other intervals the CI and the test can disagree at the boundary; the reported `nonInferior` always
 * follows the CI lower bound.
 *
 * @throws InputError naming `x1`, `n1`, `x2`, `n2`, `margin`, `alphaOneSided` (in (0, 0.5)) or `ci`.
 * @example nonInferiority({ x1: 85, n1: 115, x2: 80, n2: 115, margin: 0.15 })
 *   // → { estimate: 0.0435, lower: -0.0733, upper: 0.1595, level: 0.95, nonInferior: true, ... }
 */
export function nonInferiority(input: NonInferiorityInput): NonInferiorityResult {
  const { x1, n1, x2, n2, margin } = input;
  const alpha = input.alphaOneSided ?? 0.025;
  assertTwoArms(x1, n1, x2, n2);
  assertMargin(margin);
  assertAlphaOneSided(alpha);
  const method = input.ci ?? 'miettinen-nurminen';
  assertOneOf(method, 'ci', RiskDifferenceMethod);
  const level = 1 - 2 * alpha;
  const ci = riskDifferenceCI(x1, n1, x2, n2, { method, level });
  const variance: ScoreVariance = method === 'miettinen-nurminen' ? 'miettinen-nurminen' : 'farrington-manning';
  const test = farringtonManningTest(x1, n1, x2, n2, margin, { variance });
  return { ...ci, level, z: test.z, pValue: test.pValue, nonInferior: ci.lower > -margin, margin };
}
