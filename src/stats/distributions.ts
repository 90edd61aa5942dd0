/**
 * Distribution functions used across src/stats: thin, typed wrappers over jstat
 * (https://github.com/jstat/jstat), plus a Newton polish of the Student t quantile.
 *
 * Accuracy: jstat's normal quantile agrees with R `qnorm` to ~1e-15; its t quantile is refined here by
 * Newton steps on the t CDF (jstat's inverse incomplete beta alone is good to ~1e-9, see
 * shared/reference/README.md "Tolerances").
 */
import jStatModule from 'jstat';

interface JStatLike {
  normal: { cdf(x: number, mu: number, sd: number): number; inv(p: number, mu: number, sd: number): number; pdf(x: number, mu: number, sd: number): number };
  studentt: { cdf(x: number, df: number): number; inv(p: number, df: number): number; pdf(x: number, df: number): number };
  chisquare: { cdf(x: number, df: number): number; inv(p: number, df: number): number };
  beta: { inv(p: number, a: number, b: number): number; cdf(x: number, a: number, b: number): number };
  centralF: { cdf(x: number, df1: number, df2: number): number };
  lowRegGamma(a: number, x: number): number;
  ibeta(x: number, a: number, b: number): number;
  gammaln(x: number): number;
}
const jStat: JStatLike = ((jStatModule as unknown as { jStat?: JStatLike }).jStat ?? (jStatModule as unknown as JStatLike));

/** Standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  return jStat.normal.cdf(x, 0, 1);
}

/** Upper tail 1 − Φ(x), computed as Φ(−x) to keep precision for large x. */
export function normalSf(x: number): number {
  return jStat.normal.cdf(-x, 0, 1);
}

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return jStat.normal.pdf(x, 0, 1);
}

/** Standard normal quantile Φ⁻¹(p), 0 < p < 1. */
export function normalQuantile(p: number): number {
  return jStat.normal.inv(p, 0, 1);
}

/** Student t CDF with `df` degrees of freedom (df may be fractional, e.g. Satterthwaite). */
export function studentTCdf(x: number, df: number): number {
  return jStat.studentt.cdf(x, df);
}

/** Student t quantile; jstat's value polished by Newton steps on the CDF to ~1e-13 relative. */
export function studentTQuantile(p: number, df: number): number {
  if (!Number.isFinite(df)) return normalQuantile(p);
  let x = jStat.studentt.inv(p, df);
  for (let i = 0; i < 4; i++) {
    const f = jStat.studentt.cdf(x, df) - p;
    const d = jStat.studentt.pdf(x, df);
    if (!(d > 0)) break;
    const step = f / d;
    x -= step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}

/** Two-sided p-value of a t statistic. */
export function studentTTwoSidedP(t: number, df: number): number {
  return 2 * jStat.studentt.cdf(-Math.abs(t), df);
}

/** Upper tail P(X ≥ x) of a chi-square with `df` degrees of freedom (regularized upper gamma). */
export function chiSquareSf(x: number, df: number): number {
  if (x <= 0) return 1;
  return 1 - jStat.lowRegGamma(df / 2, x / 2);
}

/** Chi-square quantile. */
export function chiSquareQuantile(p: number, df: number): number {
  return jStat.chisquare.inv(p, df);
}

/** Beta quantile (used by Clopper–Pearson and Jeffreys intervals). */
export function betaQuantile(p: number, a: number, b: number): number {
  return jStat.beta.inv(p, a, b);
}

/** Regularized incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  return jStat.ibeta(x, a, b);
}

/** log Γ(x). */
export function logGamma(x: number): number {
  return jStat.gammaln(x);
}

/** F distribution upper tail. */
export function fSf(x: number, df1: number, df2: number): number {
  return 1 - jStat.centralF.cdf(x, df1, df2);
}
