/**
 * Time-to-remission statistics of one ADTTE parameter as ARD records (issue 5 item 4; domain.md 2).
 *
 * Time scale: ADTTE AVAL in days with the origin day counted as day 1 (AVAL = ADT − STARTDT + 1), so
 * "d days after the origin" is AVAL = d + 1. Landmark week w (number at risk) = d = 7w days after the
 * origin = AVAL ≥ 7w + 1. Cumulative remission "at" an analysis visit is read at the END of that visit's
 * analysis window (plan.visits[].window[1], in the same day-1 convention), so every assessment assigned
 * to the visit counts.
 *
 * Methods (all from src/stats, validated against R survival 3.5 / cmprsk 2.2); every interval at the
 * descriptive level (`DescriptiveLevel`, 95 %, analyses/common/confidence.ts), which sections.ts labels:
 * - 1 − Kaplan–Meier with log-log pointwise CI (SAS PROC LIFETEST CONFTYPE=LOGLOG); competing events
 *   (death, rescue; ADTTE EVNTSTAT 2) are censored there (hypothetical strategy);
 * - Aalen–Johansen cumulative incidence with competing events (cmprsk variance, log(−log) limits);
 * - median time to remission with the Brookmeyer–Crowley CI (log-log), null = not reached;
 * - log-rank test stratified by the randomisation stratum (R survdiff + strata());
 * - Cox hazard ratio experimental vs control, stratified, Efron ties (R coxph default), Wald CI;
 * - Gray's test (rho 0), stratified.
 *
 * ARD encoding (population = the analysis set code, parameter = PARAMCD):
 * - `time-to-remission`: group = arm label or "Total": N, nEvent, nCompeting, nCensored (category null); an
 *   arm's N carries `TtrContext.header`'s trace of the arm when given (closed report);
 *   category "median": estimate/lower/upper (days, null = not reached);
 *   category "km" / "cif", visit = AVISIT: estimate/lower/upper (cumulative proportion 0–1) and `day`;
 *   group = contrast "E - C": category "logrank" chisq/df/pValue; category "hazard-ratio"
 *   estimate/lower/upper/coef/se/pValue/converged; category "gray" chisq/df/pValue.
 * - `time-to-remission-curve-km` / `time-to-remission-curve-cif`: category = AVAL day as a decimal string
 *   ("0" = origin point), group = arm label: estimate/lower/upper (cumulative proportion).
 * - `time-to-remission-censor`: category = AVAL day, group = arm label: nCensored.
 * - `time-to-remission-at-risk`: category = weeks since origin ("0", "4", …), group = arm label or "Total": n.
 */
import { ard, type ArdRecord, type CountTrace } from '../../src/core/ard.ts';
import { ConvergenceError } from '../../src/core/errors.ts';
import { cumulativeIncidence, cumulativeIncidenceAt, grayTest } from '../../src/stats/competing-risks.ts';
import { coxPH, kaplanMeier, kmQuantile, logRankTest, numberAtRisk, survivalAt } from '../../src/stats/survival.ts';
import type { ArmInfo } from '../framework.ts';
import { DescriptiveLevel } from '../common/confidence.ts';
import { contrastLabel } from '../framework.ts';

/** Analysis ids of the ARD records written by this module. */
export const TtrAnalysis = {
  summary: 'time-to-remission',
  kmCurve: 'time-to-remission-curve-km',
  cifCurve: 'time-to-remission-curve-cif',
  censor: 'time-to-remission-censor',
  atRisk: 'time-to-remission-at-risk',
} as const;

/** Weeks since the origin at which the number at risk is shown. */
export const AtRiskWeeks: readonly number[] = [0, 4, 8, 12, 16, 20, 24];

/** One subject of the analysis set for one parameter. */
export interface TtrSubject {
  /** USUBJID. */
  id: string;
  /** AVAL, days (origin = day 1). */
  time: number;
  /** ADTTE EVNTSTAT: 0 censored, 1 remission, 2 competing event. */
  status: 0 | 1 | 2;
  /** ARMCD. */
  arm: string;
  stratum: string;
}

/** A landmark: an analysis visit and the AVAL day at which the curve is read. */
export interface Landmark {
  visit: string;
  day: number;
}

export interface TtrContext {
  parameter: string;
  population: string;
  arms: readonly ArmInfo[];
  landmarks: readonly Landmark[];
  /** Arm label → the population trace its N carries (who is in N, the randomised left out); none when absent. */
  header?: ReadonlyMap<string, CountTrace>;
}

/** AVAL day of "w weeks after the origin". */
export function dayOfWeek(week: number): number {
  return 7 * week + 1;
}

