/**
 * Chart builders: every spec validates against the vega-lite JSON schema, compiles with no vega-lite
 * warning (captured by a custom logger), renders to SVG with the expected marks and text, and is byte-for-byte
 * deterministic. Bad arguments throw InputError naming the argument.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import type { TopLevelSpec } from 'vega-lite';
import { InputError } from '../../src/core/errors.ts';
import { aeDotPlotSpec } from '../../src/report/charts/ae-dot-plot.ts';
import { barChartSpec } from '../../src/report/charts/bar.ts';
import { consortSvg } from '../../src/report/charts/consort.ts';
import { cumulativeIncidenceSpec } from '../../src/report/charts/cumulative-incidence.ts';
import { forestPlotSpec } from '../../src/report/charts/forest.ts';
import { meanByVisitSpec } from '../../src/report/charts/mean-by-visit.ts';
import { tippingPointSpec } from '../../src/report/charts/tipping-point.ts';
import { armScales } from '../../src/report/charts/theme.ts';
import { compileSpec, renderSvg } from '../../src/report/render-svg.ts';

const require = createRequire(import.meta.url);
const schema = require('vega-lite/vega-lite-schema.json') as object;
const ajv = new Ajv({ strict: false, allowUnionTypes: true, validateFormats: false, logger: false });
const validateSchema = ajv.compile(schema);

const arms = ['UC-MSC', 'MMF'];

const forest = () =>
  forestPlotSpec({
    margin: 0.15,
    level: 0.9,
    rows: [
      { label: 'Primary', estimate: -0.0522, lower: -0.1403, upper: 0.0371 },
      { label: 'Per protocol', estimate: -0.04, lower: -0.131, upper: 0.0507 },
    ],
  });

const incidence = () =>
  cumulativeIncidenceSpec({
    arms,
    curves: arms.map((arm, a) => ({
      arm,
      points: [
        { time: 0, estimate: 0, lower: 0, upper: 0 },
        { time: 4, estimate: 0.1 + a * 0.02, lower: 0.05, upper: 0.2 },
        { time: 12, estimate: 0.3 + a * 0.02, lower: 0.2, upper: 0.4 },
      ],
      censorTimes: [6, 13],
    })),
    atRisk: arms.flatMap((arm) => [
      { arm, time: 0, n: 115 },
      { arm, time: 12, n: 987 },
    ]),
    xTitle: 'Weeks',
    timeTicks: [0, 4, 8, 12],
    timeMax: 16,
  });

const means = () =>
  meanByVisitSpec({
    arms,
    yTitle: 'UPCR (g/g)',
    geometric: true,
    points: arms.flatMap((arm) => [
      { visit: 'Baseline', visitNumber: 0, arm, mean: 3, lower: 2.5, upper: 3.6 },
      { visit: 'Week 24', visitNumber: 24, arm, mean: 1, lower: 0.8, upper: 1.3 },
    ]),
  });

const tipping = () =>
  tippingPointSpec({
    margin: 0.15,
    level: 0.9,
    xTitle: 'MMF',
    yTitle: 'MSC',
    cells: [0, 1].flatMap((x) => [0, 1].map((y) => ({ x, y, lowerBound: -0.16 + 0.02 * y - 0.01 * x, nonInferior: -0.16 + 0.02 * y - 0.01 * x > -0.15 }))),
  });

const aeDots = () =>
  aeDotPlotSpec({
    arms,
    differenceTitle: 'Risk difference (pp)',
    rows: [{ term: 'Leukopenia', incidence: [{ arm: 'UC-MSC', proportion: 0.03 }, { arm: 'MMF', proportion: 0.12 }], difference: { estimate: -0.09, lower: -0.16, upper: -0.02 } }],
  });

const bars = () => barChartSpec({ bars: [{ category: 'Site 01', value: 52 }, { category: 'Site 02', value: 44 }], valueTitle: 'Subjects', valueFormat: 'd' });

/** [name, builder, fragments the SVG must contain]. Mark classes are vega's `mark-<type>` group classes. */
const cases: [string, () => TopLevelSpec, string[]][] = [
  ['forestPlotSpec', forest, ['mark-rule', 'mark-symbol', 'NI margin -15 pp', 'No difference', '-5.2 (-14.0, 3.7)', 'Per protocol', 'Estimate (90 % CI), pp']],
  ['cumulativeIncidenceSpec', incidence, ['mark-line', 'mark-area', 'mark-rect', 'Number at risk', '>987<', 'UC-MSC', 'stroke-dasharray="6,3"']],
  ['meanByVisitSpec', means, ['mark-line', 'mark-rule', 'mark-symbol', '>Baseline<', '>Week 24<', 'UPCR (g/g)']],
  ['tippingPointSpec', tipping, ['mark-rect', 'mark-symbol', 'Lower bound (pp)', 'lower 90 % CI bound']],
  ['aeDotPlotSpec', aeDots, ['mark-symbol', 'mark-rule', 'Leukopenia', 'Incidence (% of subjects)']],
  ['barChartSpec', bars, ['mark-rect', 'Site 01', 'Subjects']],
];

