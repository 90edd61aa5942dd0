/**
 * Simple bar chart (enrolment by site, disposition reasons, counts by grade): horizontal bars in the
 * category order given, optionally grouped (dodged and coloured) by a series such as arm.
 * Values are shown in the unit of `valueTitle`; bars start at zero.
 */
import type { TopLevelSpec } from 'vega-lite';
import { InputError } from '../../core/errors.ts';
import { armScales, CHART_CONFIG } from './theme.ts';
import { assertFinite, assertNonEmpty, uniqueInOrder } from './validate.ts';

export interface BarDatum {
  category: string;
  value: number;
  /** Series within a category (e.g. arm); bars with a group are dodged. */
  group?: string;
}

export interface BarChartOptions {
  bars: readonly BarDatum[];
  valueTitle: string;
  categoryTitle?: string;
  title?: string;
  subtitle?: string;
  /** Series order (default: first-seen). */
  groups?: readonly string[];
  /** d3-format string for the value axis, e.g. "d" for counts. */
  valueFormat?: string;
  width?: number;
}

/**
 * Vega-Lite spec of a horizontal bar chart.
 * @throws InputError for no bars, non-finite values, or duplicate (category, group) pairs.
 */
export function barChartSpec(o: BarChartOptions): TopLevelSpec {
  assertNonEmpty(o.bars, 'bars');
  o.bars.forEach((b, i) => assertFinite(b.value, `bars[${i}].value`));
  const keys = o.bars.map((b) => `${b.category}\u0000${b.group ?? ''}`);
  if (new Set(keys).size !== keys.length) throw new InputError('bars', 'each (category, group) pair must be unique');
  const categories = uniqueInOrder(o.bars.map((b) => b.category));
  const groups = o.groups ? [...o.groups] : uniqueInOrder(o.bars.flatMap((b) => (b.group === undefined ? [] : [b.group])));
  const grouped = groups.length > 0;
  const s = grouped ? armScales(groups, 'groups') : null;
  const values = o.bars.map((b) => ({ category: b.category, value: b.value, group: b.group ?? '' }));
  return {
    config: CHART_CONFIG,
    ...(o.title ? { title: { text: o.title, ...(o.subtitle ? { subtitle: o.subtitle } : {}) } } : {}),
    width: o.width ?? 420,
    height: { step: grouped ? 12 * groups.length + 6 : 20 },
    data: { values },
    mark: { type: 'bar', ...(grouped ? {} : { color: '#0072B2' }) },
    encoding: {
      y: { field: 'category', type: 'nominal', scale: { domain: categories }, axis: { title: o.categoryTitle ?? null } },
      x: { field: 'value', type: 'quantitative', scale: { zero: true }, axis: { title: o.valueTitle, ...(o.valueFormat ? { format: o.valueFormat } : {}) } },
      ...(s
        ? {
            yOffset: { field: 'group', type: 'nominal', scale: { domain: groups } },
            color: { field: 'group', type: 'nominal', scale: s.colour, title: null },
          }
        : {}),
    },
  };
}
