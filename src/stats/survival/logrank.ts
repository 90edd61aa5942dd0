/**
 * Log-rank test (Mantel 1966; Peto & Peto 1972), optionally stratified, as R survival 3.5
 * `survdiff(Surv(time, event) ~ group + strata(s), rho = 0)`.
 *
 * Algorithm note. Within each stratum, at each distinct event time with d events among n at risk
 * (time ≥ t), group g with n_g at risk and d_g events contributes O_g += d_g, E_g += d·n_g/n and the
 * hypergeometric covariance V_gh += d·(n − d)/(n − 1) · (n_g/n)·(δ_gh − n_h/n) (n > 1). O, E and V are
 * summed over strata. Groups with E = 0 are dropped (as R), then with k remaining groups
 * chisq = (O − E)ᵀ V⁻ (O − E) using the first k − 1 of them, df = k − 1; p = P(χ²_df ≥ chisq).
 * Fewer than two groups with E > 0 give chisq 0, df 0, p 1 (R reports chisq 0).
 * A singular V (no information: e.g. at every event time all subjects at risk fail, or only one group is
 * at risk) is handled with a generalized inverse in R's cholesky2 convention and df = rank(V); rank 0
 * gives chisq 0, df 0, p 1 (there O − E is exactly 0). R survdiff stops with a "singular" error there.
 */
import { chiSquareSf, normalSf } from '../distributions.ts';
import { checkSurvivalData } from './kaplan-meier.ts';
import { generalizedQuadraticForm } from './linear.ts';
import { checkLabels, checkLength, sortedLevels } from './validate.ts';

export interface LogRankOptions<S extends string | number = string | number> {
  /** Stratum of each subject; the test is then stratified (R `strata()` term). */
  strata?: readonly S[];
}

export interface LogRankResult<G extends string | number = string | number> {
  chisq: number;
  df: number;
  pValue: number;
  /** Group labels, sorted as R sorts factor levels (numerically if all numbers, else by code units). */
  groups: G[];
  /** Observed events per group (summed over strata), in the order of `groups`. */
  observed: number[];
  /** Expected events per group under H0 (summed over strata), in the order of `groups`. */
  expected: number[];
  /** Covariance matrix of O − E (summed over strata), in the order of `groups`. */
  variance: number[][];
}

/** Upper-tail chi-square p-value; for df = 1 via the normal tail, which keeps full precision for small p. */
export function chiSquarePValue(chisq: number, df: number): number {
  if (df <= 0) return 1;
  if (df === 1) return 2 * normalSf(Math.sqrt(Math.max(chisq, 0)));
  return chiSquareSf(chisq, df);
}

/**
 * Log-rank (Mantel–Haenszel) test comparing survival among groups, as R `survdiff(rho = 0)`.
 *
 * @param time observed times (≥ 0); @param event 1 = event, 0 = censored;
 * @param group group label per subject (at least one label; any number of groups).
 * @param options.strata optional stratum label per subject (stratified test).
 * @throws InputError for invalid data, mismatched lengths or non-finite labels.
 * @example
 * logRankTest([1, 2, 3, 4], [1, 1, 1, 1], ['a', 'b', 'a', 'b']).observed // [2, 2]
 */
export function logRankTest<G extends string | number, S extends string | number = string | number>(
  time: readonly number[],
  event: readonly number[],
  group: readonly G[],
  options: LogRankOptions<S> = {},
): LogRankResult<G> {
  checkSurvivalData(time, event);
  checkLength(group, 'group', time.length);
  checkLabels(group, 'group');
  const strata = options.strata;
  if (strata !== undefined) {
    checkLength(strata, 'strata', time.length);
    checkLabels(strata, 'strata');
  }
  const groups = sortedLevels(group);
  const k = groups.length;
  const gIndex = new Map<G, number>(groups.map((g, i) => [g, i]));
  const observed = new Array<number>(k).fill(0);
  const expected = new Array<number>(k).fill(0);
  const variance = groups.map(() => new Array<number>(k).fill(0));

  const byStratum = new Map<S | null, number[]>();
  for (let i = 0; i < time.length; i++) {
    const s = strata === undefined ? null : strata[i];
    const list = byStratum.get(s);
    if (list === undefined) byStratum.set(s, [i]);
    else list.push(i);
  }
  const strataOrder: (S | null)[] = strata === undefined ? [null] : sortedLevels(strata);
  for (const s of strataOrder) {
    accumulateStratum(byStratum.get(s) ?? [], time, event, group, gIndex, observed, expected, variance);
  }

  const keep = expected.map((e, i) => (e > 0 ? i : -1)).filter((i) => i >= 0);
  if (keep.length < 2) return { chisq: 0, df: 0, pValue: 1, groups, observed, expected, variance };
  const used = keep.slice(1);
  const diff = used.map((i) => observed[i] - expected[i]);
  const v = used.map((i) => used.map((j) => variance[i][j]));
  const { value: chisq, rank: df } = generalizedQuadraticForm(v, diff);
  if (df === 0) return { chisq: 0, df: 0, pValue: 1, groups, observed, expected, variance };
  return { chisq, df, pValue: chiSquarePValue(chisq, df), groups, observed, expected, variance };
}

function accumulateStratum<G>(
  members: readonly number[],
  time: readonly number[],
  event: readonly number[],
  group: readonly G[],
  gIndex: Map<G, number>,
  observed: number[],
  expected: number[],
  variance: number[][],
): void {
  const k = observed.length;
  const order = [...members].sort((a, b) => time[a] - time[b] || a - b);
  const atRisk = new Array<number>(k).fill(0);
  for (const i of order) atRisk[gIndex.get(group[i]) as number]++;
  let nTotal = order.length;
  let pos = 0;
  while (pos < order.length) {
    const t = time[order[pos]];
    const deaths = new Array<number>(k).fill(0);
    const leaving = new Array<number>(k).fill(0);
    let d = 0;
    let end = pos;
    while (end < order.length && time[order[end]] === t) {
      const g = gIndex.get(group[order[end]]) as number;
      leaving[g]++;
      if (event[order[end]] === 1) {
        deaths[g]++;
        d++;
      }
      end++;
    }
    if (d > 0) {
      const n = nTotal;
      const factor = n > 1 ? (d * (n - d)) / (n - 1) : 0;
      for (let g = 0; g < k; g++) {
        observed[g] += deaths[g];
        expected[g] += (d * atRisk[g]) / n;
        for (let h = 0; h < k; h++) {
          const delta = g === h ? 1 : 0;
          variance[g][h] += (factor * atRisk[g] * (delta - atRisk[h] / n)) / n;
        }
      }
    }
    for (let g = 0; g < k; g++) atRisk[g] -= leaving[g];
    nTotal -= end - pos;
    pos = end;
  }
}
