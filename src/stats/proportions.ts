/**
 * Confidence intervals for a single binomial proportion and for the difference of two independent
 * proportions (risk difference p1 − p2, group 1 = experimental).
 *
 * Algorithm note: every interval is computed from the two-sided normal critical value z = Φ⁻¹(1 − α/2),
 * α = 1 − level, except the beta-quantile intervals (Clopper–Pearson, Jeffreys). Closed forms are used where
 * they exist; the Miettinen–Nurminen limits are found by bisection on the score statistic to 1e-13. Risk-
 * difference limits are truncated to [−1, 1] by default (`truncate: false` returns the raw value, as statsmodels
 * does for Agresti–Caffo). Method numbers are those of Newcombe RG (1998) Stat Med 17:873-890.
 */
import { betaQuantile, normalQuantile } from './distributions.ts';
import {
  agrestiCaffoLimits,
  miettinenNurminenLimits,
  newcombeLimits,
  waldCcLimits,
  waldLimits,
  type DifferenceLimits,
} from './proportions/risk-difference-methods.ts';
import { assertArm, assertLevel, assertOneOf, assertTwoArms } from './proportions/validate.ts';
import { wilsonLimits } from './proportions/wilson.ts';

/** Risk-difference interval methods. */
export const RiskDifferenceMethod = ['wald', 'wald-cc', 'newcombe', 'newcombe-cc', 'miettinen-nurminen', 'agresti-caffo'] as const;
export type RiskDifferenceMethod = (typeof RiskDifferenceMethod)[number];

/** Single-proportion interval methods. */
export const BinomialMethod = ['wilson', 'clopper-pearson', 'jeffreys'] as const;
export type BinomialMethod = (typeof BinomialMethod)[number];

/** Options of {@link riskDifferenceCI}. */
export interface RiskDifferenceOptions {
  method: RiskDifferenceMethod;
  /** Two-sided confidence level in (0, 1); default 0.95. */
  level?: number;
  /** Clip the limits to [−1, 1] (default true). Only Wald, Wald-CC and Agresti–Caffo can overshoot. */
  truncate?: boolean;
}

/** A point estimate with its confidence limits. */
export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
}

/**
 * Two-sided confidence interval for the risk difference p1 − p2 = x1/n1 − x2/n2.
 *
 * Methods (Newcombe 1998, Stat Med 17:873-890): `wald` (method 1), `wald-cc` (method 2, CC ½(1/n1 + 1/n2)),
 * `newcombe` (hybrid score, method 10), `newcombe-cc` (method 11), `miettinen-nurminen` (score interval with the
 * N/(N − 1) variance factor, method 6; Miettinen & Nurminen 1985 Stat Med 4:213), `agresti-caffo` (Agresti &
 * Caffo 2000 Am Stat 54:280). The estimate is always the observed x1/n1 − x2/n2 (as statsmodels reports it);
 * the Agresti–Caffo interval is centred on the adjusted difference and, at extreme tables, can exclude the observed
 * estimate (0/10 vs 10/10 at 80 %: estimate −1, interval (−0.978, −0.689)); every other method contains it.
 * Degenerate tables give finite answers: e.g. Wald for 0/n vs 0/n is (0, 0), Wald-CC is ±½(1/n1 + 1/n2).
 *
 * @throws InputError naming `x1`, `n1`, `x2`, `n2` (n ≥ 1, 0 ≤ x ≤ n, integers), `level` (in (0, 1)) or `method`.
 * @example riskDifferenceCI(56, 70, 48, 80, { method: 'miettinen-nurminen' })
 *   // → { estimate: 0.2, lower: 0.0528, upper: 0.3382 } (Newcombe 1998 Table II, example a)
 */
export function riskDifferenceCI(x1: number, n1: number, x2: number, n2: number, options: RiskDifferenceOptions): Interval {
  assertTwoArms(x1, n1, x2, n2);
  const method = options?.method;
  assertOneOf(method, 'method', RiskDifferenceMethod);
  const level = options.level ?? 0.95;
  assertLevel(level);
  const z = normalQuantile(1 - (1 - level) / 2);
  const limits = riskDifferenceLimits(x1, n1, x2, n2, z, method);
  const truncate = options.truncate ?? true;
  return {
    estimate: x1 / n1 - x2 / n2,
    lower: truncate ? clip(limits.lower, -1, 1) : limits.lower,
    upper: truncate ? clip(limits.upper, -1, 1) : limits.upper,
  };
}

function riskDifferenceLimits(x1: number, n1: number, x2: number, n2: number, z: number, method: RiskDifferenceMethod): DifferenceLimits {
  switch (method) {
    case 'wald':
      return waldLimits(x1, n1, x2, n2, z);
    case 'wald-cc':
      return waldCcLimits(x1, n1, x2, n2, z);
    case 'newcombe':
      return newcombeLimits(x1, n1, x2, n2, z, false);
    case 'newcombe-cc':
      return newcombeLimits(x1, n1, x2, n2, z, true);
    case 'miettinen-nurminen':
      return miettinenNurminenLimits(x1, n1, x2, n2, z);
    case 'agresti-caffo':
      return agrestiCaffoLimits(x1, n1, x2, n2, z);
  }
}

/** Options of {@link binomialCI}. */
export interface BinomialOptions {
  method: BinomialMethod;
  /** Two-sided confidence level in (0, 1); default 0.95. */
  level?: number;
}

/**
 * Two-sided confidence interval for a single proportion x/n.
 *
 * `wilson`: Wilson (1927) score interval, = R `prop.test(x, n, correct = FALSE)$conf.int`.
 * `clopper-pearson`: exact interval from beta quantiles B(α/2; x, n − x + 1), B(1 − α/2; x + 1, n − x),
 *   = R `binom.test(x, n)$conf.int`; lower = 0 when x = 0, upper = 1 when x = n.
 * `jeffreys`: equal-tailed Beta(x + ½, n − x + ½) interval with lower = 0 when x = 0 and upper = 1 when x = n
 *   (Brown, Cai & DasGupta 2001, Stat Sci 16:101-133, section 4.1.2).
 *
 * @throws InputError naming `x`, `n`, `level` or `method`.
 * @example binomialCI(0, 20, { method: 'clopper-pearson' }) // → { estimate: 0, lower: 0, upper: 0.1684 }
 */
export function binomialCI(x: number, n: number, options: BinomialOptions): Interval {
  assertArm(x, n, 'x', 'n');
  const method = options?.method;
  assertOneOf(method, 'method', BinomialMethod);
  const level = options.level ?? 0.95;
  assertLevel(level);
  const alpha = 1 - level;
  const estimate = x / n;
  switch (method) {
    case 'wilson':
      return { estimate, ...wilsonLimits(x, n, normalQuantile(1 - alpha / 2)) };
    case 'clopper-pearson':
      return {
        estimate,
        lower: x === 0 ? 0 : betaQuantile(alpha / 2, x, n - x + 1),
        upper: x === n ? 1 : betaQuantile(1 - alpha / 2, x + 1, n - x),
      };
    case 'jeffreys':
      return {
        estimate,
        lower: x === 0 ? 0 : betaQuantile(alpha / 2, x + 0.5, n - x + 0.5),
        upper: x === n ? 1 : betaQuantile(1 - alpha / 2, x + 0.5, n - x + 0.5),
      };
  }
}

function clip(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}
