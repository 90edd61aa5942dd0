/**
 * Competing risks: Aalen–Johansen cumulative incidence with Gray's variance, and Gray's K-sample test,
 * as R cmprsk 2.2 (`cuminc`, `timepoints`; Fortran routines cinc and crstm/crst by Robert Gray).
 *
 * Status codes: 0 = censored, 1 = event of interest, 2 = competing event. `cause` selects which event
 * code (1 or 2) is "of interest"; the other code is then the competing event (cmprsk computes curves for
 * every cause the same way).
 *
 * Cumulative incidence (Kalbfleisch & Prentice 1980; Gray 1988 for the variance). Within a group, at
 * each distinct time t with r at risk (time ≥ t), d₁ events of the cause and d₂ competing events,
 * S(t−) the all-cause KM: F(t) = F(t−) + S(t−)·d₁/r. The variance is cmprsk's asymptotic (delta-method)
 * variance accumulated in three sums v1, v2, v3, with the tie correction (1 − (d − 1)/(r − 1)); it is
 * reported at the cause's event times, exactly as cmprsk's `cinc`.
 *
 * Confidence limits (cmprsk itself reports none): log(−log) transform as tidycmprsk / SAS PROC LIFETEST,
 *   F^exp(±z·sqrt(var)/(F·log F)), i.e. exp(−exp(log(−log F) ∓ z·sqrt(var)/(F·log F)));
 * when var = 0 both limits equal the estimate (F = 0 before the first event), and they are null where
 * the transform is undefined with var > 0 (F = 1).
 *
 * Gray's test (Gray 1988, Ann Stat 16:1141–1154) with weight (1 − F(t−))^rho (rho = 0 default):
 * score vector for the first k − 1 groups and its variance, summed over strata; chisq = sᵀ V⁻¹ s on
 * k − 1 df. If V is singular (e.g. no events of the cause) the statistic is not defined: chisq and
 * pValue are null (cmprsk reports −1).
 */
import { InputError } from '../core/errors.ts';
import { normalQuantile } from './distributions.ts';
import { chiSquarePValue } from './survival/logrank.ts';
import { quadraticFormInverse } from './survival/linear.ts';
import { checkCodes, checkLabels, checkLength, checkLevel, checkTimes, sortedLevels } from './survival/validate.ts';

/** Which status code is the event of interest. */
export type CompetingCause = 1 | 2;

export interface CumulativeIncidenceOptions<G extends string | number = string | number> {
  /** Group label per subject; one curve per group (sorted labels). Omit for a single curve. */
  group?: readonly G[];
  /** Confidence level of the pointwise limits, default 0.95. */
  level?: number;
  /** Status code of the event of interest, default 1. */
  cause?: CompetingCause;
}

/** The cumulative incidence at one time. */
export interface CumulativeIncidenceRow {
  time: number;
  /** Aalen–Johansen estimate F(time) (right-continuous). */
  estimate: number;
  /** cmprsk's variance of the estimate. */
  variance: number;
  lower: number | null;
  upper: number | null;
}

/** One group's curve: a row at each distinct time at which the event of interest occurs. */
export interface CumulativeIncidenceCurve<G extends string | number = string | number> {
  /** Group label; null for a single unlabelled curve. */
  group: G | null;
  rows: CumulativeIncidenceRow[];
  /** Subjects in the group. */
  n: number;
  /** Events of the cause of interest and competing events in the group. */
  nEvent: number;
  nCompeting: number;
  /** Largest observed time in the group: the curve is defined up to here (cmprsk gives NA beyond). */
  maxTime: number;
}

export interface CumulativeIncidenceResult<G extends string | number = string | number> {
  curves: CumulativeIncidenceCurve<G>[];
  cause: CompetingCause;
  level: number;
}

export interface GrayTestOptions<S extends string | number = string | number> {
  /** Status code of the event of interest, default 1. */
  cause?: CompetingCause;
  /** Stratum per subject: scores and variances are summed over strata. */
  strata?: readonly S[];
  /** Power of the weight (1 − F(t−))^rho, default 0. */
  rho?: number;
}

export interface GrayTestResult {
  /** Chi-square statistic; null when its variance matrix is singular. */
  chisq: number | null;
  df: number;
  pValue: number | null;
  cause: CompetingCause;
}

function checkCompetingData(time: readonly number[], status: readonly number[]): void {
  checkTimes(time, 'time');
  checkLength(status, 'status', time.length);
  checkCodes(status, 'status', [0, 1, 2]);
}

function checkCause(cause: unknown): asserts cause is CompetingCause {
  if (cause !== 1 && cause !== 2) throw new InputError('cause', `must be 1 or 2, got ${String(cause)}`);
}