function groupRecords(ctx: TtrContext, group: string, subjects: readonly TtrSubject[]): ArdRecord[] {
  const base = { analysis: TtrAnalysis.summary, population: ctx.population, parameter: ctx.parameter, group };
  const out: ArdRecord[] = [
    ard({ ...base, statistic: 'N', value: subjects.length, subjects: ctx.header?.get(group) }),
    ard({ ...base, statistic: 'nEvent', value: subjects.filter((s) => s.status === 1).length }),
    ard({ ...base, statistic: 'nCompeting', value: subjects.filter((s) => s.status === 2).length }),
    ard({ ...base, statistic: 'nCensored', value: subjects.filter((s) => s.status === 0).length }),
  ];
  const weeks = AtRiskWeeks;
  const atRisk = subjects.length === 0 ? weeks.map(() => 0) : numberAtRisk(subjects.map((s) => s.time), weeks.map(dayOfWeek));
  weeks.forEach((w, i) => out.push(ard({ ...base, analysis: TtrAnalysis.atRisk, category: String(w), statistic: 'n', value: atRisk[i] })));
  if (subjects.length === 0) return out;
  const time = subjects.map((s) => s.time);
  const event = subjects.map((s) => (s.status === 1 ? 1 : 0));
  const median = kmQuantile(time, event, { p: 0.5, confType: 'log-log', level: DescriptiveLevel });
  const mMethod = 'kaplan-meier-brookmeyer-crowley-loglog';
  out.push(ard({ ...base, category: 'median', statistic: 'estimate', value: median.estimate, method: mMethod }));
  out.push(ard({ ...base, category: 'median', statistic: 'lower', value: median.lower, method: mMethod }));
  out.push(ard({ ...base, category: 'median', statistic: 'upper', value: median.upper, method: mMethod }));
  out.push(...kmRecords(ctx, group, time, event));
  out.push(...cifRecords(ctx, group, time, subjects.map((s) => s.status)));
  return out;
}

/** 1 − KM: landmarks, step curve (time 0 first) and censoring times. */
function kmRecords(ctx: TtrContext, group: string, time: number[], event: number[]): ArdRecord[] {
  const km = kaplanMeier(time, event, { confType: 'log-log', level: DescriptiveLevel });
  const method = 'kaplan-meier-loglog';
  const base = { population: ctx.population, parameter: ctx.parameter, group, method };
  const out: ArdRecord[] = [];
  for (const lm of ctx.landmarks) {
    const p = survivalAt(km, lm.day);
    const b = { ...base, analysis: TtrAnalysis.summary, category: 'km', visit: lm.visit };
    out.push(ard({ ...b, statistic: 'estimate', value: 1 - p.survival }));
    out.push(ard({ ...b, statistic: 'lower', value: p.upper === null ? null : 1 - p.upper }));
    out.push(ard({ ...b, statistic: 'upper', value: p.lower === null ? null : 1 - p.lower }));
    out.push(ard({ ...b, statistic: 'day', value: lm.day }));
  }
  const points = [{ time: 0, survival: 1, lower: 1 as number | null, upper: 1 as number | null }, ...km.rows];
  for (const r of points) {
    const b = { ...base, analysis: TtrAnalysis.kmCurve, category: String(r.time) };
    out.push(ard({ ...b, statistic: 'estimate', value: 1 - r.survival }));
    out.push(ard({ ...b, statistic: 'lower', value: r.upper === null ? null : 1 - r.upper }));
    out.push(ard({ ...b, statistic: 'upper', value: r.lower === null ? null : 1 - r.lower }));
  }
  const censorCounts = new Map<number, number>();
  time.forEach((t, i) => event[i] === 0 && censorCounts.set(t, (censorCounts.get(t) ?? 0) + 1));
  for (const [t, n] of [...censorCounts.entries()].sort((a, b) => a[0] - b[0])) {
    out.push(ard({ ...base, analysis: TtrAnalysis.censor, category: String(t), statistic: 'nCensored', value: n, method: null }));
  }
  return out;
}

/** Aalen–Johansen: landmarks and step curve. */
function cifRecords(ctx: TtrContext, group: string, time: number[], status: number[]): ArdRecord[] {
  const curve = cumulativeIncidence(time, status, { level: DescriptiveLevel, cause: 1 }).curves[0];
  const method = 'aalen-johansen';
  const base = { population: ctx.population, parameter: ctx.parameter, group, method };
  const out: ArdRecord[] = [];
  // Beyond the group's last follow-up time cmprsk `timepoints` gives NA; as KM with R's extend = TRUE
  // (survivalAt), the value at the last follow-up time is carried forward (documented in the footnotes).
  const at = cumulativeIncidenceAt(curve, ctx.landmarks.map((l) => Math.min(l.day, curve.maxTime)));
  ctx.landmarks.forEach((lm, i) => {
    const r = at[i];
    const b = { ...base, analysis: TtrAnalysis.summary, category: 'cif', visit: lm.visit };
    out.push(ard({ ...b, statistic: 'estimate', value: r?.estimate ?? null }));
    out.push(ard({ ...b, statistic: 'lower', value: r?.lower ?? null }));
    out.push(ard({ ...b, statistic: 'upper', value: r?.upper ?? null }));
    out.push(ard({ ...b, statistic: 'day', value: lm.day }));
  });
  for (const r of [{ time: 0, estimate: 0, lower: 0 as number | null, upper: 0 as number | null }, ...curve.rows]) {
    const b = { ...base, analysis: TtrAnalysis.cifCurve, category: String(r.time) };
    out.push(ard({ ...b, statistic: 'estimate', value: r.estimate }));
    out.push(ard({ ...b, statistic: 'lower', value: r.lower }));
    out.push(ard({ ...b, statistic: 'upper', value: r.upper }));
  }
  return out;
}

