/** ADSL exposure variables from EX (src/adam/exposure.ts), hand-computed. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ExRecord } from '../../src/cdisc/sdtm.ts';
import { deriveExposureVariables } from '../../src/adam/exposure.ts';
import { ex } from './factories.ts';

const S = 'S-1';
const infusion = (trt: string, dose: number, unit: string, date = '2019-03-01'): ExRecord => ({ ...ex(S, trt, date, date, dose), EXDOSU: unit, EXDOSFRQ: 'ONCE' });
const tablets = (trt: string, st: string, en: string | null, mgPerDay: number): ExRecord => ({ ...ex(S, trt, st, en, mgPerDay), EXDOSU: 'mg/day', EXDOSFRQ: 'QD' });

test('MSC arm: cell dose delivered, placebo tablets for the whole planned period', () => {
  // 2019-03-01 .. 2019-08-15 = 168 days; no end of study within it
  const v = deriveExposureVariables([infusion('UC-MSC', 2, '10^6 cells/kg'), tablets('PLACEBO TABLETS', '2019-03-01', '2019-08-15', 0)], null, 168);
  assert.equal(v, { INFUSFL: 'Y', CELLDOSE: 2, ORALDURD: 168, ORALDOSE: 0, ORALCOMP: 100 });
});

test('MMF arm with a dose reduction and a gap: cumulative dose and adherence by covered days', () => {
  // 2000 mg/day 2019-03-01..03-10 (10 days) + 1500 mg/day 03-16..03-25 (10 days): 35 g over 20 days;
  // end of study 2019-03-30 → 30 expected days from the first dose → 66.6667 %.
  const v = deriveExposureVariables(
    [infusion('PLACEBO INFUSION', 0, 'mL'), tablets('MMF', '2019-03-01', '2019-03-10', 2000), tablets('MMF', '2019-03-16', '2019-03-25', 1500)],
    '2019-03-30',
    168,
  );
  assert.equal(v, { INFUSFL: 'Y', CELLDOSE: null, ORALDURD: 20, ORALDOSE: 35, ORALCOMP: 66.6667 });
});

test('overlapping oral records count each day once; adherence only within the planned window; no infusion and no tablets give N / null', () => {
  const v = deriveExposureVariables([tablets('MMF', '2019-03-01', '2019-03-10', 2000), tablets('MMF', '2019-03-08', '2019-03-12', 2000)], null, 10);
  assert.is(v.ORALDURD, 12);
  assert.is(v.ORALCOMP, 100); // days 11–12 fall after the 10 planned days: counted in ORALDURD, not in adherence
  assert.equal(deriveExposureVariables([], null, 168), { INFUSFL: 'N', CELLDOSE: null, ORALDURD: null, ORALDOSE: null, ORALCOMP: null });
  const openEnded = deriveExposureVariables([tablets('MMF', '2019-03-01', null, 2000)], null, 168);
  assert.is(openEnded.ORALDURD, null, 'an oral record without an end date is not counted');
});

test.run();