/** Log(−log) pointwise limits of a cumulative incidence (see the module note). */
function cifLimits(estimate: number, variance: number, z: number): { lower: number | null; upper: number | null } {
  if (variance === 0) return { lower: estimate, upper: estimate };
  if (!(estimate > 0 && estimate < 1)) return { lower: null, upper: null };
  const half = (z * Math.sqrt(variance)) / (estimate * Math.log(estimate));
  const g = Math.log(-Math.log(estimate));
  return { lower: Math.exp(-Math.exp(g - half)), upper: Math.exp(-Math.exp(g + half)) };
}

/** cmprsk `cinc` for one group: indices sorted by time. */
function cincCurve(
  order: readonly number[],
  time: readonly number[],
  status: readonly number[],
  cause: CompetingCause,
  z: number,
): CumulativeIncidenceRow[] {
  const n = order.length;
  const rows: CumulativeIncidenceRow[] = [];
  let fk = 1;
  let f = 0;
  let v1 = 0;
  let v2 = 0;
  let v3 = 0;
  let pos = 0;
  while (pos < n) {
    const t = time[order[pos]];
    const rs = n - pos;
    let nd1 = 0;
    let nd2 = 0;
    while (pos < n && time[order[pos]] === t) {
      const s = status[order[pos]];
      if (s === cause) nd1++;
      else if (s !== 0) nd2++;
      pos++;
    }
    const nd = nd1 + nd2;
    if (nd === 0) continue;
    const fkn = (fk * (rs - nd)) / rs;
    if (nd1 > 0) f += (fk * nd1) / rs;
    if (nd2 > 0 && fkn > 0) {
      const t5 = nd2 > 1 ? 1 - (nd2 - 1) / (rs - 1) : 1;
      const t6 = (fk * fk * t5 * nd2) / (rs * rs);
      const t3 = 1 / fkn;
      const t4 = f / fkn;
      v1 += t4 * t4 * t6;
      v2 += t3 * t4 * t6;
      v3 += t3 * t3 * t6;
    }
    if (nd1 > 0) {
      const t5 = nd1 > 1 ? 1 - (nd1 - 1) / (rs - 1) : 1;
      const t6 = (fk * fk * t5 * nd1) / (rs * rs);
      const t3 = fkn > 0 ? 1 / fkn : 0;
      const t4 = 1 + t3 * f;
      v1 += t4 * t4 * t6;
      v2 += t3 * t4 * t6;
      v3 += t3 * t3 * t6;
      const variance = v1 + f * f * v3 - 2 * f * v2;
      rows.push({ time: t, estimate: f, variance, ...cifLimits(f, variance, z) });
    }
    fk = fkn;
  }
  return rows;
}

function sortedIndices(indices: readonly number[], time: readonly number[]): number[] {
  return [...indices].sort((a, b) => time[a] - time[b] || a - b);
}

/**
 * Aalen–Johansen cumulative incidence of one cause in the presence of competing events, per group, with
 * cmprsk's variance (R cmprsk 2.2 `cuminc(time, status, group, cencode = 0)`) and log(−log) limits.
 *
 * @param time observed times (≥ 0); @param status 0 censored, 1 event of interest, 2 competing event.
 * @returns one curve per group (sorted labels), each with a row per event time of the cause.
 * @throws InputError for empty input, negative times, codes other than 0/1/2, mismatched lengths,
 *   a bad level or cause.
 * @example
 * cumulativeIncidence([1, 2, 3, 4], [1, 2, 1, 0]).curves[0].rows.map((r) => r.estimate) // [0.25, 0.5]
 */
export function cumulativeIncidence<G extends string | number>(
  time: readonly number[],
  status: readonly number[],
  options: CumulativeIncidenceOptions<G> = {},
): CumulativeIncidenceResult<G> {
  checkCompetingData(time, status);
  const level = options.level ?? 0.95;
  checkLevel(level);
  const cause = options.cause ?? 1;
  checkCause(cause);
  const group = options.group;
  if (group !== undefined) {
    checkLength(group, 'group', time.length);
    checkLabels(group, 'group');
  }
  const z = normalQuantile(1 - (1 - level) / 2);
  const labels: (G | null)[] = group === undefined ? [null] : sortedLevels(group);
  const curves = labels.map((label) => {
    const members = time.map((_, i) => i).filter((i) => group === undefined || group[i] === label);
    const order = sortedIndices(members, time);
    const nEvent = order.filter((i) => status[i] === cause).length;
    const nCompeting = order.filter((i) => status[i] !== cause && status[i] !== 0).length;
    return {
      group: label,
      rows: cincCurve(order, time, status, cause, z),
      n: order.length,
      nEvent,
      nCompeting,
      maxTime: time[order[order.length - 1]],
    };
  });
  return { curves, cause, level };
}

