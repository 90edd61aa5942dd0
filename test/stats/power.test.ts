/**
 * Tests for src/stats/power.ts: every power_2indep and samplesize_2indep case of
 * shared/reference/B_noninferiority.json, the domain.md 3.2 back-calculation for the NI power, the
 * power ↔ sample-size round trip, and bad input.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertThrowsInputError } from '../helpers/throws.ts';
import {
  farringtonManningPower,
  farringtonManningSampleSize,
  powerRiskDifference,
  sampleSizeRiskDifference,
} from '../../src/stats/power.ts';
import { assertClose } from '../helpers/close.ts';
import { casesFor } from '../helpers/reference.ts';

interface PowerInputs {
  diff: number;
  prop2: number;
  nobs1: number;
  ratio: number;
  alpha_two_sided: number;
  power: number;
}

for (const c of casesFor('B_noninferiority.json', 'power_2indep')) {
  test(`powerRiskDifference ${c.id}: ${c.source.slice(0, 80)}`, () => {
    const i = c.inputs as unknown as PowerInputs;
    const r = powerRiskDifference({ diff: i.diff, prop2: i.prop2, nobs1: i.nobs1, ratio: i.ratio, alpha: i.alpha_two_sided, alternative: 'two-sided' });
    const e = c.expected as { power: number; std_null?: number; std_alt?: number };
    assertClose(r.power, e.power, c.tolerance, 'power');
    if (e.std_null !== undefined) assertClose(r.stdNull, e.std_null, c.tolerance, 'std_null');
    if (e.std_alt !== undefined) assertClose(r.stdAlt, e.std_alt, c.tolerance, 'std_alt');
  });
}

for (const c of casesFor('B_noninferiority.json', 'samplesize_2indep')) {
  test(`sampleSizeRiskDifference ${c.id}: ${c.source.slice(0, 80)}`, () => {
    const i = c.inputs as unknown as PowerInputs;
    const r = sampleSizeRiskDifference({ diff: i.diff, prop2: i.prop2, power: i.power, ratio: i.ratio, alpha: i.alpha_two_sided });
    assertClose(r.nobs1, (c.expected as { nobs1: number }).nobs1, c.tolerance, 'nobs1');
  });
}

// domain.md 3.2: n = 115/arm, p = 0.70 both arms, one-sided α 0.025: M = 10 % ≈ 38 %, 15 % ≈ 70 %, 20 % ≈ 91 %;
// one-sided α 0.05, M = 15 % ≈ 80 %. Those are rounded Wald-type (unrestricted-variance) figures, so the
// Farrington–Manning power (restricted-MLE null variance) is asserted to ±1.5 percentage points.
for (const [margin, alpha, expected] of [
  [0.1, 0.025, 0.38],
  [0.15, 0.025, 0.7],
  [0.2, 0.025, 0.91],
  [0.15, 0.05, 0.8],
] as const) {
  test(`farringtonManningPower: domain.md 3.2 back-calculation, M = ${margin}, α = ${alpha} ≈ ${expected}`, () => {
    const power = farringtonManningPower({ p1: 0.7, p2: 0.7, margin, n1: 115, n2: 115, alphaOneSided: alpha });
    assertClose(power, expected, { abs: 0.015 }, 'power');
  });
}

test('farringtonManningSampleSize: round trip with farringtonManningPower', () => {
  for (const [p1, p2, margin, ratio] of [
    [0.7, 0.7, 0.15, 1],
    [0.75, 0.7, 0.1, 1],
    [0.6, 0.65, 0.2, 2],
  ] as const) {
    const n = farringtonManningSampleSize({ p1, p2, margin, power: 0.8, ratio });
    assertClose(farringtonManningPower({ p1, p2, margin, n1: n.n1, n2: n.n2 }), 0.8, { abs: 1e-9 }, `continuous n at ${p1}, ${p2}`);
    assert.ok(farringtonManningPower({ p1, p2, margin, n1: n.n1Ceiling, n2: n.n2Ceiling }) >= 0.8);
    assert.is(n.n1Ceiling, Math.ceil(n.n1));
  }
});

test('sampleSizeRiskDifference: one-tail round trip with powerRiskDifference (alternative larger)', () => {
  const n = sampleSizeRiskDifference({ diff: 0.1, prop2: 0.6, power: 0.8, alpha: 0.025, alternative: 'larger' });
  const p = powerRiskDifference({ diff: 0.1, prop2: 0.6, nobs1: n.nobs1, alpha: 0.025, alternative: 'larger' });
  assertClose(p.power, 0.8, { abs: 1e-10 }, 'power');
});

test('power: bad arguments throw InputError naming the argument', () => {
  assertThrowsInputError(() => powerRiskDifference({ diff: 0.5, prop2: 0.6, nobs1: 10 }), 'diff');
  assertThrowsInputError(() => powerRiskDifference({ diff: 0.1, prop2: 1.2, nobs1: 10 }), 'prop2');
  assertThrowsInputError(() => powerRiskDifference({ diff: 0.1, prop2: 0.6, nobs1: 0 }), 'nobs1');
  assertThrowsInputError(() => powerRiskDifference({ diff: 0.1, prop2: 0.6, nobs1: 10, alpha: 1 }), 'alpha');
  assertThrowsInputError(() => sampleSizeRiskDifference({ diff: 0, prop2: 0.6, power: 0.8 }), 'diff');
  assertThrowsInputError(() => sampleSizeRiskDifference({ diff: 0.1, prop2: 0.6, power: 1 }), 'power');
  assertThrowsInputError(() => farringtonManningPower({ p1: 0.7, p2: 0.7, margin: 0, n1: 10, n2: 10 }), 'margin');
  assertThrowsInputError(() => farringtonManningPower({ p1: 0.7, p2: 0.7, margin: 0.1, n1: 10, n2: -1 }), 'n2');
  assertThrowsInputError(() => farringtonManningPower({ p1: 0.7, p2: 0.7, margin: 0.1, n1: 10, n2: 10, alphaOneSided: 0.6 }), 'alphaOneSided');
  assertThrowsInputError(() => farringtonManningSampleSize({ p1: 0.5, p2: 0.7, margin: 0.1, power: 0.8 }), 'margin');
  assertThrowsInputError(() => farringtonManningSampleSize({ p1: 0.7, p2: 0.7, margin: 0.1, power: 0.8, ratio: 0 }), 'ratio');
});

test.run();
