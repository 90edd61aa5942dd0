/**
 * Adverse-event dot plot ("Amit plot"; Amit, Heiberger & Lane, "Graphical approaches to the analysis of
 * safety data from clinical trials", Pharm Stat 2008): left panel, incidence (% of subjects) per arm for each
 * preferred term; right panel, the risk difference with its confidence interval and a line at 0. Both panels
 * share the term order (as given: sort by risk difference or incidence before calling).
 *
 * Units: incidences and differences are PROPORTIONS; the axes show percent / percentage points.
 */
import type { TopLevelSpec } from 'vega-lite';
import { InputError } from '../../core/errors.ts';
import { armScales, CHART_CONFIG } from './theme.ts';
import { assertFinite, assertInterval, assertKnownArm, assertNonEmpty } from './validate.ts';

export interface AeDotRow {
  /** Preferred term (or SOC) label. */
  term: string;
  /** Proportion of subjects with the event, per arm. */
  incidence: readonly { arm: string; proportion: number }[];
  /** Risk difference (experimental − control) with CI, as proportions. */
  difference: { estimate: number; lower: number; upper: number };
}

export interface AeDotPlotOptions {
  arms: readonly string[];
  rows: readonly AeDotRow[];
  /** Right-panel axis title, e.g. "Risk difference MSC − MMF (pp, 95 % CI)". */
  differenceTitle: string;
  title?: string;
  subtitle?: string;
}

function validate(o: AeDotPlotOptions): void {
  assertNonEmpty(o.rows, 'rows');
  const terms = o.rows.map((r) => r.term);
  if (new Set(terms).size !== terms.length) throw new InputError('rows', 'terms must be unique');
  o.rows.forEach((r, i) => {
    r.incidence.forEach((inc, j) => {
      assertKnownArm(inc.arm, o.arms, `rows[${i}].incidence[${j}].arm`);
      assertFinite(inc.proportion, `rows[${i}].incidence[${j}].proportion`);
      if (inc.proportion < 0 || inc.proportion > 1) throw new InputError(`rows[${i}].incidence[${j}].proportion`, `expected a proportion in [0, 1], got ${inc.proportion}`);
    });
    assertInterval(r.difference.estimate, r.difference.lower, r.difference.upper, `rows[${i}].difference`);
  });
}

/**
 * Vega-Lite spec of the two-panel AE dot plot.
 * @throws InputError for duplicate terms, unknown arms, proportions outside [0, 1] or inverted intervals.
 */
export function aeDotPlotSpec(o: AeDotPlotOptions): TopLevelSpec {
  const s = armScales(o.arms);
  validate(o);
  const terms = o.rows.map((r) => r.term);
  const incidence = o.rows.flatMap((r) => r.incidence.map((i) => ({ term: r.term, arm: i.arm, pct: i.proportion * 100 })));
  const diffs = o.rows.map((r) => ({ term: r.term, estimate: r.difference.estimate * 100, lower: r.difference.lower * 100, upper: r.difference.upper * 100 }));
  const y = { field: 'term', type: 'nominal' as const, scale: { domain: terms }, axis: { title: null, labelLimit: 260 } };
  const step = 20;
  return {
    config: CHART_CONFIG,
    ...(o.title ? { title: { text: o.title, ...(o.subtitle ? { subtitle: o.subtitle } : {}) } } : {}),
    spacing: 12,
    hconcat: [
      {
        width: 220,
        height: { step },
        data: { values: incidence },
        mark: { type: 'point', filled: true, size: 55, opacity: 1 },
        encoding: {
          y,
          x: { field: 'pct', type: 'quantitative', scale: { zero: true }, axis: { title: 'Incidence (% of subjects)' } },
          color: { field: 'arm', type: 'nominal', scale: s.colour, title: null },
          shape: { field: 'arm', type: 'nominal', scale: s.shape, title: null },
        },
      },
      {
        width: 240,
        height: { step },
        layer: [
          { data: { values: [{ x: 0 }] }, mark: { type: 'rule', color: '#666' }, encoding: { x: { field: 'x', type: 'quantitative' } } },
          {
            data: { values: diffs },
            mark: { type: 'rule', strokeWidth: 1.5, color: '#222' },
            encoding: { y: { ...y, axis: { title: null, labels: false, ticks: false } }, x: { field: 'lower', type: 'quantitative' }, x2: { field: 'upper' } },
          },
          {
            data: { values: diffs },
            mark: { type: 'point', filled: true, shape: 'diamond', size: 60, color: '#222', opacity: 1 },
            encoding: {
              y: { ...y, axis: { title: null, labels: false, ticks: false } },
              x: { field: 'estimate', type: 'quantitative', axis: { title: o.differenceTitle } },
            },
          },
        ],
      },
    ],
  };
}