/**
 * Cumulative incidence of a curve at given times, as R cmprsk `timepoints`: the right-continuous step
 * function (estimate 0 and variance 0 before the first event), and `null` for times beyond the group's
 * largest observed time (cmprsk's NA).
 *
 * @throws InputError for a non-finite time.
 */
export function cumulativeIncidenceAt(
  curve: CumulativeIncidenceCurve<string | number>,
  times: readonly number[],
): (CumulativeIncidenceRow | null)[] {
  return times.map((t, k) => {
    if (typeof t !== 'number' || !Number.isFinite(t)) throw new InputError('times', `element ${k} is ${String(t)}; must be finite`);
    if (t > curve.maxTime) return null;
    let last: CumulativeIncidenceRow | null = null;
    for (const r of curve.rows) {
      if (r.time <= t) last = r;
      else break;
    }
    if (last === null) return { time: t, estimate: 0, variance: 0, lower: 0, upper: 0 };
    return { ...last, time: t };
  });
}

/** Gray's score vector and variance for one stratum (cmprsk Fortran `crst`), indices sorted by time. */
function grayStratum(
  order: readonly number[],
  time: readonly number[],
  m: readonly number[],
  ig: readonly number[],
  ng: number,
  rho: number,
): { s: number[]; v: number[][] } {
  const ng1 = ng - 1;
  const n = order.length;
  const rs = new Array<number>(ng).fill(0);
  for (const i of order) rs[ig[i]]++;
  const s = new Array<number>(ng1).fill(0);
  const v = Array.from({ length: ng1 }, () => new Array<number>(ng1).fill(0));
  const f1m = new Array<number>(ng).fill(0);
  const f1 = new Array<number>(ng).fill(0);
  const skmm = new Array<number>(ng).fill(1);
  const skm = new Array<number>(ng).fill(1);
  const v3 = new Array<number>(ng).fill(0);
  const v2 = Array.from({ length: ng1 }, () => new Array<number>(ng).fill(0));
  const c = Array.from({ length: ng }, () => new Array<number>(ng).fill(0));
  const a = Array.from({ length: ng }, () => new Array<number>(ng).fill(0));
  let fm = 0;
  let f = 0;
  let ll = 0;
  while (ll < n) {
    let lu = ll;
    while (lu + 1 < n && time[order[lu + 1]] === time[order[ll]]) lu++;
    const d = [new Array<number>(ng).fill(0), new Array<number>(ng).fill(0), new Array<number>(ng).fill(0)];
    for (let q = ll; q <= lu; q++) d[m[order[q]]][ig[order[q]]]++;
    let nd1 = 0;
    let nd2 = 0;
    for (let i = 0; i < ng; i++) {
      nd1 += d[1][i];
      nd2 += d[2][i];
    }
    if (nd1 > 0 || nd2 > 0) {
      let tr = 0;
      let tq = 0;
      for (let i = 0; i < ng; i++) {
        if (rs[i] <= 0) continue;
        const td = d[1][i] + d[2][i];
        skm[i] = (skmm[i] * (rs[i] - td)) / rs[i];
        f1[i] = f1m[i] + (skmm[i] * d[1][i]) / rs[i];
        tr += rs[i] / skmm[i];
        tq += (rs[i] * (1 - f1m[i])) / skmm[i];
      }
      f = fm + nd1 / tr;
      const fb = Math.pow(1 - fm, rho);
      for (let i = 0; i < ng; i++) {
        for (let j = i; j < ng; j++) a[i][j] = 0;
        if (rs[i] <= 0) continue;
        const t1 = rs[i] / skmm[i];
        a[i][i] = fb * t1 * (1 - t1 / tr);
        c[i][i] += (a[i][i] * nd1) / (tr * (1 - fm));
        for (let j = i + 1; j < ng; j++) {
          if (rs[j] <= 0) continue;
          a[i][j] = (-fb * t1 * rs[j]) / (skmm[j] * tr);
          c[i][j] += (a[i][j] * nd1) / (tr * (1 - fm));
        }
      }
      for (let i = 1; i < ng; i++) {
        for (let j = 0; j < i; j++) {
          a[i][j] = a[j][i];
          c[i][j] = c[j][i];
        }
      }
      for (let i = 0; i < ng1; i++) {
        if (rs[i] <= 0) continue;
        s[i] += fb * (d[1][i] - (nd1 * rs[i] * (1 - f1m[i])) / (skmm[i] * tq));
      }
      if (nd1 > 0) {
        for (let k = 0; k < ng; k++) {
          if (rs[k] <= 0) continue;
          const t4 = skm[k] > 0 ? 1 - (1 - f) / skm[k] : 1;
          const t5 = nd1 > 1 ? 1 - (nd1 - 1) / (tr * skmm[k] - 1) : 1;
          const t3 = (t5 * skmm[k] * nd1) / (tr * rs[k]);
          v3[k] += t4 * t4 * t3;
          for (let i = 0; i < ng1; i++) {
            const t1 = a[i][k] - t4 * c[i][k];
            v2[i][k] += t1 * t4 * t3;
            for (let j = 0; j <= i; j++) {
              const t2 = a[j][k] - t4 * c[j][k];
              v[i][j] += t1 * t2 * t3;
            }
          }
        }
      }
      if (nd2 > 0) {
        for (let k = 0; k < ng; k++) {
          if (skm[k] <= 0 || d[2][k] <= 0) continue;
          const t4 = (1 - f) / skm[k];
          const t5 = d[2][k] > 1 ? 1 - (d[2][k] - 1) / (rs[k] - 1) : 1;
          const t3 = (t5 * skmm[k] * skmm[k] * d[2][k]) / (rs[k] * rs[k]);
          v3[k] += t4 * t4 * t3;
          for (let i = 0; i < ng1; i++) {
            const t1 = t4 * c[i][k];
            v2[i][k] -= t1 * t4 * t3;
            for (let j = 0; j <= i; j++) {
              const t2 = t4 * c[j][k];
              v[i][j] += t1 * t2 * t3;
            }
          }
        }
      }
    }
    if (lu >= n - 1) break;
    for (let q = ll; q <= lu; q++) rs[ig[order[q]]]--;
    fm = f;
    for (let i = 0; i < ng; i++) {
      f1m[i] = f1[i];
      skmm[i] = skm[i];
    }
    ll = lu + 1;
  }
  for (let i = 0; i < ng1; i++) {
    for (let j = 0; j <= i; j++) {
      for (let k = 0; k < ng; k++) {
        v[i][j] += c[i][k] * c[j][k] * v3[k] + c[i][k] * v2[j][k] + c[j][k] * v2[i][k];
      }
      v[j][i] = v[i][j];
    }
  }
  return { s, v };
}

