/**
 * Power and sample size for a difference of two independent proportions (normal approximation).
 *
 * Two families:
 *  - superiority (H0: p1 − p2 = 0), reproducing statsmodels 0.13.5 `power_proportions_2indep` and
 *    `samplesize_proportions_2indep_onetail` exactly: σ0 from the pooled proportion, σ1 from (p1, p2), both
 *    on the √nobs1 scale with nobs2 = ratio·nobs1;
 *  - non-inferiority (H0: p1 − p2 ≤ −M), Farrington & Manning (1990) Stat Med 9:1447-1454, sect. 3: the null
 *    variance uses the restricted MLE under p1 − p2 = −M evaluated at the assumed true (p1, p2).
 * Group 1 = experimental; difference = p1 − p2.
 */
import { InputError } from '../core/errors.ts';
import { normalCdf, normalQuantile, normalSf } from './distributions.ts';
import { restrictedMle } from './proportions/score.ts';
import { assertAlphaOneSided, assertMargin, assertOneOf, assertOpenInterval } from './proportions/validate.ts';

export const Alternative = ['two-sided', 'larger', 'smaller'] as const;
export type Alternative = (typeof Alternative)[number];

/** Input of {@link powerRiskDifference}. */
export interface PowerRiskDifferenceInput {
  /** p1 − p2 under the alternative. */
  diff: number;
  /** Control proportion p2. */
  prop2: number;
  /** Group-1 sample size (may be non-integer). */
  nobs1: number;
  /** nobs2 / nobs1; default 1. */
  ratio?: number;
  /** Significance level (two-sided for 'two-sided'); default 0.05. */
  alpha?: number;
  alternative?: Alternative;
}

/** Power with the two standard deviations (per √nobs1) used to compute it. */
export interface PowerResult {
  power: number;
  stdNull: number;
  stdAlt: number;
}

/**
 * Power of the two-sample z test of H0: p1 = p2, = statsmodels 0.13.5
 * `power_proportions_2indep(diff, prop2, nobs1, ratio, alpha, value=0, alternative)`:
 * p1 = prop2 + diff, p̄ = (p1 + ratio·p2)/(1 + ratio), σ0 = √(p̄q̄(1 + 1/ratio)), σ1 = √(p1q1 + p2q2/ratio);
 * 'larger': Φ̄(c·σ0/σ1 − diff·√nobs1/σ1), c = Φ⁻¹(1 − α); 'two-sided' adds the lower tail with c = Φ⁻¹(1 − α/2).
 *
 * @throws InputError naming `diff`, `prop2`, `nobs1`, `ratio`, `alpha` or `alternative`.
 */
export function powerRiskDifference(input: PowerRiskDifferenceInput): PowerResult {
  const { diff, prop2, nobs1 } = input;
  const ratio = input.ratio ?? 1;
  const alpha = input.alpha ?? 0.05;
  const alternative = input.alternative ?? 'two-sided';
  assertProportions(diff, prop2);
  assertPositive(nobs1, 'nobs1');
  assertPositive(ratio, 'ratio');
  assertOpenInterval(alpha, 'alpha', 0, 1);
  assertOneOf(alternative, 'alternative', Alternative);
  const { stdNull, stdAlt } = superioritySds(diff, prop2, ratio);
  const crit = normalQuantile(1 - (alternative === 'two-sided' ? alpha / 2 : alpha));
  const shift = (diff * Math.sqrt(nobs1)) / stdAlt;
  let power = 0;
  if (alternative !== 'smaller') power += normalSf((crit * stdNull) / stdAlt - shift);
  if (alternative !== 'larger') power += normalCdf((-crit * stdNull) / stdAlt - shift);
  return { power, stdNull, stdAlt };
}

/** Input of {@link sampleSizeRiskDifference}. */
export interface SampleSizeRiskDifferenceInput {
  diff: number;
  prop2: number;
  /** Target power in (0, 1). */
  power: number;
  ratio?: number;
  alpha?: number;
  alternative?: Alternative;
}

/**
 * Continuous (not rounded) group-1 sample size, = statsmodels 0.13.5
 * `samplesize_proportions_2indep_onetail(diff, prop2, power, ratio, alpha, value=0, alternative)`:
 * nobs1 = (max(c·σ0 − Φ⁻¹(1 − power)·σ1, 0)/diff)², c = Φ⁻¹(1 − α/2) for 'two-sided' (only the upper tail is
 * used), Φ⁻¹(1 − α) otherwise. nobs2 = ratio·nobs1.
 *
 * @throws InputError naming `diff` (also when 0), `prop2`, `power`, `ratio`, `alpha` or `alternative`.
 */
export function sampleSizeRiskDifference(input: SampleSizeRiskDifferenceInput): { nobs1: number; nobs2: number } {
  const { diff, prop2, power } = input;
  const ratio = input.ratio ?? 1;
  const alpha = input.alpha ?? 0.05;
  const alternative = input.alternative ?? 'two-sided';
  assertProportions(diff, prop2);
  if (diff === 0) throw new InputError('diff', 'must not be 0 for a sample-size calculation');
  assertOpenInterval(power, 'power', 0, 1);
  assertPositive(ratio, 'ratio');
  assertOpenInterval(alpha, 'alpha', 0, 1);
  assertOneOf(alternative, 'alternative', Alternative);
  const { stdNull, stdAlt } = superioritySds(diff, prop2, ratio);
  const crit = normalQuantile(1 - (alternative === 'two-sided' ? alpha / 2 : alpha));
  const critPower = normalQuantile(1 - power);
  const nobs1 = (Math.max(crit * stdNull - critPower * stdAlt, 0) / diff) ** 2;
  return { nobs1, nobs2: ratio * nobs1 };
}