for (const [name, build, fragments] of cases) {
  test(`${name}: valid against the vega-lite schema`, () => {
    const ok = validateSchema(build());
    assert.ok(ok, JSON.stringify(validateSchema.errors?.slice(0, 3)));
  });
  test(`${name}: compiles without vega-lite warnings`, () => {
    const warnings: string[] = [];
    compileSpec(build(), { warnings });
    assert.equal(warnings, []);
  });
  test(`${name}: renders SVG with the expected marks and text, no warnings`, async () => {
    const warnings: string[] = [];
    const svg = await renderSvg(build(), { warnings });
    assert.equal(warnings, []);
    assert.ok(svg.startsWith('<svg'));
    for (const f of fragments) assert.ok(svg.includes(f), `${name}: SVG lacks ${JSON.stringify(f)}`);
  });
  test(`${name}: deterministic (same spec twice → identical bytes, after another chart in between)`, async () => {
    const a = await renderSvg(build());
    await renderSvg(forest());
    const b = await renderSvg(build());
    assert.is(a, b);
  });
  test(`${name}: spec has inline data only (no url)`, () => {
    assert.not.match(JSON.stringify(build()), /"url"|https?:/);
  });
}

test('cumulativeIncidenceSpec: the at-risk row shares the x scale of the curves (one compiled x scale)', () => {
  const vg = compileSpec(incidence()) as { scales?: { name: string }[] };
  const names = (vg.scales ?? []).map((s) => s.name);
  assert.ok(names.includes('x'), JSON.stringify(names));
  assert.not.ok(names.some((n) => /concat_\d+_x$/.test(n)), JSON.stringify(names));
});

test('cumulativeIncidenceSpec: censor tick sits on the curve value at the censoring time', () => {
  const spec = incidence() as { vconcat: { layer?: { data?: { values: { arm: string; time: number; estimate: number }[] } }[] }[] };
  const ticks = spec.vconcat[0].layer?.[2].data?.values ?? [];
  // UC-MSC curve: 0 until 4, 0.1 on [4, 12), 0.3 from 12 → censor at 6 → 0.1, at 13 → 0.3
  assert.equal(ticks.filter((t) => t.arm === 'UC-MSC'), [
    { arm: 'UC-MSC', time: 6, estimate: 0.1 },
    { arm: 'UC-MSC', time: 13, estimate: 0.3 },
  ]);
});

test('meanByVisitSpec: arms are dodged symmetrically around the visit', () => {
  const spec = meanByVisitSpec({
    arms,
    yTitle: 'y',
    dodge: 0.5,
    points: arms.map((arm) => ({ visit: 'Week 4', visitNumber: 4, arm, mean: 1, lower: 0, upper: 2 })),
  }) as { data: { values: { arm: string; x: number }[] } };
  assert.equal(spec.data.values.map((v) => [v.arm, v.x]), [['UC-MSC', 3.75], ['MMF', 4.25]]);
});

test('armScales: arms get distinct colours, dashes and shapes (greyscale-safe redundancy)', () => {
  const s = armScales(arms);
  assert.is(new Set(s.colour.range).size, 2);
  assert.is(new Set(s.dash.range.map(String)).size, 2);
  assert.is(new Set(s.shape.range).size, 2);
  assert.throws(() => armScales(['A', 'A']), (e: unknown) => e instanceof InputError && (e as InputError).argument === 'arms');
});

