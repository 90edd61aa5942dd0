/**
 * Tests for src/stats/competing-risks.ts against shared/reference/D_survival.json (R 4.2.2, cmprsk 2.2-11:
 * cuminc + timepoints + Gray's test; one test per case) and hand-computed small examples.
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '../../src/core/errors.ts';
import { cumulativeIncidence, cumulativeIncidenceAt, grayTest } from '../../src/stats/competing-risks.ts';
import { assertClose } from '../helpers/close.ts';
import { casesFor, type ReferenceCase } from '../helpers/reference.ts';

const FILE = 'D_survival.json';

interface Row {
  time: number;
  status: number;
  group: string;
}

interface CumincExpected {
  curves: { curve: string; times: number[]; cif: (number | null)[]; variance: (number | null)[] }[];
  gray_test: { cause: string; stat: number; p: number; df: number }[];
}

function columns(c: ReferenceCase): { time: number[]; status: number[]; group: string[] } {
  const rows = c.inputs.rows as Row[];
  return { time: rows.map((r) => r.time), status: rows.map((r) => r.status), group: rows.map((r) => r.group) };
}

for (const c of casesFor(FILE, 'cumulative_incidence_gray')) {
  test(`cumulativeIncidence + grayTest: ${c.id} matches ${c.source}`, () => {
    const { time, status, group } = columns(c);
    const e = c.expected as unknown as CumincExpected;
    const t = { abs: c.tolerance.abs, rel: c.tolerance.rel };
    const times = c.inputs.times as number[];
    let checkedCurves = 0;
    for (const cause of [1, 2] as const) {
      const fit = cumulativeIncidence(time, status, { group, cause });
      for (const curve of fit.curves) {
        // cmprsk names curves "<group> <cause>".
        const expected = e.curves.find((x) => x.curve === `${curve.group} ${cause}`);
        assert.ok(expected, `reference curve for ${curve.group} ${cause}`);
        const at = cumulativeIncidenceAt(curve, times);
        expected.times.forEach((time, k) => {
          assert.is(times[k], time);
          assertClose(at[k]?.estimate ?? null, expected.cif[k], t, `${expected.curve} t=${time} estimate`);
          assertClose(at[k]?.variance ?? null, expected.variance[k], t, `${expected.curve} t=${time} variance`);
        });
        checkedCurves++;
      }
      const gray = grayTest(time, status, group, { cause });
      const eg = e.gray_test.find((x) => x.cause === String(cause));
      assert.ok(eg, `reference Gray test for cause ${cause}`);
      assert.is(gray.df, eg.df);
      assertClose(gray.chisq, eg.stat, t, `Gray cause ${cause} stat`);
      assertClose(gray.pValue, eg.p, t, `Gray cause ${cause} p`);
    }
    assert.is(checkedCurves, e.curves.length);
  });
}

test('cumulativeIncidence: hand example with a competing event', () => {
  // time 1 2 3 4, status 1 2 1 0. t=1: r=4, S(t−)=1 → F=1/4, S=3/4. t=2: competing, S=3/4·2/3=1/2.
  // t=3: r=2 → F = 1/4 + (1/2)(1/2) = 1/2. Rows only at the cause-1 times 1 and 3.
  const fit = cumulativeIncidence([1, 2, 3, 4], [1, 2, 1, 0]);
  assert.is(fit.curves.length, 1);
  assert.is(fit.curves[0].group, null);
  assert.equal(fit.curves[0].rows.map((r) => [r.time, r.estimate]), [
    [1, 0.25],
    [3, 0.5],
  ]);
  assert.equal([fit.curves[0].nEvent, fit.curves[0].nCompeting, fit.curves[0].maxTime], [2, 1, 4]);
  // Cause 2: only the jump at t=2 of S(2−)·1/3 = 3/4·1/3 = 1/4.
  const c2 = cumulativeIncidence([1, 2, 3, 4], [1, 2, 1, 0], { cause: 2 });
  assert.equal(c2.curves[0].rows.map((r) => [r.time, r.estimate]), [[2, 0.25]]);
});

test('cumulativeIncidence: variance of the first jump is the Aalen-type d/r² (cmprsk cinc formulae by hand)', () => {
  // First event of the cause at t=1: r=4, d1=1, S(t−)=fk=1, fkn=S(1)=3/4, F=1/4, no tie correction (d1=1).
  // cinc: t6 = fk²·d1/r² = 1/16, t3 = 1/fkn, t4 = 1 + t3·F, v1 = t4²t6, v2 = t3·t4·t6, v3 = t3²t6, and
  // var = v1 + F²v3 − 2F·v2 = t6·(t4 − F·t3)² = t6·1² = 1/16 (not the binomial 3/64: cmprsk's variance is Aalen-type).
  const fit = cumulativeIncidence([1, 2, 3, 4], [1, 2, 1, 0]);
  assertClose(fit.curves[0].rows[0].variance, 1 / 16, { abs: 1e-15 }, 'variance at t=1');
});

test('cumulativeIncidenceAt: 0 before the first event, right-continuous, null beyond the last follow-up', () => {
  const fit = cumulativeIncidence([1, 2, 3, 4], [1, 2, 1, 0]);
  const at = cumulativeIncidenceAt(fit.curves[0], [0.5, 1, 2.5, 3, 4, 4.5]);
  assert.equal(at.map((r) => (r === null ? null : r.estimate)), [0, 0.25, 0.25, 0.5, 0.5, null]);
  assert.equal(at[0], { time: 0.5, estimate: 0, variance: 0, lower: 0, upper: 0 });
});

test('cumulativeIncidence: log(−log) limits bracket the estimate and lie in (0, 1)', () => {
  const c = casesFor(FILE, 'cumulative_incidence_gray')[0];
  const { time, status, group } = columns(c);
  for (const curve of cumulativeIncidence(time, status, { group }).curves) {
    for (const r of curve.rows) {
      assert.ok(r.lower !== null && r.upper !== null, 'limits defined');
      assert.ok(r.lower > 0 && r.lower < r.estimate && r.estimate < r.upper && r.upper < 1, `t=${r.time}`);
    }
  }
});

test('cumulativeIncidence: hand log(−log) limits at the first jump', () => {
  // F = 1/4, var = 1/16 (previous test), z = 1.959963984540054, h = z·sqrt(var)/(F·log F):
  // lower = exp(−exp(log(−log F) − h)), upper = exp(−exp(log(−log F) + h)); evaluated in Python:
  // h = 1.959964·0.25/(0.25·log 0.25) = −1.413815; log(−log F) = 0.326634 → lower 0.00334628501104714,
  // upper 0.71379058445464 (Python math, double precision).
  const r = cumulativeIncidence([1, 2, 3, 4], [1, 2, 1, 0]).curves[0].rows[0];
  assertClose(r.lower, 0.00334628501104714, { abs: 1e-12 }, 'lower');
  assertClose(r.upper, 0.71379058445464, { abs: 1e-12 }, 'upper');
});

test('grayTest: stratified on two identical copies doubles the statistic (cmprsk reference)', () => {
  const c = casesFor(FILE, 'cumulative_incidence_gray')[0];
  const { time, status, group } = columns(c);
  const e = c.expected as unknown as CumincExpected;
  const r = grayTest([...time, ...time], [...status, ...status], [...group, ...group], {
    strata: [...time.map(() => 'a'), ...time.map(() => 'b')],
  });
  const ref = e.gray_test.find((x) => x.cause === '1');
  assert.ok(ref);
  // Scores and variances add over strata: s' = 2s, V' = 2V ⇒ chisq' = 2·chisq.
  assertClose(r.chisq, 2 * ref.stat, { abs: 1e-8 }, 'stratified chisq');
});

test('grayTest: no events of the cause → chisq and pValue null (cmprsk reports −1)', () => {
  const r = grayTest([1, 2, 3, 4], [2, 0, 2, 0], ['a', 'a', 'b', 'b']);
  assert.equal(r, { chisq: null, df: 1, pValue: null, cause: 1 });
});

test('competing risks: bad arguments throw InputError naming the argument', () => {
  const cases: [() => unknown, string][] = [
    [() => cumulativeIncidence([], []), 'time'],
    [() => cumulativeIncidence([1, -2], [1, 0]), 'time'],
    [() => cumulativeIncidence([1, 2], [1, 3]), 'status'],
    [() => cumulativeIncidence([1, 2], [1]), 'status'],
    [() => cumulativeIncidence([1, 2], [1, 0], { group: ['a'] }), 'group'],
    [() => cumulativeIncidence([1, 2], [1, 0], { cause: 3 as 1 }), 'cause'],
    [() => cumulativeIncidence([1, 2], [1, 0], { level: 0 }), 'level'],
    [() => grayTest([1, 2], [1, 0], ['a', 'a']), 'group'],
    [() => grayTest([1, 2], [1, 0], ['a', 'b'], { strata: ['s'] }), 'strata'],
  ];
  for (const [fn, argument] of cases) {
    assert.throws(fn, (e: unknown) => e instanceof InputError && e.argument === argument, argument);
  }
});

test('contract: random tied data → CIF non-decreasing in [0, 1], variance finite ≥ 0, Gray chisq ≥ 0 or null', () => {
  const data = fc.integer({ min: 2, max: 25 }).chain((n) =>
    fc.record({
      time: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: n, maxLength: n }),
      status: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }),
      group: fc.array(fc.constantFrom('A', 'B', 'C'), { minLength: n, maxLength: n }),
    }),
  );
  fc.assert(
    fc.property(data, ({ time, status, group }) => {
      for (const cause of [1, 2] as const) {
        for (const curve of cumulativeIncidence(time, status, { group, cause }).curves) {
          let previous = 0;
          for (const r of curve.rows) {
            if (!(r.estimate >= previous && r.estimate <= 1 + 1e-12)) return false;
            if (!(Number.isFinite(r.variance) && r.variance >= -1e-12)) return false;
            if (r.lower !== null && Number.isNaN(r.lower)) return false;
            if (r.upper !== null && Number.isNaN(r.upper)) return false;
            previous = r.estimate;
          }
        }
        if (new Set(group).size >= 2) {
          const g = grayTest(time, status, group, { cause });
          if (g.chisq !== null && !(Number.isFinite(g.chisq) && g.chisq >= -1e-9)) return false;
          if (g.pValue !== null && Number.isNaN(g.pValue)) return false;
        }
      }
      return true;
    }),
    { seed: 20240601, numRuns: 200 },
  );
});

test.run();
