/**
 * src/validate/compare.ts: every leaf of `expected` becomes one check; rows matched by key; a missing value,
 * a wrong type or a misspelt field-specific tolerance fails; tolerance precedence (runner rule, case field
 * tolerance, case abs/rel). Expected values here are written by hand.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compareExpected } from '../../src/validate/compare.ts';
import { isClose } from '../../src/validate/tolerance.ts';

test('isClose: abs OR rel, whichever is looser; exact without either; null only matches null', () => {
  assert.ok(isClose(1.00004, 1, { abs: 5e-5 }));
  assert.not.ok(isClose(1.00006, 1, { abs: 5e-5 }));
  assert.ok(isClose(100.5, 100, { abs: 1e-6, rel: 0.01 }), 'rel looser');
  assert.not.ok(isClose(100.5, 100, { abs: 1e-6, rel: 0.001 }));
  assert.ok(isClose(2, 2, {}));
  assert.not.ok(isClose(2 + 1e-15, 2, {}));
  assert.ok(isClose(null, null, { abs: 1 }));
  assert.not.ok(isClose(0, null, { abs: 1 }));
  assert.not.ok(isClose(null, 0, { abs: 1 }));
  assert.not.ok(isClose(Number.NaN, 0.5, { abs: 1 }));
});

test('flat expected: one check per field, pass and fail with difference and tolerance', () => {
  const { checks } = compareExpected({ lower: 0.0528, upper: 0.3382 }, { estimate: 0.2, lower: 0.05283, upper: 0.3390 }, { abs: 5e-5 });
  assert.equal(checks.map((k) => [k.field, k.status]), [['lower', 'pass'], ['upper', 'fail']]);
  assert.ok(Math.abs(checks[1].difference! - 8e-4) < 1e-12);
  assert.equal(checks[1].tolerance, { abs: 5e-5, rel: undefined, basis: 'case' });
  assert.match(checks[1].note!, /outside tolerance \(abs 0.00005\)/);
});

test('a value the runner did not produce fails as "no observed value"; a wrong type fails too', () => {
  const { checks } = compareExpected({ z: 1, p: 0.5, label: 'x' }, { z: 'one', label: 'y' }, { abs: 1 });
  assert.equal(checks.map((k) => [k.field, k.status, k.note]), [
    ['z', 'fail', 'observed value is not a number: "one"'],
    ['p', 'fail', 'no observed value'],
    ['label', 'fail', 'not equal'],
  ]);
});

test('rows are matched by key fields, not by position; the keys are not counted as checks', () => {
  const expected = { table: [{ group: 'B', time: 5, surv: 0.5 }, { group: 'A', time: 5, surv: 0.9 }] };
  const observed = { table: [{ group: 'A', time: 5, surv: 0.9 }, { group: 'B', time: 5, surv: 0.5 }] };
  const { checks } = compareExpected(expected, observed, { abs: 1e-8 }, { keys: ['group', 'time'] });
  assert.equal(checks.map((k) => [k.field, k.status]), [['table[group=B, time=5].surv', 'pass'], ['table[group=A, time=5].surv', 'pass']]);
  const missing = compareExpected(expected, { table: [observed.table[0]] }, { abs: 1e-8 }, { keys: ['group', 'time'] }).checks;
  assert.equal(missing[0].note, 'no observed row with group=B, time=5');
  assert.is(missing[0].status, 'fail');
});

test('arrays without keys are compared by index; nested objects by name; null expected means "not reached"', () => {
  const { checks } = compareExpected(
    { q: [1, 2, 3], coef: { base: -0.2 }, upper: null },
    { q: [1, 2.5], coef: { base: -0.2 }, upper: null },
    { abs: 0.1 },
  );
  assert.equal(checks.map((k) => [k.field, k.status]), [['q[0]', 'pass'], ['q[1]', 'fail'], ['q[2]', 'fail'], ['coef.base', 'pass'], ['upper', 'pass']]);
  const reached = compareExpected({ upper: null }, { upper: 12 }, { abs: 100 }).checks[0];
  assert.equal([reached.status, reached.note], ['fail', 'expected null (undefined / not reached)']);
});

test('tolerance precedence: runner field rule, then case <field>_abs/_rel (replacing abs/rel), then case abs/rel', () => {
  const tol = { abs: 1e-6, rel: 1e-4, df_rel: 1e-2 };
  const rules = { fieldTolerance: { wald_chisq: { abs: 0.005, reason: 'printed to 2 dp' } } };
  const { checks, unusedToleranceKeys } = compareExpected({ df: 100, se: 1, wald_chisq: 3.12 }, { df: 100.9, se: 1.00005, wald_chisq: 3.1234 }, tol, rules);
  assert.equal(checks.map((k) => [k.field, k.status, k.tolerance!.basis]), [
    ['df', 'pass', 'case df_rel'],
    ['se', 'pass', 'case'],
    ['wald_chisq', 'pass', 'runner: printed to 2 dp'],
  ]);
  assert.equal(checks[0].tolerance, { abs: undefined, rel: 1e-2, basis: 'case df_rel' });
  assert.equal(unusedToleranceKeys, []);
});

test('an alias maps a field onto a differently named field tolerance; an unused field tolerance is reported', () => {
  const tol = { rel: 1e-12, geometric_mean_ci_rel: 1e-8, p_abs: 1e-5 };
  const rules = { toleranceAlias: { geometric_mean_lower95: 'geometric_mean_ci' } };
  const { checks, unusedToleranceKeys } = compareExpected({ geometric_mean_lower95: 1.834259353 }, { geometric_mean_lower95: 1.834259353 * (1 + 5e-9) }, tol, rules);
  assert.is(checks[0].status, 'pass');
  assert.is(checks[0].tolerance!.basis, 'case geometric_mean_ci_rel');
  assert.equal(unusedToleranceKeys, ['p_abs']);
});

test.run();
