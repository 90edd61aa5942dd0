/**
 * Population traces of the header N (issue 10, closed report) on hand-built ADSL, expected lists written by
 * hand: the set's subjects per column with their flag; the randomised subjects of the arm left out with the
 * reason (not dosed, the flag, analysed as treated elsewhere, an actual arm outside the plan); none for ITT;
 * the header-N records refuse a trace that does not list the group's subjects.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '../../src/core/errors.ts';
import { headerNRecords } from '../../src/tables/count-subjects.ts';
import { populationGroups } from '../../src/tables/population-groups.ts';
import { FullAnalysisSet, notDosedReason, populationTraces, RandomisedSet, SafetySet, type PopulationSubject } from '../../src/tables/population-trace.ts';

const arms = [{ code: 'P', label: 'Placebo' }, { code: 'D', label: 'Drug' }];
const label = (code: string | null) => arms.find((a) => a.code === code)?.label ?? null;
const s = (id: string, planned: string | null, over: Partial<PopulationSubject> = {}): PopulationSubject => ({
  USUBJID: id, ARMCD: planned, ARM: label(planned), ACTARMCD: planned, TRT01P: label(planned), TRT01A: label(planned),
  ITTFL: 'Y', FASFL: 'Y', SAFFL: 'Y', PPROTFL: 'Y', TRTSDT: '2020-01-01', ...over,
});

// P1 in every set; P2 randomised to Placebo, never dosed; P3 randomised to Placebo, treated with Drug; D1 in
// every set; D2 randomised to Drug, dosed but flagged out of the FAS; D3 randomised to Drug, treated with an
// unplanned regimen; X1 screen failure (not randomised, no arm).
const adsl = [
  s('P1', 'P'),
  s('P2', 'P', { FASFL: 'N', SAFFL: 'N', PPROTFL: 'N', TRTSDT: null, ACTARMCD: null, TRT01A: null }),
  s('P3', 'P', { ACTARMCD: 'D', TRT01A: 'Drug' }),
  s('D1', 'D'),
  s('D2', 'D', { FASFL: 'N', PPROTFL: 'N' }),
  s('D3', 'D', { ACTARMCD: 'U', TRT01A: 'Unplanned' }),
  s('X1', null, { ITTFL: 'N', FASFL: 'N', SAFFL: 'N', PPROTFL: 'N', TRTSDT: null }),
];

test('notDosedReason: the flag, and "not dosed" when ADSL has no treatment start', () => {
  assert.is(notDosedReason('FASFL', { ITTFL: 'Y', FASFL: 'N', SAFFL: 'N', PPROTFL: 'N', TRTSDT: null }), 'FASFL = N: not dosed, no ADSL TRTSDT');
  assert.is(notDosedReason('SAFFL', { ITTFL: 'Y', FASFL: 'Y', SAFFL: null, PPROTFL: 'N', TRTSDT: '2020-01-01' }), 'SAFFL = empty');
});

test('FAS by planned arm: the set per arm, the randomised subjects of the arm left out with the reason; Total both together', () => {
  const g = populationGroups(adsl, arms, 'planned', (x) => x.FASFL === 'Y');
  const t = populationTraces(adsl, arms, g.groups, FullAnalysisSet);
  assert.equal(t.get('Placebo'), { counted: [{ id: 'P1', reason: 'FASFL = Y' }, { id: 'P3', reason: 'FASFL = Y' }], notCounted: [{ id: 'P2', reason: 'FASFL = N: not dosed, no ADSL TRTSDT' }] });
  assert.equal(t.get('Drug'), { counted: [{ id: 'D1', reason: 'FASFL = Y' }, { id: 'D3', reason: 'FASFL = Y' }], notCounted: [{ id: 'D2', reason: 'FASFL = N' }] });
  assert.equal(t.get('Total')?.counted.map((x) => x.id), ['D1', 'D3', 'P1', 'P3']);
  assert.equal(t.get('Total')?.notCounted?.map((x) => x.id), ['D2', 'P2'], 'the screen failure X1 is no arm\'s randomised subject');
});

test('safety set by actual arm: a subject treated with the other arm is counted there (with its randomised arm) and listed as left out of its own; an unplanned regimen is in no column', () => {
  const g = populationGroups(adsl, arms, 'actual', (x) => x.SAFFL === 'Y');
  const t = populationTraces(adsl, arms, g.groups, SafetySet);
  assert.equal(t.get('Placebo'), {
    counted: [{ id: 'P1', reason: 'SAFFL = Y' }],
    notCounted: [{ id: 'P2', reason: 'SAFFL = N: not dosed, no ADSL TRTSDT' }, { id: 'P3', reason: 'SAFFL = Y, analysed as treated in the column “Drug”' }],
  });
  assert.equal(t.get('Drug'), {
    counted: [{ id: 'D1', reason: 'SAFFL = Y' }, { id: 'D2', reason: 'SAFFL = Y' }, { id: 'P3', reason: 'SAFFL = Y', values: 'randomised to Placebo' }],
    notCounted: [{ id: 'D3', reason: 'SAFFL = Y, its actual arm is none of the plan\'s arms (in no column)' }],
  });
  // In Total, P3 is counted (no "randomised to": Total has every arm); D3 and P2 are left out.
  assert.equal(t.get('Total')?.counted.find((x) => x.id === 'P3'), { id: 'P3', reason: 'SAFFL = Y' });
  assert.equal(t.get('Total')?.notCounted?.map((x) => x.id), ['D3', 'P2']);
});

test('ITT: every randomised subject of the arm, no list of subjects left out', () => {
  const g = populationGroups(adsl, arms, 'planned', (x) => x.ITTFL === 'Y');
  const t = populationTraces(adsl, arms, g.groups, RandomisedSet);
  assert.equal(t.get('Placebo'), { counted: ['P1', 'P2', 'P3'].map((id) => ({ id, reason: 'ITTFL = Y' })) });
  assert.is(t.get('Total')?.counted.length, 6);
});

test('header-N records carry the trace of their group, and refuse one that does not list exactly its subjects', () => {
  const g = populationGroups(adsl, arms, 'planned', (x) => x.FASFL === 'Y');
  const t = populationTraces(adsl, arms, g.groups, FullAnalysisSet);
  const key = { analysis: 'a', population: 'FAS', parameter: 'SUBJECTS' };
  const records = headerNRecords(key, g.groups, t);
  assert.equal(records.map((r) => [r.group, r.value, r.subjects?.counted.length]), [['Placebo', 2, 2], ['Drug', 2, 2], ['Total', 4, 4]]);
  assert.ok(headerNRecords(key, g.groups).every((r) => !('subjects' in r)), 'untraced without traces');
  const wrong = new Map(t);
  wrong.set('Drug', t.get('Placebo')!);
  assert.throws(() => headerNRecords(key, g.groups, wrong), (e: unknown) => e instanceof InputError && /group "Drug"/.test(e.message));
  assert.throws(() => headerNRecords(key, g.groups, new Map()), (e: unknown) => e instanceof InputError && e.argument === 'traces');
});

test('a group that is no arm, or a subject missing from ADSL, is an error', () => {
  assert.throws(() => populationTraces(adsl, arms, [{ label: 'Other', subjects: new Set(['P1']) }], FullAnalysisSet), (e: unknown) => e instanceof InputError && /neither an arm/.test(e.message));
  assert.throws(() => populationTraces(adsl, arms, [{ label: 'Drug', subjects: new Set(['ZZ']) }], FullAnalysisSet), (e: unknown) => e instanceof InputError && /not in ADSL/.test(e.message));
});

test.run();
