import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { convertToStandard, unitConversion } from '../../src/clinical/units.ts';

// Factors from domain.md 5.1.
const table: [string, string, number, number, string][] = [
  ['CREAT', 'mg/dL', 1.2, 106.08, 'umol/L'], // 1.2 × 88.4
  ['CREAT', 'umol/L', 80, 80, 'umol/L'],
  ['CREAT', 'µmol/L', 80, 80, 'umol/L'],
  ['ALB', 'g/dL', 3.2, 32, 'g/L'], // × 10
  ['PROT', 'mg/24h', 450, 0.45, 'g/24h'], // ÷ 1000
  ['PROTCRT', 'mg/g', 1500, 1.5, 'g/g'], // ÷ 1000
  ['PROTCRT', 'mg/mmol', 56.56, 0.5, 'g/g'], // ÷ 113.12
  ['C3', 'mg/dL', 85, 0.85, 'g/L'], // ÷ 100
  ['C4', 'mg/dL', 12, 0.12, 'g/L'],
  ['HGB', 'g/dL', 11.5, 115, 'g/L'], // × 10
];
for (const [testcd, unit, v, expected, stdUnit] of table) {
  test(`unitConversion: ${testcd} ${v} ${unit} → ${expected} ${stdUnit}`, () => {
    const c = unitConversion(testcd, unit);
    if (!c.ok) return assert.unreachable(c.message);
    assert.is(c.unit, stdUnit);
    assert.is(convertToStandard(v, c.factor), expected);
  });
}

test('unitConversion: UPCR mg/mmol with the plan factor 100 (guideline rounding)', () => {
  const c = unitConversion('PROTCRT', 'mg/mmol', { upcrMgPerMmolFactor: 100 });
  assert.ok(c.ok);
  if (c.ok) assert.is(convertToStandard(50, c.factor), 0.5);
});

test('unitConversion: a unit not in the table is an issue, never a guess', () => {
  const c = unitConversion('ALB', 'mmol/L');
  assert.is(c.ok, false);
  if (!c.ok) assert.match(c.message, 'unit "mmol/L" is not in the conversion table for ALB');
  const m = unitConversion('CREAT', null);
  assert.is(m.ok, false);
});

test.run();
