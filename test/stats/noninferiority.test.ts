/**
 * Tests for src/stats/noninferiority.ts: every farrington_manning_ni_test, miettinen_nurminen_score_ni_test and
 * wald_ni_test case of shared/reference/B_noninferiority.json (all expected fields), the NI verdict rule and
 * its consistency with the score test, and bad input.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertThrowsInputError } from '../helpers/throws.ts';
import { farringtonManningTest, nonInferiority, waldNITest } from '../../src/stats/noninferiority.ts';
import { riskDifferenceCI } from '../../src/stats/proportions.ts';
import { assertClose } from '../helpers/close.ts';
import { casesFor } from '../helpers/reference.ts';

interface NiInputs {
  x1: number;
  n1: number;
  x2: number;
  n2: number;
  margin: number;
}

const fieldOf: Record<string, string> = {
  z: 'z',
  p_one_sided: 'pValue',
  p1_restricted: 'p1Restricted',
  p2_restricted: 'p2Restricted',
};

function checkAll(id: string, actual: Record<string, number>, expected: Record<string, number>, tol: { abs?: number; rel?: number }): void {
  const keys = Object.keys(expected);
  assert.ok(keys.length > 0, 'case has expected fields');
  for (const key of keys) {
    const ours = fieldOf[key];
    assert.ok(ours !== undefined, `unknown expected field ${key}`);
    assertClose(actual[ours], expected[key], tol, `${id} ${key}`);
  }
}

for (const c of casesFor('B_noninferiority.json', 'farrington_manning_ni_test', 'miettinen_nurminen_score_ni_test')) {
  test(`farringtonManningTest ${c.id}: ${c.source.slice(0, 80)}`, () => {
    const i = c.inputs as unknown as NiInputs;
    const variance = c.method === 'miettinen_nurminen_score_ni_test' ? 'miettinen-nurminen' : 'farrington-manning';
    const r = farringtonManningTest(i.x1, i.n1, i.x2, i.n2, i.margin, { variance });
    checkAll(c.id, r as unknown as Record<string, number>, c.expected as Record<string, number>, c.tolerance);
  });
}

for (const c of casesFor('B_noninferiority.json', 'wald_ni_test')) {
  test(`waldNITest ${c.id}: ${c.source.slice(0, 80)}`, () => {
    const i = c.inputs as unknown as NiInputs;
    const r = waldNITest(i.x1, i.n1, i.x2, i.n2, i.margin);
    checkAll(c.id, r as unknown as Record<string, number>, c.expected as Record<string, number>, c.tolerance);
  });
}

test('waldNITest: zero variance gives ±∞ and p = 0 or 1, never NaN', () => {
  // 0/115 vs 0/115: numerator 0 − 0 + 0.1 > 0, variance 0 → z = +∞ (statsmodels divides by zero here)
  assert.equal(waldNITest(0, 115, 0, 115, 0.1), { z: Infinity, pValue: 0 });
  // 0/10 vs 10/10: numerator −1 + 0.1 < 0 → z = −∞, p = 1
  assert.equal(waldNITest(0, 10, 10, 10, 0.1), { z: -Infinity, pValue: 1 });
});

test('nonInferiority: trial-sized example, level = 1 − 2α, verdict from the CI lower bound', () => {
  const r = nonInferiority({ x1: 85, n1: 115, x2: 80, n2: 115, margin: 0.15 });
  assertClose(r.level, 0.95, { abs: 1e-15 }, 'level');
  // MN limits from A-sw-miettinen_nurminen-trial01 (-0.07332560, 0.15945594); -0.0733 > -0.15 → NI shown
  assertClose(r.lower, -0.07332560291900367, { abs: 1e-6 }, 'lower');
  assertClose(r.upper, 0.15945594228157012, { abs: 1e-6 }, 'upper');
  assert.is(r.nonInferior, true);
  assert.is(r.margin, 0.15);
  // same verdict from the MN score test: p < 0.025
  assert.ok(r.pValue < 0.025);
  const notNi = nonInferiority({ x1: 70, n1: 115, x2: 75, n2: 115, margin: 0.1 });
  // A-sw-miettinen_nurminen-trial02 lower bound -0.1670 < -0.10 → not NI
  assert.is(notNi.nonInferior, false);
});

test('nonInferiority: alphaOneSided 0.05 gives a 90 % interval', () => {
  const r = nonInferiority({ x1: 85, n1: 115, x2: 80, n2: 115, margin: 0.1, alphaOneSided: 0.05 });
  const ci = riskDifferenceCI(85, 115, 80, 115, { method: 'miettinen-nurminen', level: 0.9 });
  assertClose(r.level, 0.9, { abs: 1e-15 }, 'level');
  assert.is(r.lower, ci.lower);
  assert.is(r.upper, ci.upper);
});

test('nonInferiority: MN CI verdict and MN score test agree (p < α ⇔ lower > −M) over many tables', () => {
  // The MN interval is the inversion of the MN score test, so the two can only disagree within root-finding error.
  let checked = 0;
  for (let x1 = 60; x1 <= 100; x1 += 4) {
    for (let x2 = 60; x2 <= 100; x2 += 4) {
      for (const margin of [0.05, 0.1, 0.15]) {
        const r = nonInferiority({ x1, n1: 115, x2, n2: 115, margin });
        if (Math.abs(r.lower + margin) < 1e-9) continue;
        assert.is(r.pValue < 0.025, r.nonInferior, `${x1}/115 vs ${x2}/115, M = ${margin}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 300);
});

test('noninferiority: bad arguments throw InputError naming the argument', () => {
  assertThrowsInputError(() => farringtonManningTest(1, 10, 1, 10, 0), 'margin');
  assertThrowsInputError(() => farringtonManningTest(1, 10, 1, 10, -0.1), 'margin');
  assertThrowsInputError(() => farringtonManningTest(1, 10, 1, 10, 1), 'margin');
  assertThrowsInputError(() => farringtonManningTest(1, 10, 1, 0, 0.1), 'n2');
  assertThrowsInputError(() => farringtonManningTest(12, 10, 1, 10, 0.1), 'x1');
  assertThrowsInputError(() => farringtonManningTest(1, 10, 1, 10, 0.1, { variance: 'mee' as unknown as 'farrington-manning' }), 'variance');
  assertThrowsInputError(() => waldNITest(1, 10, 1, 10, 1.5), 'margin');
  assertThrowsInputError(() => waldNITest(1, 10, 0.5, 10, 0.1), 'x2');
  assertThrowsInputError(() => nonInferiority({ x1: 1, n1: 10, x2: 1, n2: 10, margin: 0.1, alphaOneSided: 0.5 }), 'alphaOneSided');
  assertThrowsInputError(() => nonInferiority({ x1: 1, n1: 10, x2: 1, n2: 10, margin: 0 }), 'margin');
  assertThrowsInputError(() => nonInferiority({ x1: 1, n1: 10, x2: 1, n2: 10, margin: 0.1, ci: 'exact' as unknown as 'wald' }), 'ci');
});

test.run();
