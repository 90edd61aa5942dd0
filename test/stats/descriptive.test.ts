/**
 * describe / geometricMean against shared/reference/F_descriptive.json (R 4.2.2 mean, sd, median,
 * quantile(type = 2 / 7 / 6), exp(mean(log x)) with a t interval), plus edge cases computed by hand.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { describe, geometricMean, quantileSorted } from '../../src/stats/descriptive.ts';
import { InputError } from '../../src/core/errors.ts';
import { assertClose } from '../helpers/close.ts';
import { casesFor } from '../helpers/reference.ts';

interface FExpected {
  n: number;
  mean: number;
  sd: number;
  median: number;
  min: number;
  max: number;
  q1_q2_q3_sas_qntldef5_r_type2: [number, number, number];
  q1_q2_q3_r_type7: [number, number, number];
  q1_q2_q3_sas_qntldef4_r_type6: [number, number, number];
  geometric_mean: number;
  geometric_mean_lower95: number;
  geometric_mean_upper95: number;
  geometric_sd: number;
}

for (const c of casesFor('F_descriptive.json', 'descriptive_statistics')) {
  const x = (c.inputs as { x: number[] }).x;
  const e = c.expected as unknown as FExpected;
  const tol = { abs: c.tolerance.abs, rel: c.tolerance.rel };
  const ciTol = { rel: c.tolerance.geometric_mean_ci_rel as number };
  test(`describe + geometricMean: ${c.id} (${c.source})`, () => {
    const d = describe(x);
    assert.is(d.n, e.n);
    assert.is(d.nMissing, 0);
    assertClose(d.mean, e.mean, tol, 'mean');
    assertClose(d.sd, e.sd, tol, 'sd');
    assertClose(d.median, e.median, tol, 'median');
    assertClose(d.min, e.min, tol, 'min');
    assertClose(d.max, e.max, tol, 'max');
    const defs = [
      ['sas5', e.q1_q2_q3_sas_qntldef5_r_type2],
      ['r7', e.q1_q2_q3_r_type7],
      ['sas4', e.q1_q2_q3_sas_qntldef4_r_type6],
    ] as const;
    for (const [def, [q1, q2, q3]] of defs) {
      const r = describe(x, { quantiles: def });
      assertClose(r.q1, q1, tol, `${def} q1`);
      assertClose(r.median, q2, tol, `${def} median`);
      assertClose(r.q3, q3, tol, `${def} q3`);
    }
    const g = geometricMean(x);
    assert.is(g.n, e.n);
    assertClose(g.estimate, e.geometric_mean, tol, 'geometric mean');
    assertClose(g.gsd, e.geometric_sd, tol, 'geometric SD');
    assertClose(g.lower, e.geometric_mean_lower95, ciTol, 'geometric mean lower 95%');
    assertClose(g.upper, e.geometric_mean_upper95, ciTol, 'geometric mean upper 95%');
  });
}

test('describe: null and NaN are missing; se = sd/√n', () => {
  // x = 1, 2, 3, 4: mean 2.5, sd = √(5/3), se = √(5/3)/2; type 2 q1 = (x1 + x2)/2 = 1.5 (np = 1 exactly)
  const d = describe([4, null, 1, Number.NaN, 3, 2]);
  assert.is(d.n, 4);
  assert.is(d.nMissing, 2);
  assertClose(d.mean, 2.5, { abs: 1e-15 }, 'mean');
  assertClose(d.sd, Math.sqrt(5 / 3), { rel: 1e-15 }, 'sd');
  assertClose(d.se, Math.sqrt(5 / 3) / 2, { rel: 1e-15 }, 'se');
  assert.is(d.q1, 1.5);
  assert.is(d.q3, 3.5);
  assert.is(d.min, 1);
  assert.is(d.max, 4);
});

test('describe: n = 0 gives all statistics null; n = 1 gives null sd and se', () => {
  const empty = describe([null, null]);
  assert.equal(empty, { n: 0, nMissing: 2, mean: null, sd: null, se: null, median: null, q1: null, q3: null, min: null, max: null });
  const one = describe([7]);
  assert.equal(one, { n: 1, nMissing: 0, mean: 7, sd: null, se: null, median: 7, q1: 7, q3: 7, min: 7, max: 7 });
});

test('describe: bad arguments throw InputError naming the argument', () => {
  assert.throws(() => describe([1, Infinity]), (e: unknown) => e instanceof InputError && e.argument === 'values[1]');
  assert.throws(
    () => describe([1, 2], { quantiles: 'r9' as never }),
    (e: unknown) => e instanceof InputError && e.argument === 'quantiles',
  );
});

test('quantileSorted: hand-computed Hyndman-Fan values for n = 5 at p = 0.1', () => {
  // x = 10..50. Type 2: np = 0.5 → x(1) = 10. Type 6: (n+1)p = 0.6 → clamps to x(1) = 10.
  // Type 7: 1 + 4·0.1 = 1.4 → 10 + 0.4·10 = 14.
  const x = [10, 20, 30, 40, 50];
  assert.is(quantileSorted(x, 0.1, 'sas5'), 10);
  assert.is(quantileSorted(x, 0.1, 'sas4'), 10);
  assertClose(quantileSorted(x, 0.1, 'r7'), 14, { abs: 1e-12 }, 'r7');
  // p = 0.4: type 2: np = 2 exactly → (x2 + x3)/2 = 25; type 6: 2.4 → 24; type 7: 2.6 → 26.
  assert.is(quantileSorted(x, 0.4, 'sas5'), 25);
  assertClose(quantileSorted(x, 0.4, 'sas4'), 24, { abs: 1e-12 }, 'sas4');
  assertClose(quantileSorted(x, 0.4, 'r7'), 26, { abs: 1e-12 }, 'r7');
});

test('geometricMean: non-positive values are excluded and counted, not fatal', () => {
  // exp(mean(log(1, 10, 100))) = 10; sd(log x) = log(10) → gsd = 10, cv = √(exp(log(10)²) − 1)
  const g = geometricMean([1, 0, 10, -3, 100, null]);
  assert.is(g.n, 3);
  assert.is(g.nNonPositive, 2);
  assert.is(g.nMissing, 1);
  assertClose(g.estimate, 10, { rel: 1e-14 }, 'estimate');
  assertClose(g.gsd, 10, { rel: 1e-14 }, 'gsd');
  assertClose(g.cv, Math.sqrt(Math.exp(Math.LN10 ** 2) - 1), { rel: 1e-14 }, 'cv');
  assert.ok(g.lower !== null && g.upper !== null && g.lower < 10 && g.upper > 10);
});

test('geometricMean: n = 0 → all null; n = 1 → estimate only', () => {
  const none = geometricMean([0, null]);
  assert.equal(none, { n: 0, nMissing: 1, nNonPositive: 1, estimate: null, lower: null, upper: null, cv: null, gsd: null });
  const one = geometricMean([5]);
  assert.is(one.estimate, 5);
  assert.is(one.lower, null);
  assert.is(one.gsd, null);
  assert.throws(() => geometricMean([1, 2], { level: 1.5 }), (e: unknown) => e instanceof InputError && e.argument === 'level');
});

test.run();
