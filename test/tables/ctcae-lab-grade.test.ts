/**
 * CTCAE v4.03 lab grades: boundary cases worked by hand from the CTCAE v4.03 criteria (as transcribed in
 * pharmaverse/admiral data-raw/adlb_grading/ncictcaev4.json): e.g. anemia grade 2 is "< 10.0 – 8.0 g/dL",
 * so exactly 100 g/L is grade 1 (when below LLN) and 99.9 g/L grade 2.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '../../src/core/errors.ts';
import { ctcaeLabGrade, isGradableUnit } from '../../src/tables/ctcae-lab-grade.ts';

const cases: [string, Parameters<typeof ctcaeLabGrade>[0], Parameters<typeof ctcaeLabGrade>[1], number | null][] = [
  // Anemia, g/L with LLN 120: ≥ LLN 0; < LLN–100 g1; < 100–80 g2; < 80 g3; no lab grade 4.
  ['HGB at LLN', 'HGB', { value: 120, lln: 120, unit: 'g/L' }, 0],
  ['HGB just below LLN', 'HGB', { value: 119.9, lln: 120, unit: 'g/L' }, 1],
  ['HGB 100 g/L (boundary: grade 1)', 'HGB', { value: 100, lln: 120, unit: 'g/L' }, 1],
  ['HGB 99.9 g/L', 'HGB', { value: 99.9, lln: 120, unit: 'g/L' }, 2],
  ['HGB 80 g/L (boundary: grade 2)', 'HGB', { value: 80, lln: 120, unit: 'g/L' }, 2],
  ['HGB 79.9 g/L', 'HGB', { value: 79.9, lln: 120, unit: 'g/L' }, 3],
  ['HGB 40 g/L (no lab grade 4)', 'HGB', { value: 40, lln: 120, unit: 'g/L' }, 3],
  ['HGB in g/dL 9.5', 'HGB', { value: 9.5, lln: 12, unit: 'g/dL' }, 2],
  ['HGB high is not graded for anemia', 'HGB', { value: 190, lln: 120, unit: 'g/L' }, 0],
  ['HGB no LLN, 110 g/L: not gradable', 'HGB', { value: 110, lln: null, unit: 'g/L' }, null],
  ['HGB no LLN, 90 g/L: grade 2 from the absolute threshold', 'HGB', { value: 90, lln: null, unit: 'g/L' }, 2],
  // WBC decreased: < LLN–3.0 g1; < 3.0–2.0 g2; < 2.0–1.0 g3; < 1.0 g4 (×10⁹/L).
  ['WBC 3.5 with LLN 4.0', 'WBC', { value: 3.5, lln: 4, unit: '10^9/L' }, 1],
  ['WBC 3.0 (boundary: grade 1)', 'WBC', { value: 3.0, lln: 4, unit: '10^9/L' }, 1],
  ['WBC 2.99', 'WBC', { value: 2.99, lln: 4, unit: '10^9/L' }, 2],
  ['WBC 1.0 (boundary: grade 3)', 'WBC', { value: 1.0, lln: 4, unit: '10^9/L' }, 3],
  ['WBC 0.99', 'WBC', { value: 0.99, lln: 4, unit: 'GI/L' }, 4],
  ['WBC 2.8 with LLN 2.5: absolute threshold wins (admiral order)', 'WBC', { value: 2.8, lln: 2.5, unit: '10^9/L' }, 2],
  // Platelets decreased: < LLN–75 g1; < 75–50 g2; < 50–25 g3; < 25 g4.
  ['PLAT 150 at LLN', 'PLAT', { value: 150, lln: 150, unit: '10^9/L' }, 0],
  ['PLAT 75 (boundary: grade 1)', 'PLAT', { value: 75, lln: 150, unit: '10^9/L' }, 1],
  ['PLAT 60', 'PLAT', { value: 60, lln: 150, unit: '10^9/L' }, 2],
  ['PLAT 49.9', 'PLAT', { value: 49.9, lln: 150, unit: '10^9/L' }, 3],
  ['PLAT 24', 'PLAT', { value: 24, lln: 150, unit: '10^9/L' }, 4],
  // ALT/AST increased: > ULN–3 g1; > 3–5 g2; > 5–20 g3; > 20 × ULN g4 (ULN 40 U/L).
  ['ALT at ULN', 'ALT', { value: 40, uln: 40 }, 0],
  ['ALT 41', 'ALT', { value: 41, uln: 40 }, 1],
  ['ALT 120 = 3 × ULN (boundary: grade 1)', 'ALT', { value: 120, uln: 40 }, 1],
  ['ALT 130 = 3.25 × ULN', 'ALT', { value: 130, uln: 40 }, 2],
  ['AST 200 = 5 × ULN (boundary: grade 2)', 'AST', { value: 200, uln: 40 }, 2],
  ['AST 201', 'AST', { value: 201, uln: 40 }, 3],
  ['AST 800 = 20 × ULN (boundary: grade 3)', 'AST', { value: 800, uln: 40 }, 3],
  ['AST 801', 'AST', { value: 801, uln: 40 }, 4],
  ['ALT without ULN: not gradable', 'ALT', { value: 500, uln: null }, null],
];

for (const [name, t, input, expected] of cases) {
  test(`ctcaeLabGrade: ${name} → ${expected}`, () => {
    assert.is(ctcaeLabGrade(t, input), expected);
  });
}

test('ctcaeLabGrade: bad arguments throw InputError naming the argument', () => {
  const arg = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      assert.instance(e, InputError);
      return (e as InputError).argument;
    }
    assert.unreachable('expected an InputError');
  };
  assert.is(arg(() => ctcaeLabGrade('HGB', { value: 100, lln: 120, unit: 'mmol/L' })), 'unit');
  assert.is(arg(() => ctcaeLabGrade('PLAT', { value: Number.NaN, lln: 150, unit: '10^9/L' })), 'value');
  assert.is(arg(() => ctcaeLabGrade('XYZ' as 'ALT', { value: 1 })), 'test');
  assert.is(arg(() => ctcaeLabGrade('ALT', { value: 1, uln: 0 })), 'uln');
});

test('isGradableUnit: HGB needs g/L or g/dL; ALT any unit', () => {
  assert.ok(isGradableUnit('HGB', 'g/dL'));
  assert.not.ok(isGradableUnit('HGB', 'mmol/L'));
  assert.ok(isGradableUnit('ALT', null));
  assert.ok(isGradableUnit('PLAT', '10^9/L'));
});

test.run();
