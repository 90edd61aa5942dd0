/**
 * Cumulative incidence (Aalen–Johansen) or 1 − Kaplan–Meier step curves by arm, with a pointwise CI band,
 * censoring ticks, and a number-at-risk table under the x axis (vconcat sharing the x scale), the layout of
 * Pocock, Clayton & Altman, "Survival plots of time-to-event outcomes in clinical trials", Lancet 2002;
 * Morris et al., "Proposals on Kaplan–Meier plots in medical research", BMJ Open 2019.
 *
 * Units: estimates and bounds are PROPORTIONS in [0, 1] (the y axis shows percent); time is in the unit of
 * `xTitle` (e.g. weeks since randomisation). Curves are right-continuous steps (`step-after`): each point is
 * the value from its time until the next point; include time 0. For KM, pass 1 − S(t) and swapped bounds.
 * A censoring tick sits on the curve at the censoring time (the last step at or before it).
 */
import type { TopLevelSpec } from 'vega-lite';
import { InputError } from '../../core/errors.ts';
import { armScales, CHART_CONFIG } from './theme.ts';
import { assertFinite, assertKnownArm, assertNonEmpty } from './validate.ts';

export interface CurvePoint {
  time: number;
  estimate: number;
  /** Pointwise CI; null where not estimable (no band drawn there). */
  lower: number | null;
  upper: number | null;
}

export interface ArmCurve {
  arm: string;
  /** Step points sorted by time, starting at time 0. */
  points: readonly CurvePoint[];
  censorTimes?: readonly number[];
}

export interface AtRiskCount {
  arm: string;
  time: number;
  n: number;
}

export interface CumulativeIncidenceOptions {
  /** Arms in legend order. */
  arms: readonly string[];
  curves: readonly ArmCurve[];
  /** Number at risk at the tick times, per arm. */
  atRisk: readonly AtRiskCount[];
  xTitle: string;
  /** Default "Cumulative incidence". */
  yTitle?: string;
  title?: string;
  subtitle?: string;
  /** End of the time axis; default the largest time in the data. */
  timeMax?: number;
  /** Tick positions on the time axis (also where at-risk counts usually are). */
  timeTicks?: readonly number[];
  width?: number;
  height?: number;
}

function validateCurve(c: ArmCurve, i: number, arms: readonly string[]): void {
  assertKnownArm(c.arm, arms, `curves[${i}].arm`);
  assertNonEmpty(c.points, `curves[${i}].points`);
  let prev = -Infinity;
  c.points.forEach((p, j) => {
    const at = `curves[${i}].points[${j}]`;
    assertFinite(p.time, `${at}.time`);
    assertFinite(p.estimate, `${at}.estimate`);
    if (p.time < prev) throw new InputError(`${at}.time`, 'points must be sorted by time');
    prev = p.time;
    if (p.estimate < 0 || p.estimate > 1) throw new InputError(`${at}.estimate`, `expected a proportion in [0, 1], got ${p.estimate}`);
    if ((p.lower === null) !== (p.upper === null)) throw new InputError(at, 'lower and upper must both be given or both be null');
    if (p.lower !== null && p.upper !== null && !(p.lower <= p.estimate && p.estimate <= p.upper)) {
      throw new InputError(at, `expected lower ≤ estimate ≤ upper, got ${p.lower}, ${p.estimate}, ${p.upper}`);
    }
  });
  (c.censorTimes ?? []).forEach((t, j) => assertFinite(t, `curves[${i}].censorTimes[${j}]`));
}

/** Value of a right-continuous step function at time t (0 before the first point). */
function stepValue(points: readonly CurvePoint[], t: number): number {
  let v = 0;
  for (const p of points) {
    if (p.time > t) break;
    v = p.estimate;
  }
  return v;
}

