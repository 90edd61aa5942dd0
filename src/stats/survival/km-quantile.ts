/**
 * Quantiles of a Kaplan–Meier curve (the median by default) with a Brookmeyer–Crowley-type confidence
 * interval, as R survival 3.5 reports them in `print(survfit)` / `summary(survfit)$table`
 * (function `survmean`, helper `minmin`), generalised from 0.5 to any survival level 1 − p.
 *
 * Algorithm note (Brookmeyer & Crowley 1982; Therneau, survival package). With q = 1 − p:
 * - estimate = the first time at which S(t) < q; if S equals q (within sqrt(machine ε) ≈ 1.5e-8, as
 *   `all.equal`) on a flat stretch, the midpoint of that stretch's start and the next time S drops
 *   further (the usual midpoint rule for medians);
 * - lower / upper = the same rule applied to the pointwise lower / upper confidence curve of S (of the
 *   chosen `confType`), i.e. the times at which the pointwise interval stops containing q.
 * A value the curve never reaches (S, or its limit, stays above q) is `null` ("not reached"), as R's NA.
 * Where the pointwise limits are undefined (S = 0, see kaplan-meier.ts) they are skipped as R skips NA.
 *
 * One deliberate R choice kept: if S equals q exactly on the last flat stretch (no later drop), R's
 * `survmean` returns the start of that stretch (`quantile.survfit` would return the midpoint with the last
 * follow-up time). remit follows `survmean`, the source of the printed median CI.
 */
import { InputError } from '../../core/errors.ts';
import { kaplanMeier, type KmConfType } from './kaplan-meier.ts';

export interface KmQuantileOptions {
  /** Cumulative event probability of the quantile: 0.5 = median (S crosses 0.5), 0.25 = first quartile of event time. */
  p?: number;
  /** Pointwise CI transform whose crossings define the interval; default 'log-log'. */
  confType?: KmConfType;
  /** Two-sided confidence level, default 0.95. */
  level?: number;
}

/** A KM quantile and its confidence limits, in time units; `null` = not reached. */
export interface KmQuantileResult {
  estimate: number | null;
  lower: number | null;
  upper: number | null;
}

/** Tolerance R uses for "equal to 0.5": sqrt(.Machine$double.eps), as in all.equal. */
const TOLERANCE = Math.sqrt(2.220446049250313e-16);

/**
 * First time at which the step curve `y` (values at `x`, non-increasing) drops below `q`, with R
 * survmean's midpoint rule when the curve sits at `q`; null if never. `null` y values (undefined
 * limits) are skipped. Exported for tests.
 */
export function firstCrossing(x: readonly number[], y: readonly (number | null)[], q: number): number | null {
  const keptX: number[] = [];
  const keptY: number[] = [];
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (v !== null && v < q + TOLERANCE) {
      keptX.push(x[i]);
      keptY.push(v);
    }
  }
  if (keptX.length === 0) return null;
  if (Math.abs(keptY[0] - q) < TOLERANCE) {
    const next = keptY.findIndex((v) => v < keptY[0]);
    if (next >= 0) return (keptX[0] + keptX[next]) / 2;
  }
  return keptX[0];
}

/**
 * Kaplan–Meier quantile (default the median) with its Brookmeyer–Crowley-type confidence interval,
 * exactly as R survival 3.5 `summary(survfit(Surv(time, event) ~ 1, conf.type = confType))$table`
 * columns median / 0.95LCL / 0.95UCL (see the module note).
 *
 * @param time observed times (≥ 0); @param event 1 = event, 0 = censored.
 * @returns `{ estimate, lower, upper }` in time units; each `null` when not reached.
 * @throws InputError for invalid data (as kaplanMeier) or p outside (0, 1).
 * @example
 * kmQuantile([1, 2, 3, 4], [1, 1, 1, 1], { p: 0.5 }).estimate // 2.5 (S = 0.5 on [2, 3): midpoint)
 */
export function kmQuantile(
  time: readonly number[],
  event: readonly number[],
  options: KmQuantileOptions = {},
): KmQuantileResult {
  const p = options.p ?? 0.5;
  if (typeof p !== 'number' || !(p > 0 && p < 1)) throw new InputError('p', `must be strictly between 0 and 1, got ${String(p)}`);
  const fit = kaplanMeier(time, event, { confType: options.confType ?? 'log-log', level: options.level ?? 0.95 });
  const q = 1 - p;
  const x = fit.rows.map((r) => r.time);
  return {
    estimate: firstCrossing(x, fit.rows.map((r) => r.survival), q),
    lower: firstCrossing(x, fit.rows.map((r) => r.lower), q),
    upper: firstCrossing(x, fit.rows.map((r) => r.upper), q),
  };
}