test('builders: bad arguments throw InputError naming the argument', () => {
  const arg = (fn: () => unknown, argument: string) =>
    assert.throws(fn, (e: unknown) => e instanceof InputError && (e as InputError).argument === argument, argument);
  arg(() => forestPlotSpec({ margin: 15, level: 0.95, rows: [{ label: 'a', estimate: 0, lower: -1, upper: 1 }] }), 'margin');
  arg(() => forestPlotSpec({ margin: 0.15, level: 0.95, rows: [{ label: 'a', estimate: 0.2, lower: -0.1, upper: 0.1 }] }), 'rows[0]');
  arg(() => forestPlotSpec({ margin: 0.15, level: 0.95, rows: [] }), 'rows');
  arg(() => forestPlotSpec({ margin: 0.15, level: 95, rows: [{ label: 'a', estimate: 0, lower: -0.1, upper: 0.1 }] }), 'level');
  arg(() => tippingPointSpec({ margin: 0.15, level: 1, xTitle: 'x', yTitle: 'y', cells: [{ x: 0, y: 0, lowerBound: 0, nonInferior: true }] }), 'level');
  arg(() => cumulativeIncidenceSpec({ arms, curves: [{ arm: 'X', points: [{ time: 0, estimate: 0, lower: null, upper: null }] }], atRisk: [], xTitle: 't' }), 'curves[0].arm');
  arg(() => cumulativeIncidenceSpec({ arms, curves: [{ arm: 'MMF', points: [{ time: 0, estimate: 1.5, lower: null, upper: null }] }], atRisk: [], xTitle: 't' }), 'curves[0].points[0].estimate');
  arg(() => meanByVisitSpec({ arms, yTitle: 'y', geometric: true, points: [{ visit: 'B', visitNumber: 0, arm: 'MMF', mean: 1, lower: -1, upper: 2 }] }), 'points[0].lower');
  arg(() => tippingPointSpec({ margin: 0.15, level: 0.95, xTitle: 'x', yTitle: 'y', cells: [{ x: 0, y: 0, lowerBound: 0, nonInferior: true }, { x: 0, y: 0, lowerBound: 0, nonInferior: true }] }), 'cells[1]');
  arg(() => aeDotPlotSpec({ arms, differenceTitle: 'd', rows: [{ term: 't', incidence: [{ arm: 'MMF', proportion: 2 }], difference: { estimate: 0, lower: 0, upper: 0 } }] }), 'rows[0].incidence[0].proportion');
  arg(() => barChartSpec({ bars: [{ category: 'a', value: Number.NaN }], valueTitle: 'v' }), 'bars[0].value');
  arg(() => consortSvg({ title: 't', stages: [] }), 'stages');
});

test('renderSvg: a spec with a data URL is refused (no network or file access)', async () => {
  const spec: TopLevelSpec = { data: { url: 'https://example.org/data.json' }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } };
  const warnings: string[] = [];
  let svg = '';
  try {
    svg = await renderSvg(spec, { warnings });
  } catch (e) {
    assert.instance(e, InputError);
    return;
  }
  // vega reports loader failures through its logger instead of rejecting: the refusal must be there.
  assert.ok(warnings.some((w) => /external resource refused/.test(w)), JSON.stringify(warnings));
  assert.not.match(svg, 'example.org');
});

test('consortSvg: boxes, split to arms, exclusions; escaped text; no ids', () => {
  const svg = consortSvg({
    title: 'Flow',
    stages: [
      { boxes: [{ lines: ['Randomised (n = 230)'], exclusion: ['Excluded <script>alert(1)</script>'] }] },
      { boxes: [{ lines: ['UC-MSC (n = 115)'] }, { lines: ['MMF (n = 115)'] }] },
    ],
  });
  assert.match(svg, '>Randomised (n = 230)</text>');
  assert.match(svg, '>UC-MSC (n = 115)</text>');
  assert.match(svg, '&lt;script&gt;');
  assert.not.match(svg, '<script');
  assert.not.match(svg, / id="/);
  assert.is((svg.match(/<rect /g) ?? []).length, 1 + 4); // background + 4 boxes
});

test.run();
