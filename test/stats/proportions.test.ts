/**
 * Tests for src/stats/proportions.ts: every A_riskdiff_ci.json case (shared/reference), published single-proportion
 * limits, hand-computed values, contract properties over every method, edge cases and bad input.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertThrowsInputError } from '../helpers/throws.ts';
import { binomialCI, riskDifferenceCI, RiskDifferenceMethod } from '../../src/stats/proportions.ts';
import { assertClose } from '../helpers/close.ts';
import { casesFor } from '../helpers/reference.ts';

interface RdInputs {
  x1: number;
  n1: number;
  x2: number;
  n2: number;
  conf_level: number;
}

const methodName: Record<string, RiskDifferenceMethod> = {
  wald: 'wald',
  wald_cc: 'wald-cc',
  newcombe_hybrid_score: 'newcombe',
  newcombe_hybrid_score_cc: 'newcombe-cc',
  miettinen_nurminen: 'miettinen-nurminen',
  agresti_caffo: 'agresti-caffo',
};

for (const c of casesFor('A_riskdiff_ci.json', ...Object.keys(methodName))) {
  test(`riskDifferenceCI ${c.id}: ${c.source.slice(0, 90)}`, () => {
    const i = c.inputs as unknown as RdInputs;
    // README "Truncation": statsmodels keeps Agresti–Caffo limits outside [-1, 1]; those cases say so in `notes`.
    const truncate = !/does not truncate/.test(c.notes ?? '');
    const r = riskDifferenceCI(i.x1, i.n1, i.x2, i.n2, { method: methodName[c.method], level: i.conf_level, truncate });
    const expected = c.expected as Record<string, number>;
    assert.ok(Object.keys(expected).length > 0);
    for (const key of Object.keys(expected)) {
      assertClose(r[key as 'lower' | 'upper' | 'estimate'], expected[key], c.tolerance, `${c.id} ${key}`);
    }
  });
}

test('riskDifferenceCI: Agresti–Caffo is truncated to [-1, 1] by default (10/10 vs 0/20)', () => {
  // untruncated statsmodels upper limit is 1.0502 (case A-sw-agresti_caffo-newcombe-g)
  assert.is(riskDifferenceCI(10, 10, 0, 20, { method: 'agresti-caffo' }).upper, 1);
});

test('riskDifferenceCI: Wald by hand, 3/10 vs 1/10', () => {
  // d = 0.2; SE = sqrt(0.3·0.7/10 + 0.1·0.9/10) = sqrt(0.03) = 0.173205081; z = 1.959963985
  // half-width z·SE = 0.339475720 → (-0.139475720, 0.539475720)
  const r = riskDifferenceCI(3, 10, 1, 10, { method: 'wald' });
  assertClose(r.lower, -0.13947572, { abs: 1e-8 }, 'lower');
  assertClose(r.upper, 0.53947572, { abs: 1e-8 }, 'upper');
});

// Newcombe RG (1998) Two-sided confidence intervals for the single proportion: comparison of seven methods.
// Stat Med 17:857-872, Table I, method 3 (Wilson score) and method 5 (Clopper–Pearson exact), 4 dp.
const newcombe1998a: Array<[number, number, 'wilson' | 'clopper-pearson', number, number]> = [
  [81, 263, 'wilson', 0.2553, 0.3662],
  [15, 148, 'wilson', 0.0624, 0.1605],
  [0, 20, 'wilson', 0, 0.1611],
  [1, 29, 'wilson', 0.0061, 0.1718],
  [81, 263, 'clopper-pearson', 0.2527, 0.3676],
  [15, 148, 'clopper-pearson', 0.0578, 0.1617],
  [0, 20, 'clopper-pearson', 0, 0.1684],
  [1, 29, 'clopper-pearson', 0.0009, 0.1776],
];
for (const [x, n, method, lower, upper] of newcombe1998a) {
  test(`binomialCI ${method} ${x}/${n}: Newcombe 1998a Table I`, () => {
    const r = binomialCI(x, n, { method });
    assertClose(r.lower, lower, { abs: 5e-5 }, 'lower');
    assertClose(r.upper, upper, { abs: 5e-5 }, 'upper');
  });
}

test('binomialCI clopper-pearson: closed forms at x = 0 and x = 1 (hand computation)', () => {
  // x = 0: upper = 1 − (α/2)^(1/n); 0/20 → 1 − 0.025^(1/20) = 0.168433...
  assertClose(binomialCI(0, 20, { method: 'clopper-pearson' }).upper, 1 - Math.pow(0.025, 1 / 20), { abs: 1e-10 }, '0/20 upper');
  // x = 1: lower solves 1 − (1 − p)^n = α/2 → p = 1 − (1 − α/2)^(1/n); 1/29 → 0.000872...
  assertClose(binomialCI(1, 29, { method: 'clopper-pearson' }).lower, 1 - Math.pow(0.975, 1 / 29), { abs: 1e-10 }, '1/29 lower');
});

test('binomialCI jeffreys: 0/1 upper limit from the closed-form Beta(1/2, 3/2) CDF', () => {
  // Beta(1/2, 3/2) CDF with p = sin²T: F = (2/π)(T + sin T cos T) (substitution by hand). Solve F = 0.975 by bisection.
  const cdf = (p: number) => (2 / Math.PI) * (Math.asin(Math.sqrt(p)) + Math.sqrt(p * (1 - p)));
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) < 0.975) lo = mid;
    else hi = mid;
  }
  const r = binomialCI(0, 1, { method: 'jeffreys' });
  assert.is(r.lower, 0);
  assertClose(r.upper, lo, { abs: 1e-8 }, 'upper');
  // 1/1 mirrors it: lower = 1 − that value, upper = 1 (Brown, Cai & DasGupta 2001 boundary modification)
  const s = binomialCI(1, 1, { method: 'jeffreys' });
  assertClose(s.lower, 1 - lo, { abs: 1e-8 }, '1/1 lower');
  assert.is(s.upper, 1);
});

// ---- contract tests over every risk-difference method (style.md "Oracles") ----
const tables: Array<[number, number, number, number]> = [
  [0, 10, 0, 10], [10, 10, 10, 10], [0, 10, 10, 10], [10, 10, 0, 10], [0, 1, 1, 1], [1, 1, 0, 1], [1, 1, 1, 1],
  [0, 1, 0, 1], [3, 10, 1, 10], [56, 70, 48, 80], [85, 115, 80, 115], [1, 100, 0, 120], [7, 34, 1, 34],
  [0, 25, 3, 7], [49, 50, 1, 3],
];
for (const method of RiskDifferenceMethod) {
  test(`riskDifferenceCI ${method}: lower ≤ centre ≤ upper, within [-1, 1], finite`, () => {
    for (const [x1, n1, x2, n2] of tables) {
      for (const level of [0.8, 0.95, 0.999]) {
        const r = riskDifferenceCI(x1, n1, x2, n2, { method, level });
        const label = `${x1}/${n1} vs ${x2}/${n2} @${level}`;
        assert.ok([r.lower, r.estimate, r.upper].every(Number.isFinite), `finite ${label}`);
        // Agresti–Caffo is centred on the adjusted difference (x1+1)/(n1+2) − (x2+1)/(n2+2), not on the reported
        // observed estimate, and can exclude the latter at extreme tables (0/10 vs 10/10 at 80 %: (-0.978, -0.689)).
        const centre = method === 'agresti-caffo' ? (x1 + 1) / (n1 + 2) - (x2 + 1) / (n2 + 2) : r.estimate;
        assert.ok(r.lower <= centre + 1e-12 && centre <= r.upper + 1e-12, `ordered ${label}: ${JSON.stringify(r)}`);
        assert.ok(r.lower >= -1 && r.upper <= 1, `bounds ${label}`);
      }
    }
  });

  test(`riskDifferenceCI ${method}: wider (never narrower) at a higher level`, () => {
    for (const [x1, n1, x2, n2] of tables) {
      const a = riskDifferenceCI(x1, n1, x2, n2, { method, level: 0.9 });
      const b = riskDifferenceCI(x1, n1, x2, n2, { method, level: 0.99 });
      assert.ok(b.lower <= a.lower + 1e-12 && b.upper >= a.upper - 1e-12, `${x1}/${n1} vs ${x2}/${n2}`);
    }
  });

  test(`riskDifferenceCI ${method}: swapping arms maps (lower, upper) to (-upper, -lower)`, () => {
    for (const [x1, n1, x2, n2] of tables) {
      const a = riskDifferenceCI(x1, n1, x2, n2, { method });
      const b = riskDifferenceCI(x2, n2, x1, n1, { method });
      assertClose(b.lower, -a.upper, { abs: 1e-9 }, `lower ${x1}/${n1} vs ${x2}/${n2}`);
      assertClose(b.upper, -a.lower, { abs: 1e-9 }, `upper ${x1}/${n1} vs ${x2}/${n2}`);
      assertClose(b.estimate, -a.estimate, { abs: 1e-15 }, 'estimate');
    }
  });
}

test('riskDifferenceCI: documented degenerate answers', () => {
  // 0/n vs 0/n: Wald collapses to (0, 0); Wald-CC to ±½(1/n1 + 1/n2) = ±0.1 for n = 10
  assert.equal(riskDifferenceCI(0, 10, 0, 10, { method: 'wald' }), { estimate: 0, lower: 0, upper: 0 });
  const cc = riskDifferenceCI(0, 10, 0, 10, { method: 'wald-cc' });
  assertClose(cc.lower, -0.1, { abs: 1e-15 }, 'wald-cc lower');
  assertClose(cc.upper, 0.1, { abs: 1e-15 }, 'wald-cc upper');
  // n/n vs 0/n: score methods keep the upper limit at 1
  assert.is(riskDifferenceCI(10, 10, 0, 10, { method: 'miettinen-nurminen' }).upper, 1);
  assert.is(riskDifferenceCI(0, 10, 10, 10, { method: 'miettinen-nurminen' }).lower, -1);
});

test('riskDifferenceCI / binomialCI: bad arguments throw InputError naming the argument', () => {
  const m = { method: 'wald' as const };
  assertThrowsInputError(() => riskDifferenceCI(0, 0, 1, 10, m), 'n1');
  assertThrowsInputError(() => riskDifferenceCI(1, 10, 0, 0, m), 'n2');
  assertThrowsInputError(() => riskDifferenceCI(11, 10, 1, 10, m), 'x1');
  assertThrowsInputError(() => riskDifferenceCI(1, 10, 11, 10, m), 'x2');
  assertThrowsInputError(() => riskDifferenceCI(1.5, 10, 1, 10, m), 'x1');
  assertThrowsInputError(() => riskDifferenceCI(1, 10.5, 1, 10, m), 'n1');
  assertThrowsInputError(() => riskDifferenceCI(-1, 10, 1, 10, m), 'x1');
  assertThrowsInputError(() => riskDifferenceCI(1, 10, 1, 10, { method: 'wald', level: 1 }), 'level');
  assertThrowsInputError(() => riskDifferenceCI(1, 10, 1, 10, { method: 'wald', level: 0 }), 'level');
  assertThrowsInputError(() => riskDifferenceCI(1, 10, 1, 10, { method: 'wald', level: Number.NaN }), 'level');
  assertThrowsInputError(() => riskDifferenceCI(1, 10, 1, 10, { method: 'score' as unknown as 'wald' }), 'method');
  assertThrowsInputError(() => binomialCI(3, 0, { method: 'wilson' }), 'n');
  assertThrowsInputError(() => binomialCI(4, 3, { method: 'wilson' }), 'x');
  assertThrowsInputError(() => binomialCI(1, 3, { method: 'wilson', level: 1.5 }), 'level');
  assertThrowsInputError(() => binomialCI(1, 3, { method: 'exact' as unknown as 'wilson' }), 'method');
});

test.run();
