/**
 * Descriptive statistics for DSMB summary tables: n, missing, mean, SD, SE, median, quartiles, range,
 * and the geometric mean with its t-based confidence interval.
 *
 * Quantile definitions follow Hyndman & Fan (1996), "Sample quantiles in statistical packages",
 * The American Statistician 50:361-365, as implemented by R `quantile()` (including R's 4·eps fuzz
 * when locating the order statistic):
 * - `'sas5'`: SAS QNTLDEF=5 (the PROC UNIVARIATE / MEANS default) = R type 2 — empirical distribution
 *   function, averaging at discontinuities. The default here, because SAS is the regulatory reference.
 * - `'r7'`: R's default, type 7 — linear interpolation of the points ((k−1)/(n−1), x₍ₖ₎).
 * - `'sas4'`: SAS QNTLDEF=4 = R type 6 — linear interpolation of (k/(n+1), x₍ₖ₎).
 *
 * Missing values (null, NaN) are counted in `nMissing` and excluded. All three definitions give the
 * same median.
 */
import { InputError } from '../core/errors.ts';
import { studentTQuantile } from './distributions.ts';

/** Quantile definition: see the module comment. */
export type QuantileDefinition = 'sas5' | 'r7' | 'sas4';

export interface DescribeOptions {
  /** Quantile definition for median and quartiles; default `'sas5'` (SAS QNTLDEF=5 = R type 2). */
  quantiles?: QuantileDefinition;
}

/** Summary of one numeric variable. Every statistic is null when n = 0; sd and se are null when n = 1. */
export interface DescribeResult {
  /** Number of non-missing values. */
  n: number;
  /** Number of null / NaN values. */
  nMissing: number;
  mean: number | null;
  /** Sample standard deviation (divisor n − 1). */
  sd: number | null;
  /** Standard error of the mean, sd / √n. */
  se: number | null;
  median: number | null;
  /** 25th percentile under the chosen definition. */
  q1: number | null;
  /** 75th percentile under the chosen definition. */
  q3: number | null;
  min: number | null;
  max: number | null;
}

export interface GeometricMeanOptions {
  /** Two-sided confidence level of the interval; default 0.95. */
  level?: number;
}

/**
 * Geometric summary of positive values. Non-positive values cannot be log-transformed: they are
 * excluded and counted in `nNonPositive` (a DSMB table must not crash on one zero titre); missing
 * values are counted in `nMissing`. With n = 0 every statistic is null; with n = 1 the interval,
 * `gsd` and `cv` are null.
 */
export interface GeometricMeanResult {
  /** Number of positive values used. */
  n: number;
  nMissing: number;
  nNonPositive: number;
  /** exp(mean(log x)). */
  estimate: number | null;
  /** exp(mean(log x) − t₍₁₋α/2, n−1₎ · sd(log x)/√n). */
  lower: number | null;
  /** exp(mean(log x) + t₍₁₋α/2, n−1₎ · sd(log x)/√n). */
  upper: number | null;
  /** Geometric coefficient of variation, √(exp(sd(log x)²) − 1) (a fraction, not a percentage). */
  cv: number | null;
  /** Geometric standard deviation exp(sd(log x)). */
  gsd: number | null;
}

const FUZZ = 4 * Number.EPSILON;

/** Non-missing values of `values`, sorted ascending; throws on ±Infinity. */
function presentValues(values: readonly (number | null)[], argument: string): { x: number[]; nMissing: number } {
  if (!Array.isArray(values)) throw new InputError(argument, 'must be an array of numbers or null');
  const x: number[] = [];
  let nMissing = 0;
  values.forEach((v, i) => {
    if (v === null || (typeof v === 'number' && Number.isNaN(v))) nMissing++;
    else if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InputError(`${argument}[${i}]`, `must be a finite number or null, got ${String(v)}`);
    } else x.push(v);
  });
  x.sort((a, b) => a - b);
  return { x, nMissing };
}

/** Arithmetic mean with R's second-pass refinement (mean(x) = m + Σ(x − m)/n). */
function accurateMean(x: readonly number[]): number {
  let s = 0;
  for (const v of x) s += v;
  const m = s / x.length;
  let c = 0;
  for (const v of x) c += v - m;
  return m + c / x.length;
}

/** Sample SD (divisor n − 1) around a given mean; requires n ≥ 2. */
function sampleSd(x: readonly number[], mean: number): number {
  let ss = 0;
  for (const v of x) ss += (v - mean) * (v - mean);
  return Math.sqrt(ss / (x.length - 1));
}

/** The k-th order statistic (1-based), clamped to [1, n] as R pads x₍₀₎ = x₍₁₎ and x₍ₙ₊₁₎ = x₍ₙ₎. */
function orderStat(sorted: readonly number[], k: number): number {
  return sorted[Math.min(Math.max(k, 1), sorted.length) - 1];
}

