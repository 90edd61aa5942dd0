/**
 * Incidence by SOC/PT on a hand-built case: 3 subjects in arm A, 2 in arm B (B has no events).
 *   S1 (A): Nausea ×2 (GI), Headache (Nervous)      S2 (A): Nausea (GI), Vomiting (GI)
 *   S3 (A): Dizziness (Nervous)                      S4, S5 (B): none
 * Hand count (subjects, counted once): GI: S1, S2 → 2; Nervous: S1, S3 → 2 (tie with GI → alphabetical:
 * "Gastrointestinal disorders" before "Nervous system disorders"); Nausea 2 (S1 twice counts once),
 * Vomiting 1; Dizziness 1, Headache 1 (tie → alphabetical). Any event: 3 of 3 in A (100 %), 0 of 2 in B
 * (0 (0.0 %), a record, not a blank). Total N = 5.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ArdRecord } from '../../src/core/ard.ts';
import { aeBySocPt } from '../../src/tables/ae-by-soc-pt.ts';
import { populationGroups } from '../../src/tables/population-groups.ts';

const subj = (id: string, arm: string) => ({ USUBJID: id, ARMCD: arm, ARM: arm, ACTARMCD: arm, TRT01P: arm, TRT01A: arm });
const adsl = [subj('S1', 'A'), subj('S2', 'A'), subj('S3', 'A'), subj('S4', 'B'), subj('S5', 'B')];
const arms = [{ code: 'A', label: 'Arm A' }, { code: 'B', label: 'Arm B' }];
const GI = 'Gastrointestinal disorders', NS = 'Nervous system disorders';
const ev = (id: string, soc: string, pt: string) => ({ USUBJID: id, AEBODSYS: soc, AEDECOD: pt });
const events = [ev('S1', GI, 'Nausea'), ev('S1', GI, 'Nausea'), ev('S1', NS, 'Headache'), ev('S2', GI, 'Nausea'), ev('S2', GI, 'Vomiting'), ev('S3', NS, 'Dizziness')];

const g = populationGroups(adsl, arms, 'actual', () => true);
const res = aeBySocPt(events, g.groups, { analysis: 'x', population: 'SAF' });
const val = (parameter: string, category: string | null, group: string, statistic: string) =>
  res.records.find((r: ArdRecord) => r.parameter === parameter && r.category === category && r.group === group && r.statistic === statistic)?.value;

test('aeBySocPt: SOC order by descending total, ties alphabetical; PTs likewise', () => {
  assert.equal(res.order.map((s) => [s.soc, s.total]), [[GI, 2], [NS, 2]]);
  assert.equal(res.order[0].terms.map((t) => [t.term, t.total]), [['Nausea', 2], ['Vomiting', 1]]);
  assert.equal(res.order[1].terms.map((t) => [t.term, t.total]), [['Dizziness', 1], ['Headache', 1]]);
});

test('aeBySocPt: a subject with a repeated PT is counted once', () => {
  assert.is(val('AEDECOD', 'Nausea', 'Arm A', 'n'), 2);
  assert.is(val('AEBODSYS', GI, 'Arm A', 'n'), 2);
  assert.is(val('AEBODSYS', NS, 'Total', 'n'), 2);
  assert.is(val('ANY', null, 'Arm A', 'n'), 3);
  assert.is(val('ANY', null, 'Arm A', 'pct'), 1);
  assert.is(val('ANY', null, 'Total', 'pct'), 3 / 5);
});

test('aeBySocPt: the zero-event arm gets n = 0 and pct = 0 records for every row', () => {
  const b = res.records.filter((r) => r.group === 'Arm B');
  assert.is(b.length, 2 * (1 + 2 + 4)); // (any + 2 SOCs + 4 PTs) × (n, pct)
  assert.ok(b.every((r) => r.value === 0));
});

test('aeBySocPt: every PT has a pooled record naming its SOC', () => {
  assert.is(res.records.find((r) => r.parameter === 'AEDECOD' && r.category === 'Headache' && r.statistic === 'soc')?.value, NS);
});

test.run();
