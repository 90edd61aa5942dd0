/**
 * Forest plot of risk differences with confidence intervals, for the non-inferiority analyses
 * (primary, sensitivity and subgroup estimates; domain.md §3). Reference lines at 0 ("no difference") and
 * at −margin (the NI margin); non-inferiority is shown when the whole interval lies right of −margin
 * (CONSORT extension for non-inferiority trials, Piaggio et al., JAMA 2012, figure 1).
 *
 * Units: inputs are differences of PROPORTIONS (−0.052) and a positive margin (0.15); the chart shows
 * percentage points (×100). Rows appear top to bottom in the order given. The right panel prints each
 * "estimate (lower, upper)" formatted by format.ts.
 */
import type { TopLevelSpec } from 'vega-lite';
import { InputError } from '../../core/errors.ts';
import { confidenceLabel, formatEstimateCi, formatNumber } from '../format.ts';
import { armScales, CHART_CONFIG } from './theme.ts';
import { assertFinite, assertInterval, assertNonEmpty, uniqueInOrder } from './validate.ts';

export interface ForestRow {
  label: string;
  estimate: number;
  lower: number;
  upper: number;
  /** Optional series (e.g. "FAS" / "PP"): rows with the same label are dodged and coloured by group. */
  group?: string;
}

export interface ForestPlotOptions {
  rows: readonly ForestRow[];
  /** Positive NI margin as a proportion (0.15 = 15 percentage points). */
  margin: number;
  /** Confidence level of the intervals (0.95), named in the default header of the text column. */
  level: number;
  title?: string;
  subtitle?: string;
  /** Default "Difference in response rate (percentage points)". */
  xTitle?: string;
  /** Header of the right-hand text column. Default "Estimate (95 % CI), pp" with the `level` given. */
  ciTitle?: string;
  /** Decimals in the text column. Default 1. */
  decimals?: number;
  /** Width of the plotting panel in pixels. Default 360. */
  width?: number;
}

const PP = 100;

function xDomain(rows: readonly ForestRow[], margin: number): [number, number] {
  const lo = Math.min(-margin, ...rows.map((r) => r.lower)) * PP;
  const hi = Math.max(0, ...rows.map((r) => r.upper)) * PP;
  const pad = (hi - lo) * 0.08;
  return [Math.floor((lo - pad) / 5) * 5, Math.ceil((hi + pad) / 5) * 5];
}

function validate(o: ForestPlotOptions): void {
  assertNonEmpty(o.rows, 'rows');
  assertFinite(o.margin, 'margin');
  if (o.margin <= 0 || o.margin >= 1) throw new InputError('margin', `expected a proportion in (0, 1), got ${o.margin}`);
  confidenceLabel(o.level); // throws InputError('level') unless 0 < level < 1
  o.rows.forEach((r, i) => assertInterval(r.estimate, r.lower, r.upper, `rows[${i}]`));
  const keys = o.rows.map((r) => `${r.label}\u0000${r.group ?? ''}`);
  if (new Set(keys).size !== keys.length) throw new InputError('rows', 'each (label, group) pair must be unique');
}

/**
 * Vega-Lite spec of a forest plot (hconcat: interval panel + text column sharing the row scale).
 * @throws InputError for empty rows, a margin outside (0, 1), lower > estimate or estimate > upper, or duplicate rows.
 */
export function forestPlotSpec(o: ForestPlotOptions): TopLevelSpec {
  validate(o);
  const d = o.decimals ?? 1;
  const labels = uniqueInOrder(o.rows.map((r) => r.label));
  const groups = uniqueInOrder(o.rows.flatMap((r) => (r.group === undefined ? [] : [r.group])));
  const grouped = groups.length > 0;
  const values = o.rows.map((r) => ({
    label: r.label,
    group: r.group ?? '',
    estimate: r.estimate * PP,
    lower: r.lower * PP,
    upper: r.upper * PP,
    ciText: formatEstimateCi(r.estimate * PP, r.lower * PP, r.upper * PP, d),
  }));
  const y = { field: 'label', type: 'nominal' as const, scale: { domain: labels }, axis: { title: null, labelLimit: 280 } };
  const yOffset = grouped ? { yOffset: { field: 'group', type: 'nominal' as const, scale: { domain: groups } } } : {};
  const scales = grouped ? armScales(groups, 'rows.group') : null;
  const colour = scales
    ? { color: { field: 'group', type: 'nominal' as const, scale: scales.colour, title: null } }
    : { color: { value: '#222' } };
  const shape = scales ? { shape: { field: 'group', type: 'nominal' as const, scale: scales.shape, title: null } } : {};
  const marginLabel = `NI margin ${formatNumber(-o.margin * PP, 0)} pp`;
  const refLines = [
    { x: 0, text: 'No difference', dash: [1, 0] },
    { x: -o.margin * PP, text: marginLabel, dash: [6, 4] },
  ];
  const step = grouped ? 16 * groups.length + 8 : 26;
  return {
    config: CHART_CONFIG,
    ...(o.title ? { title: { text: o.title, ...(o.subtitle ? { subtitle: o.subtitle } : {}) } } : {}),
    data: { values },
    spacing: 4,
    hconcat: [
      {
        width: o.width ?? 360,
        height: { step },
        layer: [
          {
            data: { values: refLines },
            mark: { type: 'rule', color: '#666' },
            encoding: { x: { field: 'x', type: 'quantitative' }, strokeDash: { field: 'dash', type: 'nominal', scale: null, legend: null } },
          },
          // Labels on the outer side of their lines (the margin is always left of zero), so they never overlap.
          ...refLines.map((line, i) => ({
            data: { values: [line] },
            mark: { type: 'text' as const, dy: -8, dx: i === 0 ? 3 : -3, align: i === 0 ? ('left' as const) : ('right' as const), fontSize: 10, color: '#444', baseline: 'bottom' as const },
            encoding: { x: { field: 'x', type: 'quantitative' as const }, y: { value: 0 }, text: { field: 'text' } },
          })),
          {
            mark: { type: 'rule', strokeWidth: 1.6 },
            encoding: { y, ...yOffset, x: { field: 'lower', type: 'quantitative' }, x2: { field: 'upper' }, ...colour },
          },
          {
            mark: { type: 'point', filled: true, size: 70, opacity: 1 },
            encoding: {
              y,
              ...yOffset,
              x: {
                field: 'estimate',
                type: 'quantitative',
                scale: { domain: xDomain(o.rows, o.margin), nice: false, zero: false },
                axis: { title: o.xTitle ?? 'Difference in response rate (percentage points)', tickCount: 8 },
              },
              ...colour,
              ...shape,
            },
          },
        ],
      },
      {
        width: 130,
        height: { step },
        title: { text: o.ciTitle ?? `Estimate (${confidenceLabel(o.level)}), pp`, fontSize: 11, anchor: 'start' },
        mark: { type: 'text', align: 'left', fontSize: 11, color: '#222' },
        encoding: {
          y: { ...y, axis: null },
          ...yOffset,
          x: { value: 0 },
          text: { field: 'ciText', type: 'nominal' },
        },
      },
    ],
  };
}
