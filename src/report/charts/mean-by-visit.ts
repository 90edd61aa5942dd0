/**
 * Mean (or geometric mean) with its confidence interval by visit and arm: points dodged horizontally per arm, error bars,
 * and lines joining an arm's visits (the usual longitudinal summary figure; e.g. LS means from an MMRM,
 * or geometric means of UPCR on a log axis).
 *
 * The x axis is quantitative in the visit's number (e.g. study week), so spacing reflects time; tick labels
 * are the visit names. Dodging moves each arm by `dodge` x-units around the visit. With `geometric: true`
 * the y axis is logarithmic and every value must be > 0. Values are in the parameter's units (`yTitle`).
 */
import type { TopLevelSpec } from 'vega-lite';
import { InputError } from '../../core/errors.ts';
import { armScales, CHART_CONFIG } from './theme.ts';
import { assertInterval, assertKnownArm, assertNonEmpty } from './validate.ts';

export interface VisitEstimate {
  /** Visit label, e.g. "Baseline", "Week 24". */
  visit: string;
  /** Position on the x axis, e.g. the study week (0 for baseline). */
  visitNumber: number;
  arm: string;
  mean: number;
  lower: number;
  upper: number;
}

export interface MeanByVisitOptions {
  arms: readonly string[];
  points: readonly VisitEstimate[];
  yTitle: string;
  /** Default "Visit". */
  xTitle?: string;
  title?: string;
  subtitle?: string;
  /** Log y axis for geometric means. */
  geometric?: boolean;
  /** Horizontal offset between arms in x units; default 1.2 % of the visit span (at least 0.1). */
  dodge?: number;
  width?: number;
  height?: number;
}

/** A vega expression mapping each visit number to its label (nested conditionals; labels JSON-quoted). */
function visitLabelExpr(visits: ReadonlyMap<number, string>): string {
  let expr = "''";
  for (const [num, label] of [...visits.entries()].reverse()) expr = `datum.value === ${num} ? ${JSON.stringify(label)} : ${expr}`;
  return expr;
}

function visitsOf(points: readonly VisitEstimate[]): Map<number, string> {
  const m = new Map<number, string>();
  for (const p of points) {
    const known = m.get(p.visitNumber);
    if (known !== undefined && known !== p.visit) {
      throw new InputError('points', `visit number ${p.visitNumber} has two labels: ${JSON.stringify(known)} and ${JSON.stringify(p.visit)}`);
    }
    m.set(p.visitNumber, p.visit);
  }
  return new Map([...m.entries()].sort((a, b) => a[0] - b[0]));
}

/**
 * Vega-Lite spec of means ± CI by visit and arm.
 * @throws InputError for unknown arms, lower > mean > upper, conflicting visit labels, or non-positive values on a log axis.
 */
export function meanByVisitSpec(o: MeanByVisitOptions): TopLevelSpec {
  const s = armScales(o.arms);
  assertNonEmpty(o.points, 'points');
  o.points.forEach((p, i) => {
    assertKnownArm(p.arm, o.arms, `points[${i}].arm`);
    assertInterval(p.mean, p.lower, p.upper, `points[${i}]`);
    if (o.geometric && p.lower <= 0) throw new InputError(`points[${i}].lower`, 'a log axis needs values > 0');
  });
  const visits = visitsOf(o.points);
  const nums = [...visits.keys()];
  const span = nums[nums.length - 1] - nums[0];
  const dodge = o.dodge ?? Math.max(0.1, span * 0.012);
  const k = o.arms.length;
  const values = o.points.map((p) => ({
    ...p,
    x: p.visitNumber + (o.arms.indexOf(p.arm) - (k - 1) / 2) * dodge,
  }));
  const pad = dodge * k;
  const x = {
    field: 'x',
    type: 'quantitative' as const,
    scale: { domain: [nums[0] - pad, nums[nums.length - 1] + pad], nice: false, zero: false },
    axis: { title: o.xTitle ?? 'Visit', values: nums, labelExpr: visitLabelExpr(visits), grid: false, labelAngle: nums.length > 6 ? -40 : 0 },
  };
  const yScale = o.geometric ? { type: 'log' as const } : { zero: false };
  const y = { field: 'mean', type: 'quantitative' as const, scale: yScale, axis: { title: o.yTitle } };
  const colour = { field: 'arm', type: 'nominal' as const, scale: s.colour, title: null };
  return {
    config: CHART_CONFIG,
    ...(o.title ? { title: { text: o.title, ...(o.subtitle ? { subtitle: o.subtitle } : {}) } } : {}),
    width: o.width ?? 520,
    height: o.height ?? 280,
    data: { values },
    layer: [
      {
        mark: { type: 'line', strokeWidth: 1.6 },
        encoding: { x, y, color: colour, strokeDash: { field: 'arm', type: 'nominal', scale: s.dash, title: null } },
      },
      {
        mark: { type: 'rule', strokeWidth: 1.4 },
        encoding: { x, y: { ...y, field: 'lower' }, y2: { field: 'upper' }, color: { ...colour, legend: null } },
      },
      {
        mark: { type: 'point', filled: true, size: 55, opacity: 1 },
        encoding: { x, y, color: colour, shape: { field: 'arm', type: 'nominal', scale: s.shape, title: null } },
      },
    ],
  };
}
