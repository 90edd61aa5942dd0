/**
 * Tests for src/stats/exact.ts. External reference: test/references/exact/exact-unconditional-cases.json, the
 * exact unconditional score confidence limits printed by SAS 9.4 and StatXact 11 (quoted in the exact2x2 R
 * package's tests). A lower limit L of p1 − p2 is where the Chan one-sided exact p-value of H0: p1 − p2 ≤ L
 * equals α/2, so remit's p-value at margin −L must cross α/2 within the printed rounding of L (upper limits:
 * the same with the arms swapped). These pin one contour of the p-value function; the brute-force oracle below
 * (restricted MLE by golden-section maximisation of the profile log-likelihood, not the closed-form cubic;
 * every table enumerated at every point of a 20 001-point grid over the H0 boundary; binomial pmfs by direct
 * products) checks whole p-values at other tables and margins.
 */
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertThrowsInputError } from '../helpers/throws.ts';
import { exactUnconditionalNITest } from '../../src/stats/exact.ts';
import { assertClose } from '../helpers/close.ts';
import type { ReferenceCase } from '../../src/validate/case-file.ts';

/** Restricted MLE of p2 under p1 = p2 − M by golden-section search of the (concave) profile log-likelihood. */
function naiveRestrictedP2(a: number, n1: number, b: number, n2: number, m: number): number {
  const ll = (p2: number) => {
    const p1 = p2 - m;
    const term = (k: number, p: number) => (k === 0 ? 0 : k * Math.log(p));
    return term(a, p1) + term(n1 - a, 1 - p1) + term(b, p2) + term(n2 - b, 1 - p2);
  };
  let lo = m;
  let hi = 1;
  for (let i = 0; i < 200; i++) {
    const c = hi - 0.618033988749895 * (hi - lo);
    const d = lo + 0.618033988749895 * (hi - lo);
    if (ll(c) >= ll(d)) hi = d;
    else lo = c;
  }
  return (lo + hi) / 2;
}

