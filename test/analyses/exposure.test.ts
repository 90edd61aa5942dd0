/** Exposure: days on treatment = TRTEDT − TRTSDT + 1 (hand), TRTDURD when given, safety set by actual arm. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ArdRecord } from '../../src/core/ard.ts';
import { computeExposure, exposureSections, treatmentDays } from '../../analyses/exposure.ts';
import { openRecords } from '../../src/report/blinding.ts';
import { adsl, input } from './factories.ts';

const one = (ard: readonly ArdRecord[], q: Partial<ArdRecord>) => {
  const v = ard.filter((r) => (Object.keys(q) as (keyof ArdRecord)[]).every((k) => r[k] === q[k]));
  assert.is(v.length, 1, JSON.stringify(q));
  return v[0].value;
};

test('treatmentDays: inclusive calendar days, leap year, TRTDURD preferred, missing → null', () => {
  assert.is(treatmentDays({ TRTSDT: '2020-02-28', TRTEDT: '2020-03-01' }), 3); // 28, 29 Feb, 1 Mar
  assert.is(treatmentDays({ TRTSDT: '2020-01-01', TRTEDT: '2020-01-01' }), 1);
  assert.is(treatmentDays({ TRTSDT: '2020-01-01', TRTEDT: null }), null);
  assert.is(treatmentDays({ TRTSDT: '2020-01-01', TRTEDT: '2020-01-05', TRTDURD: 7 }), 7);
});

test('computeExposure: by actual arm in the safety set; dose rows only when the data carry doses', () => {
  // A planned, B actual for S2 → S2 counts in arm B. S3 not in SAF. Durations: S1 10 d (1–10 Jan), S2 31 d.
  const ard = computeExposure(input([adsl('S1', 'A'), adsl('S2', 'A', { ACTARMCD: 'B', TRTEDT: '2020-01-31' }), adsl('S3', 'B', { SAFFL: 'N' })]));
  assert.is(one(ard, { parameter: 'SUBJECTS', group: 'Arm B', statistic: 'N' }), 1);
  // The header N's trace: S2, randomised to A, is analysed as treated in B; S3 (randomised to B) is not in the safety set.
  const header = (group: string) => ard.find((r) => r.parameter === 'SUBJECTS' && r.group === group && r.statistic === 'N')?.subjects;
  assert.equal(header('Arm A'), { counted: [{ id: 'S1', reason: 'SAFFL = Y' }], notCounted: [{ id: 'S2', reason: 'SAFFL = Y, analysed as treated in the column “Arm B”' }] });
  assert.equal(header('Arm B'), { counted: [{ id: 'S2', reason: 'SAFFL = Y', values: 'randomised to Arm A' }], notCounted: [{ id: 'S3', reason: 'SAFFL = N' }] });
  assert.equal(header('Total'), { counted: [{ id: 'S1', reason: 'SAFFL = Y' }, { id: 'S2', reason: 'SAFFL = Y' }], notCounted: [{ id: 'S3', reason: 'SAFFL = N' }] });
  assert.is(one(ard, { parameter: 'TRTDUR', group: 'Arm A', statistic: 'mean' }), 10);
  assert.is(one(ard, { parameter: 'TRTDUR', group: 'Arm B', statistic: 'mean' }), 31);
  assert.is(one(ard, { parameter: 'TRTDUR', group: 'Total', statistic: 'median' }), 20.5);
  assert.is(ard.filter((r) => r.parameter === 'CUMDOSE').length, 0);
});

test('exposure from EX: infusion given n (%), cell dose and oral dose by arm in the closed report only', () => {
  const i = input([
    adsl('S1', 'A', { INFUSFL: 'Y', CELLDOSE: 2, ORALDURD: 168, ORALDOSE: 0, ORALCOMP: 100 }),
    adsl('S2', 'B', { INFUSFL: 'Y', CELLDOSE: null, ORALDURD: 84, ORALDOSE: 168, ORALCOMP: 50 }),
    adsl('S3', 'B', { INFUSFL: 'N', CELLDOSE: null, ORALDURD: 168, ORALDOSE: 336, ORALCOMP: 100 }),
  ]);
  const ard = computeExposure(i);
  assert.is(one(ard, { parameter: 'INFUSFL', category: 'Y', group: 'Arm B', statistic: 'n' }), 1);
  assert.is(one(ard, { parameter: 'INFUSFL', category: 'Y', group: 'Total', statistic: 'pct' }), 2 / 3);
  // The infusion count lists who was infused and, in its denominator, who was not.
  assert.equal(ard.find((r) => r.parameter === 'INFUSFL' && r.group === 'Arm B' && r.statistic === 'n')?.subjects, { counted: [{ id: 'S2', reason: 'ADSL INFUSFL = Y' }], notCounted: [{ id: 'S3', reason: 'ADSL INFUSFL = N' }] });
  assert.is(one(ard, { parameter: 'CELLDOSE', group: 'Arm A', statistic: 'mean' }), 2);
  assert.is(one(ard, { parameter: 'CELLDOSE', group: 'Arm B', statistic: 'n' }), 0);
  assert.is(one(ard, { parameter: 'ORALDOSE', group: 'Arm B', statistic: 'mean' }), 252);
  assert.is(one(ard, { parameter: 'ORALCOMP', group: 'Total', statistic: 'median' }), 100);
  // Arm-specific doses have no Total: pooling MMF grams with placebo zeros describes no dose given.
  assert.is(ard.filter((r) => (r.parameter === 'CELLDOSE' || r.parameter === 'ORALDOSE') && r.group === 'Total' && r.statistic !== 'label').length, 0);
  // The trial's arm words as identifiers: an open-report row whose label names an arm would be dropped.
  const ids = { armLabels: ['Arm A', 'Arm B', 'UC-MSC', 'MMF'], armCodes: ['A', 'B', 'MSC'] };
  const text = (blinding: 'open' | 'closed') => JSON.stringify(exposureSections(blinding === 'open' ? openRecords(ard, ids) : ard, { plan: i.plan, arms: i.arms, blinding }));
  assert.ok(text('closed').includes('UC-MSC dose delivered') && text('closed').includes('Cumulative oral dose'));
  assert.not.ok(text('open').includes('UC-MSC dose delivered') || text('open').includes('Cumulative oral dose'), 'dose rows reveal the arm');
  assert.ok(text('open').includes('Oral treatment adherence') && text('open').includes('Study infusion given') && text('open').includes('Days with oral study drug'));
  const closed = exposureSections(ard, { plan: i.plan, arms: i.arms, blinding: 'closed' })[0].blocks[0];
  assert.ok(closed.kind === 'table');
  if (closed.kind !== 'table') return;
  const row = (heading: string, label: string) => {
    const at = closed.table.rows.findIndex((r) => r.label.startsWith(heading));
    return closed.table.rows.slice(at + 1).find((r) => r.label === label)?.cells;
  };
  assert.equal(row('Cumulative oral dose', 'Mean (SD)'), ['0.0 (–)', '252.0 (118.79)', '–']);
  assert.equal(row('UC-MSC dose delivered', 'n'), ['1', '0', '–']);
  assert.equal(row('Oral treatment adherence', 'n'), ['1', '2', '3'], 'a parameter of both arms keeps its Total');
  assert.ok(closed.table.footnotes.some((f) => f.startsWith('Total: not given (–) for the UC-MSC dose and the cumulative oral dose')));
  assert.ok(closed.table.footnotes.some((f) => f.includes('the earliest of end of study, the data cut and the planned treatment length') && f.includes('taken up to the earlier of end of study and the data cut')));
});

test.run();