function chartData(o: CumulativeIncidenceOptions) {
  const lines = o.curves.flatMap((c) => c.points.map((p) => ({ arm: c.arm, time: p.time, estimate: p.estimate })));
  const band = o.curves.flatMap((c) =>
    c.points.flatMap((p) => (p.lower === null || p.upper === null ? [] : [{ arm: c.arm, time: p.time, lower: p.lower, upper: p.upper }])),
  );
  const censor = o.curves.flatMap((c) => (c.censorTimes ?? []).map((t) => ({ arm: c.arm, time: t, estimate: stepValue(c.points, t) })));
  return { lines, band, censor };
}

/**
 * Vega-Lite spec: step curves + CI band + censor ticks, and the number-at-risk rows under the x axis.
 * @throws InputError for unknown arms, unsorted points, estimates outside [0, 1], or inconsistent bounds.
 */
export function cumulativeIncidenceSpec(o: CumulativeIncidenceOptions): TopLevelSpec {
  const s = armScales(o.arms);
  assertNonEmpty(o.curves, 'curves');
  o.curves.forEach((c, i) => validateCurve(c, i, o.arms));
  o.atRisk.forEach((a, i) => {
    assertKnownArm(a.arm, o.arms, `atRisk[${i}].arm`);
    if (!Number.isInteger(a.n) || a.n < 0) throw new InputError(`atRisk[${i}].n`, `expected a non-negative integer, got ${a.n}`);
  });
  const { lines, band, censor } = chartData(o);
  const allTimes = [...lines.map((l) => l.time), ...censor.map((c) => c.time), ...o.atRisk.map((a) => a.time)];
  const timeMax = o.timeMax ?? Math.max(...allTimes);
  const yMax = Math.min(1, Math.max(0.05, ...lines.map((l) => l.estimate), ...band.map((b) => b.upper)));
  const xScale = { domain: [0, timeMax], nice: false, zero: true };
  const ticks = o.timeTicks ? { values: [...o.timeTicks] } : {};
  const colour = { field: 'arm', type: 'nominal' as const, scale: s.colour, title: null };
  const x = { field: 'time', type: 'quantitative' as const, scale: xScale, axis: { title: o.xTitle, ...ticks, grid: false } };
  const y = { type: 'quantitative' as const, scale: { domain: [0, yMax] }, axis: { title: o.yTitle ?? 'Cumulative incidence', format: '.0%' } };
  const width = o.width ?? 520;
  return {
    config: CHART_CONFIG,
    ...(o.title ? { title: { text: o.title, ...(o.subtitle ? { subtitle: o.subtitle } : {}) } } : {}),
    spacing: 6,
    resolve: { scale: { x: 'shared' } },
    vconcat: [
      {
        width,
        height: o.height ?? 300,
        layer: [
          {
            data: { values: band },
            mark: { type: 'area', interpolate: 'step-after', opacity: 0.18 },
            encoding: { x, y: { ...y, field: 'lower' }, y2: { field: 'upper' }, color: { ...colour, legend: null } },
          },
          {
            data: { values: lines },
            mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
            encoding: { x, y: { ...y, field: 'estimate' }, color: colour, strokeDash: { field: 'arm', type: 'nominal', scale: s.dash, title: null } },
          },
          {
            data: { values: censor },
            mark: { type: 'tick', orient: 'vertical', size: 8, thickness: 1.3 },
            encoding: { x, y: { ...y, field: 'estimate' }, color: { ...colour, legend: null } },
          },
        ],
      },
      {
        width,
        height: { step: 16 },
        title: { text: 'Number at risk', fontSize: 11, anchor: 'start', fontWeight: 'normal' },
        data: { values: o.atRisk.map((a) => ({ arm: a.arm, time: a.time, n: String(a.n) })) },
        mark: { type: 'text', fontSize: 11, color: '#222' },
        encoding: {
          x: { field: 'time', type: 'quantitative', scale: xScale, axis: null },
          y: { field: 'arm', type: 'nominal', scale: { domain: [...o.arms] }, axis: { title: null, domain: false, ticks: false, labelPadding: 16 } },
          text: { field: 'n', type: 'nominal' },
        },
      },
    ],
  };
}
