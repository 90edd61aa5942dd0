/** The tipping-point grid stays at most (TippingMaxSteps + 1)² cells, and the heat map draws a thinned grid. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TippingMaxSteps, tippingCounts } from '../../analyses/primary/tipping-grid.ts';
import { tippingPointSpec } from '../../src/report/charts/tipping-point.ts';

test('tippingCounts: every count up to the cap', () => {
  assert.equal(tippingCounts(0), [0]);
  assert.equal(tippingCounts(3), [0, 1, 2, 3]);
  assert.equal(tippingCounts(TippingMaxSteps), Array.from({ length: TippingMaxSteps + 1 }, (_, i) => i));
});

test('tippingCounts: beyond the cap, cap + 1 evenly spaced counts from 0 to the missing count', () => {
  for (const m of [TippingMaxSteps + 1, 137, 2999]) {
    const c = tippingCounts(m);
    assert.is(c.length, TippingMaxSteps + 1, `m = ${m}`);
    assert.is(c[0], 0);
    assert.is(c[c.length - 1], m);
    for (let i = 1; i < c.length; i++) {
      const gap = c[i] - c[i - 1];
      assert.ok(gap >= Math.floor(m / TippingMaxSteps) && gap <= Math.ceil(m / TippingMaxSteps), `m = ${m}: gap ${gap} at ${i}`);
    }
  }
});

test('tippingPointSpec: a thinned grid has the counts present as its axis domains', () => {
  const xs = tippingCounts(120), ys = tippingCounts(7);
  const cells = xs.flatMap((x) => ys.map((y) => ({ x, y, lowerBound: -0.2 + 0.01 * y, nonInferior: -0.2 + 0.01 * y > -0.15 })));
  const spec = tippingPointSpec({ cells, margin: 0.15, level: 0.95, xTitle: 'MMF', yTitle: 'MSC' }) as unknown as { layer: { encoding: { x: { scale: { domain: number[] }; axis: { values: number[] } }; y: { scale: { domain: number[] } } } }[] };
  const enc = spec.layer[0].encoding;
  assert.equal(enc.x.scale.domain, xs);
  assert.equal(enc.y.scale.domain, [...ys].reverse());
  assert.ok(enc.x.axis.values.every((v) => xs.includes(v)) && enc.x.axis.values.includes(0) && enc.x.axis.values.includes(120));
});

test.run();
