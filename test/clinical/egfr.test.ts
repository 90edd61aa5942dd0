import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeEgfr } from '../../src/clinical/egfr.ts';
import { InputError } from '../../src/core/errors.ts';
import { assertClose } from '../helpers/close.ts';

// Expected values: hand computation of the published formulas (domain.md 5.2), evaluated with Python
// floats, e.g. CKD-EPI 2021, female 50 y, SCr 0.7 mg/dL: S/k = 1 so both power terms are 1:
// 142 × 0.9938^50 × 1.012 = 142 × 0.732749… × 1.012 = 105.2976.
const cases: [string, number, number, 'F' | 'M', 'CKD-EPI-2009' | 'CKD-EPI-2021' | 'MDRD' | 'MDRD-CHINESE', number][] = [
  ['CKD-EPI 2021 F 50y SCr 0.7 = 142·0.9938^50·1.012', 0.7, 50, 'F', 'CKD-EPI-2021', 105.29760114914401],
  ['CKD-EPI 2021 M 60y SCr 1.0 = 142·(1/0.9)^-1.2·0.9938^60', 1.0, 60, 'M', 'CKD-EPI-2021', 86.16262077966914],
  ['CKD-EPI 2021 F 30y SCr 0.5 = 142·(0.5/0.7)^-0.241·0.9938^30·1.012', 0.5, 30, 'F', 'CKD-EPI-2021', 129.31695975066629],
  ['CKD-EPI 2009 F 50y SCr 0.7 = 141·0.993^50·1.018', 0.7, 50, 'F', 'CKD-EPI-2009', 101.0251061463907],
  ['CKD-EPI 2009 M 60y SCr 1.0 = 141·(1/0.9)^-1.209·0.993^60', 1.0, 60, 'M', 'CKD-EPI-2009', 81.44289751798158],
  ['CKD-EPI 2009 F 30y SCr 0.5 = 141·(0.5/0.7)^-0.329·0.993^30·1.018', 0.5, 30, 'F', 'CKD-EPI-2009', 129.87347746177306],
  ['MDRD F 40y SCr 1.2 = 175·1.2^-1.154·40^-0.203·0.742', 1.2, 40, 'F', 'MDRD', 49.7563618784796],
  ['Chinese MDRD F 40y SCr 1.2 = 175·1.2^-1.234·40^-0.179·0.79', 1.2, 40, 'F', 'MDRD-CHINESE', 57.04094920633221],
];
for (const [label, scr, age, sex, eq, expected] of cases) {
  test(`computeEgfr: ${label}`, () => {
    assertClose(computeEgfr(scr, age, sex, eq), expected, { rel: 1e-12 }, label);
  });
}

test('computeEgfr: at the knot S = k both CKD-EPI branches agree (continuity)', () => {
  const below = computeEgfr(0.9 - 1e-9, 45, 'M', 'CKD-EPI-2021');
  const above = computeEgfr(0.9 + 1e-9, 45, 'M', 'CKD-EPI-2021');
  assertClose(below, above, { rel: 1e-7 }, 'continuity');
});

test('computeEgfr: bad arguments throw InputError naming the argument', () => {
  assert.throws(() => computeEgfr(0, 40, 'F', 'MDRD'), (e: unknown) => e instanceof InputError && e.argument === 'scrMgdl');
  assert.throws(() => computeEgfr(1, -1, 'F', 'MDRD'), (e: unknown) => e instanceof InputError && e.argument === 'age');
  assert.throws(() => computeEgfr(1, 40, 'X', 'MDRD'), (e: unknown) => e instanceof InputError && e.argument === 'sex');
});

test.run();
