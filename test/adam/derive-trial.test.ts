/**
 * ADSL → ADLB → ADRS → ADTTE on a hand-built 7-subject lock with the issue's edge cases. Day 1 =
 * 2019-03-01 for every dosed subject; study day n is 2019-03-01 + (n − 1) days (computed by hand:
 * day 29 = 2019-03-29, day 57 = 2019-04-26, day 85 = 2019-05-24, day 169 = 2019-08-16, day 200 =
 * 2019-09-16). Baseline for all: UP24 4.0 g/24h, ALB 25 g/L, SCr 80 µmol/L (1.15 × 80 = 92).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { deriveAdam } from '../../src/adam/derive-adam.ts';
import { adamToCsv } from '../../src/adam/derive-adam.ts';
import type { LbRecord } from '../../src/cdisc/sdtm.ts';
import { assertClose } from '../helpers/close.ts';
import { cm, dm, ds, ex, lb, lock, supp, trialPlan } from './factories.ts';

const day = (n: number) => {
  const dates: Record<number, string> = { [-2]: '2019-02-27', 1: '2019-03-01', 29: '2019-03-29', 50: '2019-04-19', 57: '2019-04-26', 60: '2019-04-29', 70: '2019-05-09', 85: '2019-05-24', 169: '2019-08-16', 200: '2019-09-16' };
  return dates[n];
};
function renal(s: string, d: number, prot: string, alb: string, creat: string, creatUnit = 'umol/L'): LbRecord[] {
  return [
    lb(s, 'PROT', prot, 'g/24h', day(d), { LBENDTC: null }),
    lb(s, 'ALB', alb, 'g/L', day(d)),
    lb(s, 'CREAT', creat, creatUnit, day(d), creatUnit === 'mg/dL' ? { LBSTRESN: Number(creat) * 88.4 } : {}),
  ];
}
const baseline = (s: string) => renal(s, -2, '4.0', '25', '80');
const ids = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7'].map((x) => `NCT03580291-01-000${x.slice(1)}`);
const [S1, S2, S3, S4, S5, S6, S7] = ids;

const data = lock({
  dm: ids.map((u) => (u === S6 ? dm(u, { ACTARMCD: 'NOTTRT', ACTARM: 'Not Treated', RFSTDTC: null }) : u === S2 ? dm(u, { ARMCD: 'MMF', ARM: 'MMF', ACTARMCD: 'MMF', ACTARM: 'MMF', DTHFL: 'Y', DTHDTC: { text: day(60), precision: 'day', year: 2019, month: 4, day: 29, hour: null, minute: null, second: null } }) : dm(u))),
  suppdm: [...ids.map((u) => supp(u, 'RANDDT', '2019-02-27')), ...ids.map((u) => supp(u, 'STRATUM', 'III/IV, UP>=3.5')), supp(S5, 'PPEXCL', 'Y')],
  // Daily tablets (EXDOSFRQ QD, mg/day): a dosing record the exposure variables count, so no EX warning.
  ex: ids.filter((u) => u !== S6).map((u) => ({ ...ex(u, 'UC-MSC', '2019-03-01', '2019-08-20', 2), EXDOSFRQ: 'QD' })),
  ds: [ds(S2, 'DEATH', day(60)), ds(S7, 'LACK OF EFFICACY', day(70)), ds(S1, 'COMPLETED', '2019-08-20')],
  cm: [cm(S3, 'RITUXIMAB', day(50)), cm(S1, 'PREDNISONE', day(50), 'CONCOMITANT')],
  lb: [
    ...baseline(S1), ...renal(S1, 29, '2.0', '31', '84'), ...renal(S1, 169, '<0.05', '36', '1.0', 'mg/dL'),
    ...baseline(S2), ...renal(S2, 29, '1.5', '31', '85'),
    ...baseline(S3), ...renal(S3, 29, '0.5', '30', '90'), ...renal(S3, 85, '0.3', '40', '80'), ...renal(S3, 169, '0.3', '40', '80'),
    lb(S4, 'ALB', '25', 'g/L', day(-2)), lb(S4, 'CREAT', '80', 'umol/L', day(-2)), ...renal(S4, 169, '0.3', '40', '80'),
    ...baseline(S5), ...renal(S5, 169, '0.5', '36', '92'), ...renal(S5, 200, '0.2', '40', '80'),
    ...baseline(S6),
    ...baseline(S7), ...renal(S7, 29, '3.0', '28', '80'),
  ],
});
const plan = trialPlan();
const { datasets, issues } = deriveAdam(data, plan);
const rs = (u: string, paramcd: string, visit: string) => datasets.adrs.find((r) => r.USUBJID === u && r.PARAMCD === paramcd && r.AVISIT === visit)!;

test('deriveAdsl: analysis sets — never-dosed subject is ITT but not FAS/SAF; PPEXCL excludes from PP', () => {
  const a = (u: string) => datasets.adsl.find((s) => s.USUBJID === u)!;
  assert.equal([a(S6).ITTFL, a(S6).FASFL, a(S6).SAFFL, a(S6).TRT01A], ['Y', 'N', 'N', null]);
  assert.equal([a(S1).ITTFL, a(S1).FASFL, a(S1).SAFFL, a(S1).PPROTFL, a(S1).TRTSDT, a(S1).RANDDT], ['Y', 'Y', 'Y', 'Y', '2019-03-01', '2019-02-27']);
  assert.is(a(S5).PPROTFL, 'N'); // evaluable at week 24 but PPEXCL = Y
  assert.is(a(S4).PPROTFL, 'N'); // week 24 not evaluable (baseline UP24 missing)
  assert.equal([a(S2).DTHFL, a(S2).DTHDT, a(S2).EOSSTT, a(S2).DCSREAS, a(S2).TRT01PN], ['Y', '2019-04-29', 'DISCONTINUED', 'DEATH', 1]);
  assert.equal([a(S3).RESCFL, a(S3).RESCDT, a(S3).RESCTRT], ['Y', '2019-04-19', 'RITUXIMAB']);
  assert.is(a(S1).RESCFL, 'N'); // prednisone is background medication, not rescue
  assert.is(a(S1).STRATUM, 'III/IV, UP>=3.5');
});

test('deriveAdlb: creatinine in mg/dL converted from LBORRES (1.0 × 88.4 = 88.4), original kept, no cross-check issue', () => {
  const r = datasets.adlb.find((x) => x.USUBJID === S1 && x.PARAMCD === 'CREAT' && x.AVISIT === 'Week 24')!;
  assert.equal([r.AVAL, r.AVALU, r.LBORRES, r.LBORRESU, r.CONVFCT, r.BASE, r.ADY], [88.4, 'umol/L', '1.0', 'mg/dL', 88.4, 80, 169]);
  assert.is(r.CHG, 88.4 - 80);
  assert.is(issues.length, 0);
});
test('deriveAdlb: qualifier <0.05 kept in AVALC/AQUAL with AVAL = limit', () => {
  const r = datasets.adlb.find((x) => x.USUBJID === S1 && x.PARAMCD === 'PROT' && x.AVISIT === 'Week 24')!;
  assert.equal([r.AVAL, r.AVALC, r.AQUAL, r.ANL01FL], [0.05, '<0.05', '<', 'Y']);
});
test('deriveAdlb: baseline flag on day −2, PCHG = 100 × (2.0 − 4.0)/4.0 = −50', () => {
  const b = datasets.adlb.find((x) => x.USUBJID === S1 && x.PARAMCD === 'PROT' && x.ABLFL === 'Y')!;
  assert.equal([b.ADY, b.AVISIT, b.AVAL], [-2, 'Baseline', 4]);
  const w4 = datasets.adlb.find((x) => x.USUBJID === S1 && x.PARAMCD === 'PROT' && x.AVISIT === 'Week 4')!;
  assert.is(w4.PCHG, -50);
});
test('deriveAdlb: a record on day 200 is outside every window, kept with ANL01FL blank', () => {
  const r = datasets.adlb.find((x) => x.USUBJID === S5 && x.PARAMCD === 'PROT' && x.ADY === 200)!;
  assert.equal([r.AVISIT, r.ANL01FL], [null, null]);
});
test('deriveAdlb: eGFR derived from each creatinine (CKD-EPI 2009, F 30 y, 80 µmol/L = 0.905 mg/dL)', () => {
  const e = datasets.adlb.find((x) => x.USUBJID === S1 && x.PARAMCD === 'EGFR' && x.ABLFL === 'Y')!;
  // Hand computation (Python floats): 80/88.4 = 0.904977 mg/dL; (0.904977/0.7)^−1.209 = 0.733075;
  // 0.993^30 = 0.809986; 141 × 0.733075 × 0.809986 × 1.018 = 85.2301 (python: 85.23007488480002)
  assertClose(e.AVAL, 85.23007488480002, { rel: 1e-9 }, 'eGFR');
  assert.match(e.PARAM, 'CKD-EPI 2009');
});

test('deriveAdrs: S1 week 24 UP24 <0.05, ALB 36, SCr 88.4 ≤ 92 → CR; week 4 UP24 2.0 = exactly 50 % drop → NR-CRITERIA', () => {
  assert.equal([rs(S1, 'RENALRSP', 'Week 24').AVALC, rs(S1, 'RENALRSP', 'Week 24').RSNREAS, rs(S1, 'TOTREM', 'Week 24').AVALC, rs(S1, 'COMPREM', 'Week 24').AVALC], ['CR', 'CR', 'Y', 'Y']);
  const w4 = rs(S1, 'RENALRSP', 'Week 4');
  assert.equal([w4.AVALC, w4.RSNREAS, w4.RSNDTL], ['NR', 'NR-CRITERIA', 'failed: UP24 reduction <= 50%']);
  assert.equal([rs(S1, 'RENALRSP', 'Week 24').UP24, rs(S1, 'RENALRSP', 'Week 24').SCR], ['<0.05', '88.4']);
});
test('deriveAdrs: S2 dies on day 60 (before week 12) → week 12 and 24 NR-DEATH; week 4 (UP24 1.5, ALB 31) PR', () => {
  assert.is(rs(S2, 'RENALRSP', 'Week 4').AVALC, 'PR');
  assert.equal([rs(S2, 'RENALRSP', 'Week 12').AVALC, rs(S2, 'RENALRSP', 'Week 12').RSNREAS], ['NR', 'NR-DEATH']);
  assert.is(rs(S2, 'TOTREM', 'Week 24').RSNREAS, 'NR-DEATH');
});
test('deriveAdrs: S3 rescued on day 50 (week 8) → weeks 8–24 NR-RESCUE despite CR-level labs; week 4 UP24 0.5 at threshold → PR', () => {
  assert.is(rs(S3, 'RENALRSP', 'Week 4').AVALC, 'PR');
  for (const v of ['Week 8', 'Week 12', 'Week 24']) assert.equal([rs(S3, 'RENALRSP', v).AVALC, rs(S3, 'RENALRSP', v).RSNREAS], ['NR', 'NR-RESCUE']);
  assert.match(rs(S3, 'RENALRSP', 'Week 12').RSNDTL!, 'RITUXIMAB');
});
test('deriveAdrs: S4 baseline UP24 missing → NR-MISSING with DTYPE NRI', () => {
  const r = rs(S4, 'RENALRSP', 'Week 24');
  assert.equal([r.AVALC, r.RSNREAS, r.DTYPE, r.RSNDTL], ['NR', 'NR-MISSING', 'NRI', 'missing: UP24 baseline']);
});
test('deriveAdrs: S5 week 24 UP24 0.5 (not < 0.5), ALB 36, SCr 92 = 1.15 × BL → PR; out-of-window day 200 not used', () => {
  assert.equal([rs(S5, 'RENALRSP', 'Week 24').AVALC, rs(S5, 'RENALRSP', 'Week 24').ADT], ['PR', '2019-08-16']);
});
test('deriveAdrs: S6 never dosed → NR-MISSING at every visit; S7 discontinued for lack of efficacy day 70 → week 12 NR-DISC-LOE', () => {
  assert.is(rs(S6, 'RENALRSP', 'Week 24').RSNREAS, 'NR-MISSING');
  assert.is(rs(S7, 'RENALRSP', 'Week 12').RSNREAS, 'NR-DISC-LOE');
  assert.is(rs(S7, 'RENALRSP', 'Week 4').RSNREAS, 'NR-CRITERIA');
});
test('deriveAdrs: switching the plan definition changes the parameter label and results', () => {
  const alt = { ...plan, response: { ...plan.response, definition: 'KDIGO2021' as const, alternatives: [] } };
  const d2 = deriveAdam(data, alt).datasets.adrs.find((r) => r.USUBJID === S1 && r.PARAMCD === 'RENALRSP' && r.AVISIT === 'Week 24')!;
  assert.equal([d2.PARCAT1, d2.AVALC, d2.RSNREAS], ['KDIGO2021', 'NR', 'NR-MISSING']); // no UPCR collected in this lock
  assert.ok(datasets.adrs.some((r) => r.PARAMCD === 'RRKDIGO'));
});

test('deriveAdtte: S1 TTPRCR event at week 24 (origin RANDDT 2019-02-27 → 2019-08-16 = day 171)', () => {
  const t = datasets.adtte.find((r) => r.USUBJID === S1 && r.PARAMCD === 'TTPRCR')!;
  assert.equal([t.CNSR, t.EVNTSTAT, t.ADT, t.AVAL, t.STARTDT], [0, 1, '2019-08-16', 171, '2019-02-27']);
});
test('deriveAdtte: S2 event PR at week 4 for TTPRCR; TTCR competing event death (CNSR 3, EVNTSTAT 2)', () => {
  const p = datasets.adtte.find((r) => r.USUBJID === S2 && r.PARAMCD === 'TTPRCR')!;
  assert.equal([p.CNSR, p.ADT, p.AVAL], [0, '2019-03-29', 31]);
  const c = datasets.adtte.find((r) => r.USUBJID === S2 && r.PARAMCD === 'TTCR')!;
  assert.equal([c.CNSR, c.EVNTSTAT, c.CMPEVFL, c.ADT, c.EVNTDESC], [3, 2, 'Y', '2019-04-29', 'DEATH']);
});
test('deriveAdtte: S7 withdrawal → CNSR 2 at the last adequate assessment (week 4, day 31 from RANDDT)', () => {
  const t = datasets.adtte.find((r) => r.USUBJID === S7 && r.PARAMCD === 'TTPRCR')!;
  assert.equal([t.CNSR, t.EVNTSTAT, t.ADT, t.AVAL, t.CNSDTDSC], [2, 0, '2019-03-29', 31, 'LAST ADEQUATE RENAL ASSESSMENT']);
});
test('deriveAdtte: S4 no event, no adequate assessment → CNSR 1 at origin (AVAL 1)', () => {
  const t = datasets.adtte.find((r) => r.USUBJID === S4 && r.PARAMCD === 'TTCR')!;
  assert.equal([t.CNSR, t.AVAL], [1, 1]);
});

test('adamToCsv: sorted by keys, stable columns, identical text on a second derivation', () => {
  const a = adamToCsv(datasets), b = adamToCsv(deriveAdam(data, plan).datasets);
  assert.ok(a.adrs.equals(b.adrs));
  const lines = a.adsl.toString('utf8').trim().split('\n');
  assert.ok(lines[0].startsWith('STUDYID,USUBJID,SUBJID,SITEID,AGE'));
  assert.equal(lines.slice(1).map((l) => l.split(',')[1]), [...ids].sort());
});

test.run();
