import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng, deriveSeed } from '../../src/simulate/random.ts';
import { civilFromDays, daysFromCivil } from '../../src/core/calendar.ts';
import { dayOfIso, isoDate, isoDateTime, isoPartial } from '../../src/simulate/dates.ts';
import { InputError } from '../../src/core/errors.ts';

test('daysFromCivil: hand-computed day numbers', () => {
  assert.is(daysFromCivil(1970, 1, 1), 0);
  assert.is(daysFromCivil(1969, 12, 31), -1);
  // 1970..2020: 51 years, 13 leap years (1972…2020) → 51·365 + 13 = 18628 days to 2021-01-01;
  // + 31 + 28 + 31 + 30 + 31 = 151 → 2021-06-01 is day 18779.
  assert.is(daysFromCivil(2021, 1, 1), 18628);
  assert.is(daysFromCivil(2021, 6, 1), 18779);
  // 2020 is a leap year: 2020-03-01 − 2020-02-28 = 2 days.
  assert.is(daysFromCivil(2020, 3, 1) - daysFromCivil(2020, 2, 28), 2);
  // 2019 is not: 2019-03-01 − 2019-02-28 = 1 day.
  assert.is(daysFromCivil(2019, 3, 1) - daysFromCivil(2019, 2, 28), 1);
});

test('civilFromDays / isoDate: round trip over 1999–2025 and formatting', () => {
  for (let d = daysFromCivil(1999, 1, 1); d <= daysFromCivil(2025, 12, 31); d++) {
    const { year, month, day } = civilFromDays(d);
    assert.is(daysFromCivil(year, month, day), d);
    assert.is(dayOfIso(isoDate(d)), d);
  }
  assert.is(isoDate(18779), '2021-06-01');
  assert.is(isoDateTime(18779, 7 * 60 + 5), '2021-06-01T07:05');
  assert.is(isoPartial(18779, 'month'), '2021-06');
  assert.is(isoPartial(18779, 'year'), '2021');
  assert.is(dayOfIso('2021-06'), null);
  assert.is(dayOfIso(''), null);
});

test('Rng: same seed gives the same stream, different seeds differ', () => {
  const a = new Rng(deriveSeed(20180709, 1, 5));
  const b = new Rng(deriveSeed(20180709, 1, 5));
  const c = new Rng(deriveSeed(20180709, 1, 6));
  const xa = Array.from({ length: 50 }, () => a.nextUint32());
  const xb = Array.from({ length: 50 }, () => b.nextUint32());
  const xc = Array.from({ length: 50 }, () => c.nextUint32());
  assert.equal(xa, xb);
  assert.not.equal(xa, xc);
});

test('Rng: uniform, normal and poisson moments on 200,000 draws', () => {
  const r = new Rng(12345);
  const n = 200000;
  let su = 0;
  let sn = 0;
  let sn2 = 0;
  let sp = 0;
  for (let i = 0; i < n; i++) {
    const u = r.uniform();
    assert.ok(u > 0 && u < 1);
    su += u;
    const z = r.normal();
    sn += z;
    sn2 += z * z;
    sp += r.poisson(2);
  }
  // Standard errors: uniform mean 0.289/√n ≈ 0.00065; normal mean 0.0022; variance ≈ 0.0032; Poisson(2) mean 0.0032.
  assert.ok(Math.abs(su / n - 0.5) < 0.004, 'uniform mean');
  assert.ok(Math.abs(sn / n) < 0.012, 'normal mean');
  assert.ok(Math.abs(sn2 / n - 1) < 0.02, 'normal variance');
  assert.ok(Math.abs(sp / n - 2) < 0.02, 'poisson mean');
});

test('Rng.int: bounds inclusive, bad bounds throw InputError', () => {
  const r = new Rng(7);
  const seen = new Set<number>();
  for (let i = 0; i < 1000; i++) seen.add(r.int(-2, 1));
  assert.equal([...seen].sort((x, y) => x - y), [-2, -1, 0, 1]);
  assert.throws(() => r.int(3, 1), (e: unknown) => e instanceof InputError);
});

test.run();