/**
 * Gray's test for equality of the cumulative incidence of one cause across groups (R cmprsk 2.2
 * `cuminc(...)$Tests`, rho = 0 by default), optionally stratified.
 *
 * @param time observed times; @param status 0 censored, 1 event of interest, 2 competing event;
 * @param group group label per subject (at least two distinct labels).
 * @returns `{ chisq, df, pValue, cause }` with df = groups − 1; chisq/pValue null if not defined.
 * @throws InputError for invalid data, fewer than two groups, a bad cause or rho.
 */
export function grayTest<G extends string | number, S extends string | number = string | number>(
  time: readonly number[],
  status: readonly number[],
  group: readonly G[],
  options: GrayTestOptions<S> = {},
): GrayTestResult {
  checkCompetingData(time, status);
  checkLength(group, 'group', time.length);
  checkLabels(group, 'group');
  const cause = options.cause ?? 1;
  checkCause(cause);
  const rho = options.rho ?? 0;
  if (typeof rho !== 'number' || !Number.isFinite(rho)) throw new InputError('rho', `must be a finite number, got ${String(rho)}`);
  const strata = options.strata;
  if (strata !== undefined) {
    checkLength(strata, 'strata', time.length);
    checkLabels(strata, 'strata');
  }
  const levels = sortedLevels(group);
  const ng = levels.length;
  if (ng < 2) throw new InputError('group', 'Gray\'s test needs at least two groups');
  const gIndex = new Map<G, number>(levels.map((g, i) => [g, i]));
  const ig = group.map((g) => gIndex.get(g) as number);
  // cmprsk recodes: 0 censored, 1 the cause of interest, 2 any other cause.
  const m = status.map((s) => (s === 0 ? 0 : s === cause ? 1 : 2));
  const strataLevels: (S | null)[] = strata === undefined ? [null] : sortedLevels(strata);
  const s = new Array<number>(ng - 1).fill(0);
  const v = Array.from({ length: ng - 1 }, () => new Array<number>(ng - 1).fill(0));
  for (const level of strataLevels) {
    const members = time.map((_, i) => i).filter((i) => strata === undefined || strata[i] === level);
    const part = grayStratum(sortedIndices(members, time), time, m, ig, ng, rho);
    for (let i = 0; i < ng - 1; i++) {
      s[i] += part.s[i];
      for (let j = 0; j < ng - 1; j++) v[i][j] += part.v[i][j];
    }
  }
  const df = ng - 1;
  const chisq = quadraticFormInverse(v, s);
  if (chisq === null || !Number.isFinite(chisq)) return { chisq: null, df, pValue: null, cause };
  return { chisq, df, pValue: chiSquarePValue(chisq, df), cause };
}