/** Stratified log-rank, stratified Cox (Efron) and stratified Gray's test, experimental vs control. */
function comparisonRecords(ctx: TtrContext, subjects: readonly TtrSubject[], control: ArmInfo, experimental: ArmInfo): ArdRecord[] {
  const two = subjects.filter((s) => s.arm === control.code || s.arm === experimental.code);
  const group = contrastLabel(experimental, control);
  const base = { analysis: TtrAnalysis.summary, population: ctx.population, parameter: ctx.parameter, group };
  const hasBoth = two.some((s) => s.arm === control.code) && two.some((s) => s.arm === experimental.code);
  if (!hasBoth) return [ard({ ...base, category: 'hazard-ratio', statistic: 'converged', value: 0, method: 'cox-efron-stratified' })];
  const time = two.map((s) => s.time);
  const event = two.map((s) => (s.status === 1 ? 1 : 0));
  const arm = two.map((s) => (s.arm === experimental.code ? 1 : 0));
  const strata = two.map((s) => s.stratum);
  const out: ArdRecord[] = [];
  const lr = logRankTest(time, event, arm, { strata });
  const lrm = { ...base, category: 'logrank', method: 'log-rank-stratified' };
  out.push(ard({ ...lrm, statistic: 'chisq', value: lr.chisq }), ard({ ...lrm, statistic: 'df', value: lr.df }), ard({ ...lrm, statistic: 'pValue', value: lr.pValue }));
  out.push(...coxRecords({ ...base, category: 'hazard-ratio', method: 'cox-efron-stratified' }, time, event, arm, strata));
  const gray = grayTest(time, two.map((s) => s.status), arm, { strata, cause: 1 });
  const gm = { ...base, category: 'gray', method: 'gray-stratified' };
  out.push(ard({ ...gm, statistic: 'chisq', value: gray.chisq }), ard({ ...gm, statistic: 'df', value: gray.df }), ard({ ...gm, statistic: 'pValue', value: gray.pValue }));
  return out;
}

function coxRecords(
  b: Pick<ArdRecord, 'analysis' | 'population' | 'parameter' | 'group' | 'category' | 'method'>,
  time: number[], event: number[], arm: number[], strata: string[],
): ArdRecord[] {
  try {
    const fit = coxPH(time, event, arm, { ties: 'efron', strata, level: DescriptiveLevel });
    const finite = (x: number) => (Number.isFinite(x) ? x : null);
    return [
      ard({ ...b, statistic: 'estimate', value: finite(fit.hazardRatio) }),
      ard({ ...b, statistic: 'lower', value: finite(fit.lower) }),
      ard({ ...b, statistic: 'upper', value: finite(fit.upper) }),
      ard({ ...b, statistic: 'coef', value: finite(fit.coef) }),
      ard({ ...b, statistic: 'se', value: finite(fit.se) }),
      ard({ ...b, statistic: 'pValue', value: finite(fit.pValue) }),
      ard({ ...b, statistic: 'converged', value: fit.converged && fit.warnings.length === 0 ? 1 : 0 }),
    ];
  } catch (e) {
    if (!(e instanceof ConvergenceError)) throw e;
    return [ard({ ...b, statistic: 'converged', value: 0 })];
  }
}

/**
 * All ARD records of one time-to-remission parameter: per arm (plan order), pooled ("Total"), and each
 * experimental arm vs the control arm (the first of `ctx.arms`).
 */
export function timeToRemissionRecords(ctx: TtrContext, subjects: readonly TtrSubject[]): ArdRecord[] {
  const out: ArdRecord[] = [];
  for (const a of ctx.arms) out.push(...groupRecords(ctx, a.label, subjects.filter((s) => s.arm === a.code)));
  out.push(...groupRecords(ctx, 'Total', subjects));
  const [control, ...experimental] = ctx.arms;
  for (const e of experimental) out.push(...comparisonRecords(ctx, subjects, control, e));
  return out;
}
