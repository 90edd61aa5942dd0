/**
 * Generic counting pieces on hand-built data: population groups (arm by code, else by label), header N,
 * categorical summary with a Missing level, worst grade per subject and the shift table.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ArdRecord } from '../../src/core/ard.ts';
import { InputError } from '../../src/core/errors.ts';
import { headerNRecords } from '../../src/tables/count-subjects.ts';
import { countByWorstLevel, worstLevelBySubject } from '../../src/tables/max-grade.ts';
import { armOfSubject, populationGroups } from '../../src/tables/population-groups.ts';
import { shiftTable } from '../../src/tables/shift-table.ts';
import { summarizeCategorical } from '../../src/tables/summarize-categorical.ts';
import { summarizeContinuous } from '../../src/tables/summarize-continuous.ts';

const s = (id: string, code: string | null, label: string | null) => ({ USUBJID: id, ARMCD: code, ARM: label, ACTARMCD: code, TRT01P: label, TRT01A: label });
const arms = [{ code: 'P', label: 'Placebo' }, { code: 'D', label: 'Drug' }];
const find = (rs: ArdRecord[], q: Partial<ArdRecord>) => rs.find((r) => (Object.keys(q) as (keyof ArdRecord)[]).every((k) => r[k] === q[k]))?.value;

test('armOfSubject: ARMCD when present, else the TRT01P/TRT01A label; unknown → null', () => {
  assert.is(armOfSubject(s('1', 'D', 'whatever'), arms, 'planned')?.label, 'Drug');
  assert.is(armOfSubject(s('2', null, 'Placebo'), arms, 'actual')?.code, 'P');
  assert.is(armOfSubject(s('3', 'X', 'Placebo'), arms, 'planned'), null);
});

test('populationGroups: Total is the sum of the arms; unassigned counted; N records', () => {
  const g = populationGroups([s('1', 'P', 'Placebo'), s('2', 'D', 'Drug'), s('3', 'D', 'Drug'), s('4', 'SF', 'Screen failure')], arms, 'planned', () => true);
  assert.equal(g.groups.map((x) => [x.label, x.subjects.size]), [['Placebo', 1], ['Drug', 2], ['Total', 3]]);
  assert.is(g.unassigned, 1);
  assert.equal(headerNRecords({ analysis: 'a', population: 'ITT', parameter: 'SUBJECTS' }, g.groups).map((r) => r.value), [1, 2, 3]);
  assert.throws(() => populationGroups([], [], 'planned', () => true), (e: unknown) => e instanceof InputError && e.argument === 'arms');
});

test('summarizeCategorical: levels then Missing, percentages of the group N (hand count)', () => {
  const g = populationGroups([s('1', 'P', 'Placebo'), s('2', 'P', 'Placebo'), s('3', 'D', 'Drug'), s('4', 'D', 'Drug')], arms, 'planned', () => true);
  // Placebo: F, missing; Drug: M, F. → F: 1/2, 1/2, Total 2/4; M: 0/2, 1/2; Missing: 1/2, 0/2, 1/4.
  const { levels, records } = summarizeCategorical(new Map([['1', 'F'], ['2', null], ['3', 'M'], ['4', 'F']]), g.groups, { analysis: 'a', population: 'ITT', parameter: 'SEX' }, { order: ['F', 'M'] });
  assert.equal(levels, ['F', 'M']);
  assert.is(find(records, { category: 'M', group: 'Placebo', statistic: 'n' }), 0);
  assert.is(find(records, { category: 'M', group: 'Placebo', statistic: 'pct' }), 0);
  assert.is(find(records, { category: 'Missing', group: 'Total', statistic: 'pct' }), 0.25);
  assert.is(find(records, { category: 'F', group: 'Total', statistic: 'n' }), 2);
});

test('summarizeContinuous: n, nmiss, mean, sd by group (hand computed)', () => {
  const g = populationGroups([s('1', 'P', 'Placebo'), s('2', 'P', 'Placebo'), s('3', 'P', 'Placebo'), s('4', 'D', 'Drug')], arms, 'planned', () => true);
  // Placebo values 2, 4, missing: n 2, nmiss 1, mean 3, sd √2; Drug: 10 alone: sd null (n = 1).
  const r = summarizeContinuous(new Map([['1', 2], ['2', 4], ['3', null], ['4', 10]]), g.groups, { analysis: 'a', population: 'ITT', parameter: 'X' });
  assert.is(find(r, { group: 'Placebo', statistic: 'nmiss' }), 1);
  assert.is(find(r, { group: 'Placebo', statistic: 'mean' }), 3);
  assert.ok(Math.abs((find(r, { group: 'Placebo', statistic: 'sd' }) as number) - Math.SQRT2) < 1e-12);
  assert.is(find(r, { group: 'Drug', statistic: 'sd' }), null);
  assert.is(find(r, { group: 'Total', statistic: 'mean' }), 16 / 3);
});

test('worstLevelBySubject / countByWorstLevel: the worst grade, unknown grades → Missing only when no grade', () => {
  const ev = (id: string, g: string | null) => ({ USUBJID: id, g });
  const events = [ev('1', '1'), ev('1', '3'), ev('1', null), ev('2', null), ev('3', '2'), ev('3', '2')];
  assert.equal([...worstLevelBySubject(events, ['1', '2', '3'], (e) => e.g)].sort(), [['1', '3'], ['2', 'Missing'], ['3', '2']]);
  const g = populationGroups([s('1', 'P', 'Placebo'), s('2', 'P', 'Placebo'), s('3', 'D', 'Drug')], arms, 'planned', () => true);
  const r = countByWorstLevel(events, g.groups, ['1', '2', '3'], (e) => e.g, { analysis: 'a', population: 'SAF', parameter: 'ANY' });
  assert.is(find(r, { category: '3', group: 'Placebo', statistic: 'n' }), 1);
  assert.is(find(r, { category: 'Missing', group: 'Placebo', statistic: 'n' }), 1);
  assert.is(find(r, { category: '2', group: 'Drug', statistic: 'n' }), 1);
  assert.is(find(r, { category: '1', group: 'Total', statistic: 'n' }), 0);
});

test('shiftTable: each subject in exactly one cell; subjects without data in Missing -> Missing', () => {
  const g = populationGroups([s('1', 'P', 'Placebo'), s('2', 'P', 'Placebo'), s('3', 'D', 'Drug')], arms, 'actual', () => true);
  const r = shiftTable(new Map([['1', { baseline: '0', worst: '2' }], ['3', { baseline: '1', worst: null }]]), g.groups, ['0', '1', '2'], { analysis: 'a', population: 'SAF', parameter: 'ALT' });
  assert.is(find(r, { category: '0 -> 2', group: 'Placebo', statistic: 'n' }), 1);
  assert.is(find(r, { category: 'Missing -> Missing', group: 'Placebo', statistic: 'n' }), 1);
  assert.is(find(r, { category: '1 -> Missing', group: 'Drug', statistic: 'pct' }), 1);
  const placeboTotal = r.filter((x) => x.group === 'Placebo' && x.statistic === 'n').reduce((a, x) => a + (x.value as number), 0);
  assert.is(placeboTotal, 2);
  assert.is(r.filter((x) => x.statistic === 'n').length, 16 * 3);
});

test.run();