/**
 * Sample quantile of ascending `sorted` (n ≥ 1) at probability p ∈ [0, 1], Hyndman & Fan (1996).
 * Type 2 (`'sas5'`): j = ⌊np⌋, take x₍ⱼ₊₁₎ if np > j, else (x₍ⱼ₎ + x₍ⱼ₊₁₎)/2.
 * Types 6 (`'sas4'`, m = p) and 7 (`'r7'`, m = 1 − p): h = (n + 1)p or 1 + (n − 1)p, j = ⌊h⌋,
 * result x₍ⱼ₎ + (h − j)(x₍ⱼ₊₁₎ − x₍ⱼ₎).
 * @example quantileSorted([1, 2, 3, 4], 0.25, 'sas5') // => 1.5
 */
export function quantileSorted(sorted: readonly number[], p: number, definition: QuantileDefinition): number {
  if (sorted.length === 0) throw new InputError('sorted', 'needs at least one value');
  if (!(p >= 0 && p <= 1)) throw new InputError('p', `must be in [0, 1], got ${p}`);
  const n = sorted.length;
  let nppm: number;
  let j: number;
  let h: number;
  if (definition === 'sas5') {
    nppm = n * p;
    j = Math.floor(nppm + FUZZ);
    h = nppm > j ? 1 : 0.5;
  } else if (definition === 'sas4' || definition === 'r7') {
    nppm = definition === 'sas4' ? p * (n + 1) : 1 + p * (n - 1);
    j = Math.floor(nppm + FUZZ);
    h = nppm - j;
    if (Math.abs(h) < FUZZ) h = 0;
  } else {
    throw new InputError('quantiles', `must be 'sas5', 'r7' or 'sas4', got ${String(definition)}`);
  }
  const lo = orderStat(sorted, j);
  const hi = orderStat(sorted, j + 1);
  if (h === 0 || lo === hi) return lo;
  if (h === 1) return hi;
  return (1 - h) * lo + h * hi;
}

/**
 * n, missing, mean, SD (n − 1 divisor), SE, median, quartiles, min and max of `values`
 * (null / NaN = missing). Matches R `mean`, `sd`, `quantile(type = 2 | 7 | 6)` and SAS PROC MEANS.
 * @throws InputError when `values` holds ±Infinity or a non-number, or `quantiles` is unknown.
 * @example describe([1, 2, 3, 4, null]) // => { n: 4, nMissing: 1, mean: 2.5, median: 2.5, q1: 1.5, q3: 3.5, … }
 */
export function describe(values: readonly (number | null)[], options: DescribeOptions = {}): DescribeResult {
  const definition = options.quantiles ?? 'sas5';
  if (!['sas5', 'r7', 'sas4'].includes(definition)) {
    throw new InputError('quantiles', `must be 'sas5', 'r7' or 'sas4', got ${String(definition)}`);
  }
  const { x, nMissing } = presentValues(values, 'values');
  const n = x.length;
  if (n === 0) {
    return { n, nMissing, mean: null, sd: null, se: null, median: null, q1: null, q3: null, min: null, max: null };
  }
  const mean = accurateMean(x);
  const sd = n >= 2 ? sampleSd(x, mean) : null;
  return {
    n,
    nMissing,
    mean,
    sd,
    se: sd === null ? null : sd / Math.sqrt(n),
    median: quantileSorted(x, 0.5, definition),
    q1: quantileSorted(x, 0.25, definition),
    q3: quantileSorted(x, 0.75, definition),
    min: x[0],
    max: x[n - 1],
  };
}

/**
 * Geometric mean exp(mean(log x)) with the t-based interval back-transformed from the log scale,
 * exp(mean(log x) ± t₍₁₋α/2, n−1₎ · sd(log x)/√n), geometric SD exp(sd(log x)) and geometric CV
 * √(exp(sd(log x)²) − 1) (Kirkwood 1979, Biometrics 35:908; the lognormal CV formula).
 * Non-positive values are excluded and counted in `nNonPositive`; null / NaN count as missing.
 * @throws InputError when `level` is not in (0, 1) or `values` holds ±Infinity.
 * @example geometricMean([1, 10, 100]).estimate // => 10
 */
export function geometricMean(values: readonly (number | null)[], options: GeometricMeanOptions = {}): GeometricMeanResult {
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new InputError('level', `must be in (0, 1), got ${level}`);
  const { x, nMissing } = presentValues(values, 'values');
  const logs = x.filter((v) => v > 0).map(Math.log);
  const n = logs.length;
  const nNonPositive = x.length - n;
  const empty = { n, nMissing, nNonPositive, estimate: null, lower: null, upper: null, cv: null, gsd: null };
  if (n === 0) return empty;
  const meanLog = accurateMean(logs);
  if (n === 1) return { ...empty, estimate: Math.exp(meanLog) };
  const sdLog = sampleSd(logs, meanLog);
  const half = studentTQuantile(1 - (1 - level) / 2, n - 1) * (sdLog / Math.sqrt(n));
  return {
    n,
    nMissing,
    nNonPositive,
    estimate: Math.exp(meanLog),
    lower: Math.exp(meanLog - half),
    upper: Math.exp(meanLog + half),
    cv: Math.sqrt(Math.expm1(sdLog * sdLog)),
    gsd: Math.exp(sdLog),
  };
}
