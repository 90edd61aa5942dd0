/**
 * Kaplan–Meier product-limit estimator with Greenwood variance and pointwise confidence intervals,
 * matching R `survival::survfit` (survival 3.5) and `summary.survfit`.
 *
 * Algorithm note. Sort by time; at each distinct time t with d events among n subjects at risk
 * (at risk = observed time ≥ t, so subjects censored at t are at risk at t and events precede
 * censorings at a tie) S(t) = S(t−)·(1 − d/n). Greenwood: var(log S) = Σ d/(n(n − d)) (R's
 * `std.err` of a survfit object), and the standard error of S itself is S·sqrt(Σ d/(n(n − d)))
 * (R's `std.err` in `summary.survfit`). Pointwise limits, z = Φ⁻¹(1 − (1 − level)/2), σ = se(log S):
 *   plain:   S ± z·S·σ, clipped to [0, 1]
 *   log:     S·exp(∓z·σ), upper clipped at 1
 *   log-log: S^exp(±z·σ/log S)  (= exp(−exp(log(−log S) ∓ z·σ/log S)); not clipped, it stays in (0, 1))
 * exactly as R `survfit(conf.type = ...)` (Kalbfleisch & Prentice 2002 §1.4; Klein & Moeschberger
 * 2003 §4.3). remit's default is 'log-log' as in SAS PROC LIFETEST (CONFTYPE=LOGLOG); R's default is 'log'.
 *
 * Degenerate values (documented, never NaN):
 * - Before the first event (and when no event occurs at all) S = 1, stdErr = 0, lower = upper = 1.
 * - When every subject at risk has the event (n = d) S drops to 0; Greenwood's term is infinite and R
 *   reports std.err and both limits as NA. Here stdErr, lower and upper are `null` from that time on.
 */
import { normalQuantile } from '../distributions.ts';
import { InputError } from '../../core/errors.ts';
import { checkCodes, checkLength, checkLevel, checkTimes } from './validate.ts';

/** Confidence-interval transform for S(t), named as R survfit's `conf.type`. */
export type KmConfType = 'log-log' | 'log' | 'plain';

/** The transforms accepted for `confType`. */
export const KM_CONF_TYPES: readonly KmConfType[] = ['log-log', 'log', 'plain'];

export interface KaplanMeierOptions {
  /** Pointwise CI transform; default 'log-log' (SAS's default; R's is 'log'). */
  confType?: KmConfType;
  /** Two-sided confidence level, default 0.95. */
  level?: number;
}

/** One row of the KM table, at a distinct event time. */
export interface KaplanMeierRow {
  /** Event time (same unit as the input). */
  time: number;
  /** Subjects at risk just before `time`: observed time ≥ `time`. */
  nRisk: number;
  /** Events at `time`. */
  nEvent: number;
  /** Censorings at times c with `time` ≤ c < next event time (the last row: all censorings ≥ `time`). */
  nCensor: number;
  /** S(time), right-continuous. */
  survival: number;
  /** Greenwood standard error of S(time) itself; null once S = 0 (R gives NA). */
  stdErr: number | null;
  /** Lower pointwise confidence limit; null where undefined (S = 0). */
  lower: number | null;
  /** Upper pointwise confidence limit; null where undefined (S = 0). */
  upper: number | null;
  /** Greenwood variance of log S(time), Σ d/(n(n−d)) (R survfit's std.err squared); null once S = 0. */
  varLogSurvival: number | null;
}

export interface KaplanMeierResult {
  /** One row per distinct event time, ascending. Empty when there are no events. */
  rows: KaplanMeierRow[];
  /** Number of subjects. */
  n: number;
  /** Total number of events. */
  nEvent: number;
  /** Total number of censored subjects. */
  nCensor: number;
  /** Censorings before the first event time (not counted in any row; all of them when there are no events). */
  nCensorBeforeFirstEvent: number;
  /** Distinct censoring times, ascending (tick marks of a KM plot). */
  censorTimes: number[];
  /** Largest observed time (event or censoring). */
  maxTime: number;
  confType: KmConfType;
  level: number;
}

/** Value of the KM step function at one time. */
export interface SurvivalPoint {
  time: number;
  survival: number;
  stdErr: number | null;
  lower: number | null;
  upper: number | null;
}

/** Pointwise limits of S, given σ = se(log S), as R `survfit_confint` (survival 3.5). */
export function kmConfidenceLimits(
  survival: number,
  seLog: number | null,
  confType: KmConfType,
  level: number,
): { lower: number | null; upper: number | null } {
  if (survival === 1) return { lower: 1, upper: 1 };
  if (survival <= 0 || seLog === null) return { lower: null, upper: null };
  const z = normalQuantile(1 - (1 - level) / 2);
  switch (confType) {
    case 'plain': {
      const half = z * seLog * survival;
      return { lower: Math.max(survival - half, 0), upper: Math.min(survival + half, 1) };
    }
    case 'log': {
      const half = z * seLog;
      return { lower: Math.exp(Math.log(survival) - half), upper: Math.min(Math.exp(Math.log(survival) + half), 1) };
    }
    case 'log-log': {
      const logS = Math.log(survival);
      const half = (z * seLog) / logS;
      const g = Math.log(-logS);
      return { lower: Math.exp(-Math.exp(g - half)), upper: Math.exp(-Math.exp(g + half)) };
    }
  }
}