function naiveZ(a: number, n1: number, b: number, n2: number, m: number): number {
  const p2 = naiveRestrictedP2(a, n1, b, n2, m);
  const p1 = p2 - m;
  const v = (p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2;
  const num = a / n1 - b / n2 + m;
  if (v <= 1e-300) return num === 0 ? 0 : num > 0 ? Infinity : -Infinity;
  return num / Math.sqrt(v);
}

function binom(n: number, k: number, p: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c * Math.pow(p, k) * Math.pow(1 - p, n - k);
}

/** Brute force: tail = {Z ≥ z_obs}, P(π) summed table by table, sup over a 20 001-point grid of π ∈ [M, 1]. */
function bruteForce(x1: number, n1: number, x2: number, n2: number, m: number) {
  const zObs = naiveZ(x1, n1, x2, n2, m);
  const tail: Array<[number, number]> = [];
  for (let a = 0; a <= n1; a++) {
    for (let b = 0; b <= n2; b++) {
      if (naiveZ(a, n1, b, n2, m) >= zObs - 1e-7 * Math.max(1, Math.abs(zObs))) tail.push([a, b]);
    }
  }
  const prob = (pi: number) => {
    const pmf1 = Array.from({ length: n1 + 1 }, (_, a) => binom(n1, a, pi - m));
    const pmf2 = Array.from({ length: n2 + 1 }, (_, b) => binom(n2, b, pi));
    return tail.reduce((s, [a, b]) => s + pmf1[a] * pmf2[b], 0);
  };
  let best = 0;
  for (let k = 0; k <= 20000; k++) best = Math.max(best, prob(m + ((1 - m) * k) / 20000));
  return { pValue: best, prob };
}

const cases: Array<[number, number, number, number, number]> = [
  [7, 15, 8, 15, 0.2],
  [12, 20, 10, 18, 0.15],
  [18, 22, 17, 20, 0.1],
  [3, 12, 0, 9, 0.25],
];
for (const [x1, n1, x2, n2, m] of cases) {
  test(`exactUnconditionalNITest ${x1}/${n1} vs ${x2}/${n2}, M = ${m}: matches the brute-force sup`, () => {
    const ours = exactUnconditionalNITest(x1, n1, x2, n2, m);
    const brute = bruteForce(x1, n1, x2, n2, m);
    assertClose(ours.pValue, brute.pValue, { abs: 1e-6 }, 'pValue');
    // our sup is a refined maximum: it can only be at or above the grid maximum (up to rounding)
    assert.ok(ours.pValue >= brute.pValue - 1e-12, 'refined sup ≥ grid sup');
    // and it is the tail probability at the reported nuisance value
    assertClose(brute.prob(ours.nuisanceAtSup), ours.pValue, { abs: 1e-9 }, 'P(nuisanceAtSup)');
    assert.ok(ours.nuisanceAtSup >= m && ours.nuisanceAtSup <= 1);
  });
}

test('exactUnconditionalNITest: p-value in [0, 1] and decreasing as arm-1 responders increase', () => {
  let previous = 1.000000001;
  for (let x1 = 0; x1 <= 30; x1 += 3) {
    const r = exactUnconditionalNITest(x1, 30, 20, 30, 0.15);
    assert.ok(r.pValue >= 0 && r.pValue <= 1, `x1 = ${x1}`);
    assert.ok(r.pValue <= previous + 1e-12, `monotone at x1 = ${x1}`);
    previous = r.pValue;
  }
});

test('exactUnconditionalNITest: degenerate tables give finite answers', () => {
  for (const [x1, x2] of [[0, 0], [10, 10], [0, 10], [10, 0]]) {
    const r = exactUnconditionalNITest(x1, 10, x2, 10, 0.1);
    assert.ok(Number.isFinite(r.pValue) && r.pValue >= 0 && r.pValue <= 1, `${x1}/10 vs ${x2}/10`);
  }
  // 0/10 vs 10/10 is the least favourable table: every table is in the tail, p = 1
  assertClose(exactUnconditionalNITest(0, 10, 10, 10, 0.1).pValue, 1, { abs: 1e-12 }, 'all tables in tail');
});

test('exactUnconditionalNITest: bad arguments throw InputError naming the argument', () => {
  assertThrowsInputError(() => exactUnconditionalNITest(1, 10, 1, 10, 0), 'margin');
  assertThrowsInputError(() => exactUnconditionalNITest(1, 10, 1, 10, 1), 'margin');
  assertThrowsInputError(() => exactUnconditionalNITest(1, 0, 1, 10, 0.1), 'n1');
  assertThrowsInputError(() => exactUnconditionalNITest(1, 10, 11, 10, 0.1), 'x2');
  assertThrowsInputError(() => exactUnconditionalNITest(1, 10, 1, 10, 0.1, { gridPoints: 100 }), 'gridPoints');
});

const limitCases = JSON.parse(
  readFileSync(new URL('../references/exact/exact-unconditional-cases.json', import.meta.url), 'utf8'),
) as ReferenceCase[];

/** One-sided p-value of H0: pA − pB ≤ −M at M = margin ∓ half a printed unit: must straddle α. */
function assertCrossesAlpha(label: string, xA: number, nA: number, xB: number, nB: number, margin: number, halfUnit: number, alpha: number) {
  const inside = exactUnconditionalNITest(xA, nA, xB, nB, margin - halfUnit).pValue;
  const outside = exactUnconditionalNITest(xA, nA, xB, nB, margin + halfUnit).pValue;
  assert.ok(inside > alpha && outside < alpha, `${label}: p(${margin - halfUnit}) = ${inside}, p(${margin + halfUnit}) = ${outside}, α = ${alpha}`);
}

test('exact score limits (SAS 9.4, StatXact 11): remit\'s p-value crosses α/2 within the printed rounding', () => {
  assert.is(limitCases.length, 4);
  let limitsChecked = 0;
  for (const c of limitCases) {
    assert.is(c.method, 'chan_exact_unconditional_score_limits');
    const { x1, n1, x2, n2, alpha_one_sided: alpha } = c.inputs as Record<string, number>;
    const expected = c.expected as { lower?: number; upper?: number };
    const halfUnit = c.tolerance.abs as number;
    // lower limit L of p1 − p2: H0 p1 − p2 ≤ L is the NI null with margin −L
    if (expected.lower !== undefined) assertCrossesAlpha(`${c.id} lower`, x1, n1, x2, n2, -expected.lower, halfUnit, alpha);
    // upper limit U of p1 − p2: H0 p2 − p1 ≤ −U, arms swapped, margin U
    if (expected.upper !== undefined) assertCrossesAlpha(`${c.id} upper`, x2, n2, x1, n1, expected.upper, halfUnit, alpha);
    limitsChecked += Object.keys(expected).length;
  }
  assert.is(limitsChecked, 6);
});

test('exactUnconditionalNITest: more than ExactEnumerationLimit tables is an InputError naming n1, not a run of hours', () => {
  assertThrowsInputError(() => exactUnconditionalNITest(5, 4000, 5, 4000, 0.15), 'n1');
  assertThrowsInputError(() => exactUnconditionalNITest(5, 1e12, 5, 10, 0.15), 'n1');
});

test.run();