function superioritySds(diff: number, prop2: number, ratio: number): { stdNull: number; stdAlt: number } {
  const p1 = prop2 + diff;
  const pooled = (p1 + prop2 * ratio) / (1 + ratio);
  return {
    stdNull: Math.sqrt(pooled * (1 - pooled) + (pooled * (1 - pooled)) / ratio),
    stdAlt: Math.sqrt(p1 * (1 - p1) + (prop2 * (1 - prop2)) / ratio),
  };
}

/** Input of the Farrington–Manning non-inferiority power. */
export interface FmPowerInput {
  /** Assumed true experimental rate. */
  p1: number;
  /** Assumed true control rate. */
  p2: number;
  /** NI margin M in (0, 1). */
  margin: number;
  n1: number;
  n2: number;
  /** One-sided α; default 0.025. */
  alphaOneSided?: number;
}

/**
 * Power of the Farrington–Manning NI test (Farrington & Manning 1990, eq. for the risk difference):
 * power = Φ((p1 − p2 + M − z_α·σ̃0)/σ1), σ̃0² = p̃1q̃1/n1 + p̃2q̃2/n2 with (p̃1, p̃2) the restricted MLE under
 * p1 − p2 = −M computed from the true (p1, p2) in place of the observed rates, σ1² = p1q1/n1 + p2q2/n2.
 *
 * @throws InputError naming `p1`, `p2`, `margin`, `n1`, `n2` or `alphaOneSided`.
 * @example farringtonManningPower({ p1: 0.7, p2: 0.7, margin: 0.15, n1: 115, n2: 115 }) // ≈ 0.71
 */
export function farringtonManningPower(input: FmPowerInput): number {
  const { p1, p2, margin, n1, n2 } = input;
  const alpha = input.alphaOneSided ?? 0.025;
  assertOpenInterval(p1, 'p1', 0, 1);
  assertOpenInterval(p2, 'p2', 0, 1);
  assertMargin(margin);
  assertPositive(n1, 'n1');
  assertPositive(n2, 'n2');
  assertAlphaOneSided(alpha);
  const { sigma0, sigma1 } = fmSds(p1, p2, margin, 1, n2 / n1);
  const za = normalQuantile(1 - alpha);
  return normalCdf(((p1 - p2 + margin) * Math.sqrt(n1) - za * sigma0) / sigma1);
}

/** Input of {@link farringtonManningSampleSize}. */
export interface FmSampleSizeInput {
  p1: number;
  p2: number;
  margin: number;
  /** Target power in (0, 1). */
  power: number;
  /** n2/n1; default 1. */
  ratio?: number;
  alphaOneSided?: number;
}

/**
 * Sample size of the Farrington–Manning NI test: n1 = ((z_α·σ̃0 + z_β·σ1)/(p1 − p2 + M))² with σ's per √n1
 * (σ̃0² = p̃1q̃1 + p̃2q̃2/ratio, σ1² = p1q1 + p2q2/ratio), n2 = ratio·n1. Returns the continuous values and the
 * integers actually needed (n1 rounded up, n2 = ⌈ratio·⌈n1⌉⌉).
 *
 * @throws InputError naming `p1`, `p2`, `margin` (also when p1 − p2 ≤ −M: NI cannot be powered), `power`,
 *   `ratio` or `alphaOneSided`.
 */
export function farringtonManningSampleSize(input: FmSampleSizeInput): { n1: number; n2: number; n1Ceiling: number; n2Ceiling: number } {
  const { p1, p2, margin, power } = input;
  const ratio = input.ratio ?? 1;
  const alpha = input.alphaOneSided ?? 0.025;
  assertOpenInterval(p1, 'p1', 0, 1);
  assertOpenInterval(p2, 'p2', 0, 1);
  assertMargin(margin);
  if (!(p1 - p2 + margin > 0)) throw new InputError('margin', `p1 − p2 + margin must be > 0 (got ${p1 - p2 + margin})`);
  assertOpenInterval(power, 'power', 0, 1);
  assertPositive(ratio, 'ratio');
  assertAlphaOneSided(alpha);
  const { sigma0, sigma1 } = fmSds(p1, p2, margin, 1, ratio);
  const n1 = ((normalQuantile(1 - alpha) * sigma0 + normalQuantile(power) * sigma1) / (p1 - p2 + margin)) ** 2;
  const n1Ceiling = Math.ceil(n1 - 1e-9);
  return { n1, n2: ratio * n1, n1Ceiling, n2Ceiling: Math.ceil(ratio * n1Ceiling - 1e-9) };
}

/** σ̃0 and σ1 on the √n1 scale for group sizes (n1, n2) = (unit, ratio·unit). */
function fmSds(p1: number, p2: number, margin: number, unit: number, ratio: number): { sigma0: number; sigma1: number } {
  // The restricted MLE depends on the rates and θ = n2/n1 only: evaluate it at "counts" p·n for n1 = 1, n2 = θ.
  const mle = restrictedMle(p1 * unit, unit, p2 * ratio, ratio, -margin);
  return {
    sigma0: Math.sqrt(mle.p1 * (1 - mle.p1) + (mle.p2 * (1 - mle.p2)) / ratio),
    sigma1: Math.sqrt(p1 * (1 - p1) + (p2 * (1 - p2)) / ratio),
  };
}

function assertProportions(diff: number, prop2: number): void {
  assertOpenInterval(prop2, 'prop2', 0, 1);
  if (typeof diff !== 'number' || !Number.isFinite(diff) || prop2 + diff <= 0 || prop2 + diff >= 1) {
    throw new InputError('diff', `prop2 + diff must be in (0, 1), got ${String(prop2 + diff)}`);
  }
}

function assertPositive(value: number, name: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new InputError(name, `must be a positive number, got ${String(value)}`);
}
