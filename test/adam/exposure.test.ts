/** ADSL exposure variables from EX (src/adam/exposure.ts), hand-computed. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExRecord } from '../../src/cdisc/sdtm.ts';
import { deriveAdam } from '../../src/adam/derive-adam.ts';
import { deriveExposureVariables, oralDailyDose } from '../../src/adam/exposure.ts';
import { main } from '../../src/cli/main.ts';
import { capture } from '../helpers/output-folder.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { readCsvRows } from '../helpers/tiny-csv.ts';
import { dm, ex, lock, trialPlan } from './factories.ts';

const S = 'S-1';
const infusion = (trt: string, dose: number, unit: string, date = '2019-03-01'): ExRecord => ({ ...ex(S, trt, date, date, dose), EXDOSU: unit, EXDOSFRQ: 'ONCE' });
const tablets = (trt: string, st: string, en: string | null, dose: number | null, unit: string | null = 'mg/day'): ExRecord => ({ ...ex(S, trt, st, en), EXDOSE: dose, EXDOSU: unit, EXDOSFRQ: 'QD' });

test('MSC arm: cell dose delivered, placebo tablets for the whole planned period', () => {
  // 2019-03-01 .. 2019-08-15 = 168 days; no end of study within it
  const v = deriveExposureVariables([infusion('UC-MSC', 2, '10^6 cells/kg'), tablets('PLACEBO TABLETS', '2019-03-01', '2019-08-15', 0)], null, 168);
  assert.equal(v, { variables: { INFUSFL: 'Y', CELLDOSE: 2, ORALDURD: 168, ORALDOSE: 0, ORALCOMP: 100 }, issues: [] });
});

test('MMF arm with a dose reduction and a gap: cumulative dose and adherence by covered days', () => {
  // 2000 mg/day 2019-03-01..03-10 (10 days) + 1500 mg/day 03-16..03-25 (10 days): 35 g over 20 days;
  // end of study 2019-03-30 → 30 expected days from the first dose → 66.6667 %.
  const v = deriveExposureVariables(
    [infusion('PLACEBO INFUSION', 0, 'mL'), tablets('MMF', '2019-03-01', '2019-03-10', 2000), tablets('MMF', '2019-03-16', '2019-03-25', 1500)],
    '2019-03-30',
    168,
  );
  assert.equal(v, { variables: { INFUSFL: 'Y', CELLDOSE: null, ORALDURD: 20, ORALDOSE: 35, ORALCOMP: 66.6667 }, issues: [] });
});

test('overlapping oral records count each day once; adherence only within the planned window; no infusion and no tablets give N / null', () => {
  const v = deriveExposureVariables([tablets('MMF', '2019-03-01', '2019-03-10', 2000), tablets('MMF', '2019-03-08', '2019-03-12', 2000)], null, 10).variables;
  assert.is(v.ORALDURD, 12);
  assert.is(v.ORALCOMP, 100); // days 11–12 fall after the 10 planned days: counted in ORALDURD, not in adherence
  assert.equal(deriveExposureVariables([], null, 168), { variables: { INFUSFL: 'N', CELLDOSE: null, ORALDURD: null, ORALDOSE: null, ORALCOMP: null }, issues: [] });
  const openEnded = deriveExposureVariables([tablets('MMF', '2019-03-01', null, 2000)], null, 168);
  assert.is(openEnded.variables.ORALDURD, null, 'an oral record without an end date is not counted');
  assert.is(openEnded.issues.length, 1, 'and it is listed');
});

test('daily dose units: g/day × 1000; mg and g per once-daily (QD) administration are daily doses', () => {
  assert.equal(oralDailyDose(tablets('MMF', '2019-03-01', '2019-03-10', 1.5, 'g/day')), { ok: true, mgPerDay: 1500 });
  assert.equal(oralDailyDose(tablets('MMF', '2019-03-01', '2019-03-10', 2, 'g')), { ok: true, mgPerDay: 2000 });
  assert.equal(oralDailyDose(tablets('MMF', '2019-03-01', '2019-03-10', 1000, 'mg')), { ok: true, mgPerDay: 1000 });
  // 1.5 g/day × 10 days (03-01..03-10) + 2000 mg × 5 days (03-11..03-15) + 1000 mg/day × 5 days (03-16..03-20)
  // = 15 + 10 + 5 = 30 g over 20 days.
  const v = deriveExposureVariables(
    [tablets('MMF', '2019-03-01', '2019-03-10', 1.5, 'g/day'), tablets('MMF', '2019-03-11', '2019-03-15', 2000, 'mg'), tablets('MMF', '2019-03-16', '2019-03-20', 1000)],
    null,
    20,
  );
  assert.equal(v, { variables: { INFUSFL: 'N', CELLDOSE: null, ORALDURD: 20, ORALDOSE: 30, ORALCOMP: 100 }, issues: [] });
});

test('a unit that is not a daily dose, a missing unit or a missing dose: ORALDOSE empty, each record a located warning', () => {
  const perKg = tablets('MMF', '2019-03-01', '2019-03-10', 30, 'mg/kg/day');
  const noUnit = tablets('MMF', '2019-03-11', '2019-03-15', 2000, null);
  const noDose = tablets('MMF', '2019-03-16', '2019-03-20', null);
  const good = tablets('MMF', '2019-03-21', '2019-03-25', 2000);
  const { variables, issues } = deriveExposureVariables([perKg, noUnit, noDose, good], null, 25);
  assert.equal(variables, { INFUSFL: 'N', CELLDOSE: null, ORALDURD: 25, ORALDOSE: null, ORALCOMP: 100 });
  const expected = 'expected one of mg/day, g/day, mg, g for a daily-regimen record';
  assert.equal(issues, [
    { severity: 'warning', file: 'ex.csv', line: perKg.source.line, column: 'EXDOSU', value: 'mg/kg/day', message: `"mg/kg/day" is not a daily dose unit (${expected}); ORALDOSE of S-1 is left empty` },
    { severity: 'warning', file: 'ex.csv', line: noUnit.source.line, column: 'EXDOSU', value: null, message: `daily dose unit missing (${expected}); ORALDOSE of S-1 is left empty` },
    { severity: 'warning', file: 'ex.csv', line: noDose.source.line, column: 'EXDOSE', value: null, message: 'dose missing on a daily-regimen record; ORALDOSE of S-1 is left empty' },
  ]);
});

test('daily regimens: mg per administration × administrations per day (BID 2, TID 3, QID 4); a per-day unit is not multiplied', () => {
  const bid = { ...tablets('MMF', '2019-03-01', '2019-03-10', 1000, 'mg'), EXDOSFRQ: 'BID' };
  const tid = { ...tablets('MMF', '2019-03-11', '2019-03-15', 0.5, 'g'), EXDOSFRQ: 'TID' };
  const perDay = { ...tablets('MMF', '2019-03-16', '2019-03-20', 2000, 'mg/day'), EXDOSFRQ: 'QID' };
  assert.equal(oralDailyDose(bid), { ok: true, mgPerDay: 2000 });
  assert.equal(oralDailyDose(tid), { ok: true, mgPerDay: 1500 });
  assert.equal(oralDailyDose(perDay), { ok: true, mgPerDay: 2000 });
  // 2000 mg × 10 days + 1500 mg × 5 days + 2000 mg × 5 days = 20 + 7.5 + 10 = 37.5 g over 20 days.
  assert.equal(deriveExposureVariables([bid, tid, perDay], null, 20), { variables: { INFUSFL: 'N', CELLDOSE: null, ORALDURD: 20, ORALDOSE: 37.5, ORALCOMP: 100 }, issues: [] });
});

test('records left out of the oral variables are each a located warning: other frequency, incomplete or reversed dates', () => {
  const prn = { ...tablets('MMF', '2019-03-01', '2019-03-05', 500, 'mg'), EXDOSFRQ: 'PRN' };
  const noEnd = tablets('MMF', '2019-03-06', null, 2000);
  const partialStart = { ...tablets('MMF', '2019-03-06', '2019-03-09', 2000), EXSTDTC: ex(S, 'MMF', '2019-03', null).EXSTDTC }; // month precision
  const reversed = tablets('MMF', '2019-03-20', '2019-03-10', 2000);
  const good = tablets('MMF', '2019-03-01', '2019-03-10', 2000);
  const { variables, issues } = deriveExposureVariables([prn, noEnd, partialStart, reversed, good], null, 10);
  // Only `good` could be counted; the left-out daily records would make every oral variable an understatement.
  assert.equal(variables, { INFUSFL: 'N', CELLDOSE: null, ORALDURD: null, ORALDOSE: null, ORALCOMP: null });
  const kept = '; the record is not counted in ORALDURD, ORALDOSE or ORALCOMP of S-1';
  const emptied = '; the record is not counted, so ORALDURD, ORALDOSE and ORALCOMP of S-1 are left empty (without it they would understate exposure)';
  assert.equal(issues.map((i) => [i.line, i.column, i.value, i.message]), [
    [prn.source.line, 'EXDOSFRQ', 'PRN', `EXDOSFRQ "PRN" is neither ONCE (the infusion) nor a daily regimen (QD, BID, TID, QID)${emptied}`],
    [noEnd.source.line, 'EXENDTC', null, `EXENDTC is missing (expected a complete date YYYY-MM-DD; no end of study or data-cut date on or after EXSTDTC to impute it from)${emptied}`],
    [partialStart.source.line, 'EXSTDTC', partialStart.EXSTDTC?.text ?? null, `EXSTDTC is not a complete date (expected YYYY-MM-DD)${emptied}`],
    [reversed.source.line, 'EXENDTC', '2019-03-10', `EXENDTC is before EXSTDTC${emptied}`],
  ]);
  // An other-frequency record in an oral unit (mg) is probably tablets: left out, and the oral variables unknown.
  assert.equal(deriveExposureVariables([prn, good], null, 10).variables, { INFUSFL: 'N', CELLDOSE: null, ORALDURD: null, ORALDOSE: null, ORALCOMP: null });
  // In a unit that is no oral dose (e.g. mL of a rescue infusion) it is listed but leaves the oral variables as they are.
  const other = { ...tablets('SALINE', '2019-03-02', '2019-03-02', 100, 'mL'), EXDOSFRQ: 'PRN' };
  const r0 = deriveExposureVariables([other, good], null, 10);
  assert.equal(r0.variables, { INFUSFL: 'N', CELLDOSE: null, ORALDURD: 10, ORALDOSE: 20, ORALCOMP: 100 });
  assert.equal(r0.issues.map((i) => [i.column, i.message]), [['EXDOSFRQ', `EXDOSFRQ "PRN" is neither ONCE (the infusion) nor a daily regimen (QD, BID, TID, QID)${kept}`]]);
  // Without EXDOSFRQ, a dose in an oral unit is probably tablets: the oral variables become unknown.
  const noFreq = { ...tablets('MMF', '2019-03-11', '2019-03-20', 1000, 'mg'), EXDOSFRQ: null };
  const r = deriveExposureVariables([good, noFreq], null, 20);
  assert.equal([r.variables.ORALDURD, r.variables.ORALDOSE, r.variables.ORALCOMP], [null, null, null]);
  assert.equal(r.issues.map((i) => [i.column, i.message]), [['EXDOSFRQ', `EXDOSFRQ missing is neither ONCE (the infusion) nor a daily regimen (QD, BID, TID, QID)${emptied}`]]);
});

test('ongoing oral treatment (no EXENDTC): end imputed as the earlier of end of study and data cut, listed', () => {
  const ongoing = tablets('MMF', '2019-03-01', null, 2000);
  // Data cut 2019-03-20, no end of study: 20 days (03-01..03-20) × 2 g = 40 g; 20 of the 20 days due by the cut.
  const cut = deriveExposureVariables([ongoing], null, 168, '2019-03-20');
  assert.equal(cut.variables, { INFUSFL: 'N', CELLDOSE: null, ORALDURD: 20, ORALDOSE: 40, ORALCOMP: 100 });
  // A gap before the cut: 03-01..03-05 taken, then a new ongoing record from 03-11: 5 + 10 = 15 of 20 days = 75 %.
  const gap = deriveExposureVariables([tablets('MMF', '2019-03-01', '2019-03-05', 2000), tablets('MMF', '2019-03-11', null, 2000)], null, 168, '2019-03-20');
  assert.equal([gap.variables.ORALDURD, gap.variables.ORALDOSE, gap.variables.ORALCOMP], [15, 30, 75]);
  assert.equal(cut.issues.map((i) => [i.line, i.column, i.value, i.message]), [
    [ongoing.source.line, 'EXENDTC', null, 'EXENDTC missing: oral treatment taken as ongoing up to 2019-03-20 (the earlier of the end of study and the data cut) for ORALDURD, ORALDOSE and ORALCOMP of S-1'],
  ]);
  // End of study 2019-03-10 before the cut: 10 days, 20 g; adherence over the 10 days to the end of study.
  const eos = deriveExposureVariables([ongoing], '2019-03-10', 168, '2019-03-20');
  assert.equal([eos.variables.ORALDURD, eos.variables.ORALDOSE, eos.variables.ORALCOMP], [10, 20, 100]);
  assert.match(eos.issues[0].message, 'ongoing up to 2019-03-10');
});

test('an infusion record without EXDOSFRQ is recognised by its cell-dose unit: INFUSFL Y, not an oral record', () => {
  const cells = { ...infusion('UC-MSC', 2, '10^6 cells/kg'), EXDOSFRQ: null };
  assert.equal(deriveExposureVariables([cells], null, 168), { variables: { INFUSFL: 'Y', CELLDOSE: 2, ORALDURD: null, ORALDOSE: null, ORALCOMP: null }, issues: [] });  // A cell-dose record without a start date was not given: neither INFUSFL nor CELLDOSE counts it.
  const notGiven = { ...infusion('UC-MSC', 2, '10^6 cells/kg'), EXSTDTC: null };
  assert.equal(deriveExposureVariables([notGiven], null, 168).variables, { INFUSFL: 'N', CELLDOSE: null, ORALDURD: null, ORALDOSE: null, ORALCOMP: null });
});

test('small lock: deriveAdam lists the unit warning and leaves only that subject\'s ORALDOSE empty', () => {
  const a = { ...ex('A', 'MMF', '2019-03-01', '2019-03-10', 2000), EXDOSFRQ: 'QD' };
  const b = { ...ex('B', 'MMF', '2019-03-01', '2019-03-10', 4), EXDOSU: 'tablets', EXDOSFRQ: 'QD' };
  const { datasets, issues } = deriveAdam(lock({ dm: [dm('A'), dm('B')], ex: [a, b] }), trialPlan());
  assert.equal(datasets.adsl.map((s) => [s.USUBJID, s.ORALDURD, s.ORALDOSE]), [['A', 10, 20], ['B', 10, null]]);
  assert.equal(issues.map((i) => [i.file, i.line, i.column, i.value]), [['ex.csv', b.source.line, 'EXDOSU', 'tablets']]);
});

test('remit derive: the warning is in data-issues.csv with ex.csv line and column; ADSL ORALDOSE empty', async () => {
  const root = tempDir('remit-exposure-');
  const data = join(root, 'data');
  cpSync('test/fixtures/good', data, { recursive: true });
  // Line 3 of the fixture's ex.csv is LN-001-0002's MMF record; make it once daily in an unknown unit.
  const exCsv = join(data, 'ex.csv');
  const text = readFileSync(exCsv, 'utf8');
  writeFileSync(exCsv, text.replace('1500,mg,BID,', '3,tablets,QD,'));
  const io = capture();
  assert.is(await main(['derive', '--data', data, '--plan', 'analyses/plan.json', '--out', join(root, 'out')], io), 0, io.errLines.join('\n'));
  const issues = readCsvRows(join(root, 'out', 'data-issues.csv')).filter((r) => r.file === 'ex.csv');
  assert.equal(issues, [
    {
      severity: 'warning', file: 'ex.csv', line: '3', column: 'EXDOSU', value: 'tablets',
      message: '"tablets" is not a daily dose unit (expected one of mg/day, g/day, mg, g for a daily-regimen record); ORALDOSE of LN-001-0002 is left empty',
    },
  ]);
  const adsl = readCsvRows(join(root, 'out', 'adam', 'adsl.csv')).find((r) => r.USUBJID === 'LN-001-0002');
  assert.is(adsl?.ORALDOSE, '');
  assert.is(adsl?.ORALDURD, '170'); // 2019-03-20 .. 2019-09-05 inclusive
});

test.run();
