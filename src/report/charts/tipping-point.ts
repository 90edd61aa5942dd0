/**
 * Tipping-point analysis heat map for a binary non-inferiority endpoint with missing outcomes (Yan, Lee & Li,
 * "Missing data handling methods in medical device clinical trials", J Biopharm Stat 2009; EMA guideline on
 * missing data in confirmatory trials, 2010): every combination of x = number of responders imputed among
 * the control arm's missing, y = the same among the experimental arm's missing.
 *
 * Colour = lower confidence bound of the difference (experimental − control) in percentage points on a
 * diverging scale centred at −margin; cells where non-inferiority is NOT concluded also carry a cross, so
 * the conclusion survives greyscale print. Inputs: lower bounds as proportions, margin positive (0.15).
 */
import type { TopLevelSpec } from 'vega-lite';
import { InputError } from '../../core/errors.ts';
import { confidenceLabel, formatNumber } from '../format.ts';
import { CHART_CONFIG } from './theme.ts';
import { assertFinite, assertNonEmpty } from './validate.ts';
import { wrapWords } from './wrap.ts';

export interface TippingCell {
  /** Responders imputed among the missing of the arm on the x axis (control). */
  x: number;
  /** Responders imputed among the missing of the arm on the y axis (experimental). */
  y: number;
  /** Lower confidence bound of the difference, as a proportion. */
  lowerBound: number;
  /** The NI conclusion for this cell (lower bound > −margin, as computed by the analysis). */
  nonInferior: boolean;
}

export interface TippingPointOptions {
  cells: readonly TippingCell[];
  margin: number;
  /** Confidence level of the lower bounds (0.95), named in the explanation. */
  level: number;
  xTitle: string;
  yTitle: string;
  title?: string;
  subtitle?: string;
  /** Pixel size of one cell. Default 18. */
  cellSize?: number;
}

/**
 * Tick values among the grid's counts (ascending): all of a short axis; otherwise multiples of 5 or 10
 * when the counts are consecutive, else every k-th count — first and last always labelled.
 */
function axisValues(domain: readonly number[]): number[] {
  if (domain.length <= 16) return [...domain];
  const max = domain[domain.length - 1];
  if (domain.length === max + 1) {
    const step = max <= 40 ? 5 : 10;
    return domain.filter((v) => v % step === 0 || v === max);
  }
  const k = Math.ceil(domain.length / 10);
  return domain.filter((_, i) => i % k === 0 || i === domain.length - 1);
}

/** Distinct values, ascending. */
function distinctSorted(xs: readonly number[]): number[] {
  return [...new Set(xs)].sort((a, b) => a - b);
}

function validate(o: TippingPointOptions): void {
  assertNonEmpty(o.cells, 'cells');
  assertFinite(o.margin, 'margin');
  if (o.margin <= 0 || o.margin >= 1) throw new InputError('margin', `expected a proportion in (0, 1), got ${o.margin}`);
  const seen = new Set<string>();
  o.cells.forEach((c, i) => {
    if (!Number.isInteger(c.x) || c.x < 0 || !Number.isInteger(c.y) || c.y < 0) throw new InputError(`cells[${i}]`, 'x and y must be non-negative integers');
    assertFinite(c.lowerBound, `cells[${i}].lowerBound`);
    const key = `${c.x},${c.y}`;
    if (seen.has(key)) throw new InputError(`cells[${i}]`, `duplicate cell ${key}`);
    seen.add(key);
  });
}

/**
 * Vega-Lite spec of the tipping-point grid.
 * @throws InputError for empty or duplicate cells, negative counts, or a margin outside (0, 1).
 */
export function tippingPointSpec(o: TippingPointOptions): TopLevelSpec {
  validate(o);
  // The grid's counts need not be consecutive (the analysis thins large grids): the axes show the counts present.
  const xDomain = distinctSorted(o.cells.map((c) => c.x));
  const yAscending = distinctSorted(o.cells.map((c) => c.y));
  const nx = xDomain.length, ny = yAscending.length;
  const size = o.cellSize ?? 18;
  const values = o.cells.map((c) => ({ x: c.x, y: c.y, lowerPp: c.lowerBound * 100, nonInferior: c.nonInferior }));
  const yDomain = [...yAscending].reverse();
  const x = { field: 'x', type: 'ordinal' as const, scale: { domain: xDomain }, axis: { title: o.xTitle, values: axisValues(xDomain), labelAngle: 0 } };
  const y = { field: 'y', type: 'ordinal' as const, scale: { domain: yDomain }, axis: { title: wrapWords(o.yTitle, Math.max(12, Math.floor((ny * size) / 7))), values: axisValues(yAscending) } };
  const marginPp = -o.margin * 100;
  const textChars = Math.max(40, Math.floor((nx * size + 120) / 6.5));
  const explanation = `Colour: lower ${confidenceLabel(o.level)} bound (pp), centred at the margin ${formatNumber(marginPp, 0)} pp; × = non-inferiority not concluded`;
  return {
    config: CHART_CONFIG,
    title: o.title
      ? { text: o.title, subtitle: wrapWords(o.subtitle ?? explanation, textChars) }
      : { text: wrapWords(o.subtitle ?? explanation, textChars), fontSize: 11, fontWeight: 'normal', color: '#444' },
    width: { step: size },
    height: { step: size },
    data: { values },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5 },
        encoding: {
          x,
          y,
          color: {
            field: 'lowerPp',
            type: 'quantitative',
            scale: { scheme: 'blueorange', reverse: true, domainMid: marginPp },
            legend: { title: 'Lower bound (pp)', orient: 'right', direction: 'vertical', gradientLength: 160 },
          },
        },
      },
      {
        transform: [{ filter: '!datum.nonInferior' }],
        mark: { type: 'point', shape: 'cross', filled: true, color: '#111', size: size * 2.2, opacity: 0.8, angle: 45 },
        encoding: { x, y },
      },
    ],
  };
}