function checkConfType(confType: unknown): asserts confType is KmConfType {
  if (!KM_CONF_TYPES.includes(confType as KmConfType)) {
    throw new InputError('confType', `must be one of ${KM_CONF_TYPES.join(', ')}, got ${String(confType)}`);
  }
}

/** Validates (time, event): non-empty finite times ≥ 0, codes 0/1, equal lengths. Throws InputError. */
export function checkSurvivalData(time: readonly number[], event: readonly number[]): void {
  checkTimes(time, 'time');
  checkLength(event, 'event', time.length);
  checkCodes(event, 'event', [0, 1]);
}

/**
 * Kaplan–Meier estimate of S(t) with Greenwood standard errors and pointwise confidence limits, as
 * R `survfit(Surv(time, event) ~ 1, conf.type = confType, conf.int = level)` (survival 3.5).
 *
 * @param time observed times (≥ 0, any unit); time-0 events are allowed.
 * @param event 1 = event, 0 = censored.
 * @returns one row per distinct event time; see the module note for degenerate values.
 * @throws InputError for empty input, negative or non-finite times, event codes other than 0/1,
 *   mismatched lengths, an unknown confType or a level outside (0, 1).
 * @example
 * kaplanMeier([1, 2, 2, 3], [1, 1, 0, 0]).rows
 * // [{ time: 1, nRisk: 4, nEvent: 1, nCensor: 0, survival: 0.75, ... },
 * //  { time: 2, nRisk: 3, nEvent: 1, nCensor: 2, survival: 0.5, ... }]
 */
export function kaplanMeier(
  time: readonly number[],
  event: readonly number[],
  options: KaplanMeierOptions = {},
): KaplanMeierResult {
  const confType = options.confType ?? 'log-log';
  const level = options.level ?? 0.95;
  checkSurvivalData(time, event);
  checkConfType(confType);
  checkLevel(level);

  const order = time.map((_, i) => i).sort((a, b) => time[a] - time[b] || a - b);
  const n = time.length;
  const rows: KaplanMeierRow[] = [];
  const censorTimes: number[] = [];
  let survival = 1;
  let varLog: number | null = 0;
  let nEventTotal = 0;
  let nCensorBeforeFirstEvent = 0;
  let i = 0;
  while (i < n) {
    const t = time[order[i]];
    const nRisk = n - i;
    let d = 0;
    let c = 0;
    while (i < n && time[order[i]] === t) {
      if (event[order[i]] === 1) d++;
      else c++;
      i++;
    }
    if (c > 0) censorTimes.push(t);
    if (d === 0) {
      if (rows.length === 0) nCensorBeforeFirstEvent += c;
      else rows[rows.length - 1].nCensor += c;
      continue;
    }
    nEventTotal += d;
    survival *= (nRisk - d) / nRisk;
    if (nRisk === d) survival = 0;
    varLog = varLog === null || nRisk === d ? null : varLog + d / (nRisk * (nRisk - d));
    const stdErr = varLog === null ? null : survival * Math.sqrt(varLog);
    const { lower, upper } = kmConfidenceLimits(survival, varLog === null ? null : Math.sqrt(varLog), confType, level);
    rows.push({ time: t, nRisk, nEvent: d, nCensor: c, survival, stdErr, lower, upper, varLogSurvival: varLog });
  }
  return {
    rows,
    n,
    nEvent: nEventTotal,
    nCensor: n - nEventTotal,
    nCensorBeforeFirstEvent,
    censorTimes,
    maxTime: time[order[n - 1]],
    confType,
    level,
  };
}

/**
 * Value of the KM step function at time `t` (right-continuous: an event at t is included), with its
 * standard error and limits, as R `summary(fit, times = t, extend = TRUE)`. Before the first event
 * S = 1 with stdErr 0 and limits 1; after the last event (also beyond the last follow-up time, as R's
 * extend = TRUE) the last row's values are carried forward.
 *
 * @throws InputError if `t` is not a finite number.
 */
export function survivalAt(result: KaplanMeierResult, t: number): SurvivalPoint {
  if (typeof t !== 'number' || !Number.isFinite(t)) throw new InputError('t', `must be a finite number, got ${String(t)}`);
  const rows = result.rows;
  let lo = 0;
  let hi = rows.length; // first row with time > t
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid].time <= t) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return { time: t, survival: 1, stdErr: 0, lower: 1, upper: 1 };
  const r = rows[lo - 1];
  return { time: t, survival: r.survival, stdErr: r.stdErr, lower: r.lower, upper: r.upper };
}

/**
 * Number at risk at each of `atTimes`: subjects whose observed time is ≥ t (R `summary.survfit`'s
 * n.risk at requested times; the numbers under a KM plot).
 *
 * @throws InputError for invalid `time` or non-finite `atTimes`.
 */
export function numberAtRisk(time: readonly number[], atTimes: readonly number[]): number[] {
  checkTimes(time, 'time');
  const sorted = [...time].sort((a, b) => a - b);
  return atTimes.map((t, k) => {
    if (typeof t !== 'number' || !Number.isFinite(t)) throw new InputError('atTimes', `element ${k} is ${String(t)}; must be finite`);
    let lo = 0;
    let hi = sorted.length; // first index with sorted[i] >= t
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return sorted.length - lo;
  });
}
