/**
 * The simulator's independent truth derivation (src/simulate/truth.ts) on small hand-built subjects.
 * Expected categories are worked out by hand from the CN24H rules and the estimand of the trial
 * conventions (domain.md 1.2, 3.5), shown next to each case.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { deriveTruth, type SubjectRows } from '../../src/simulate/truth.ts';
import type { Row } from '../../src/simulate/columns.ts';

const U = 'S-1';
/** Day 1 = 2019-03-01; week 24 target study day 169 = 2019-08-16; week 12 target day 85 = 2019-05-24. */
function lab(testcd: string, orres: string, unit: string, dtc: string, endtc: string | null = null): Row {
  return { USUBJID: U, LBTESTCD: testcd, LBORRES: orres, LBORRESU: unit, LBDTC: dtc, LBENDTC: endtc };
}
function subject(lb: Row[], extra: Partial<SubjectRows> = {}, dm: Row = {}): SubjectRows {
  return {
    dm: { USUBJID: U, ARMCD: 'MSC', ACTARMCD: 'MSC', RFSTDTC: '2019-03-01', DTHDTC: null, ...dm },
    suppdm: [{ QNAM: 'STRATUM', QVAL: 'III/IV, UP<3.5' }, { QNAM: 'LNCLASS', QVAL: 'IV' }],
    ds: [{ DSDECOD: 'RANDOMIZED', DSCAT: 'PROTOCOL MILESTONE', DSSTDTC: '2019-02-27' }],
    ex: [{ EXTRT: 'UC-MSC', EXSTDTC: '2019-03-01' }],
    cm: [],
    lb,
    ...extra,
  };
}
const baseline = [
  lab('PROT', '2.00', 'g/24h', '2019-02-27T07:00', '2019-02-28T07:00'),
  lab('ALB', '28.0', 'g/L', '2019-02-28T09:00'),
  lab('CREAT', '70', 'umol/L', '2019-02-28T09:00'),
];
function week24(prot: string, alb: string, creat: string, unit = 'umol/L'): Row[] {
  return [
    lab('PROT', prot, 'g/24h', '2019-08-15T07:00', '2019-08-16T07:00'),
    lab('ALB', alb, 'g/L', '2019-08-16T09:00'),
    lab('CREAT', creat, unit, '2019-08-16T09:00'),
  ];
}

test('deriveTruth: UP24 0.30, ALB 36, SCr 75 vs 70 (+7 %) → CR', () => {
  const t = deriveTruth(subject([...baseline, ...week24('0.30', '36.0', '75')]));
  assert.is(t.RESP24, 'CR');
  assert.is(t.REASON24, 'CR');
  assert.is(t.RESP12, 'NR');
  assert.is(t.REASON12, 'NR-MISSING');
  assert.is(t.PPROTFL, 'Y');
});

test("deriveTruth: '<0.5' satisfies UP24 < 0.5 → CR; ALB exactly 35 counts as ≥ 35", () => {
  assert.is(deriveTruth(subject([...baseline, ...week24('<0.5', '36.0', '70')])).RESP24, 'CR');
  assert.is(deriveTruth(subject([...baseline, ...week24('0.30', '35.0', '70')])).RESP24, 'CR');
});

test('deriveTruth: UP24 exactly 0.50 (not < 0.5), drop 75 % → PR; ALB exactly 30 in PR → PR', () => {
  assert.is(deriveTruth(subject([...baseline, ...week24('0.50', '38.0', '70')])).RESP24, 'PR');
  assert.is(deriveTruth(subject([...baseline, ...week24('0.80', '30.0', '70')])).RESP24, 'PR');
});

test('deriveTruth: gap case UP24 0.30 with ALB 32.5 → PR; ALB 29.9 → NR-CRITERIA', () => {
  assert.is(deriveTruth(subject([...baseline, ...week24('0.30', '32.5', '70')])).RESP24, 'PR');
  assert.is(deriveTruth(subject([...baseline, ...week24('0.30', '29.9', '70')])).REASON24, 'NR-CRITERIA');
});

test('deriveTruth: reduction exactly 50 % (2.00 → 1.00) is not > 50 % → NR-CRITERIA; 0.99 → PR', () => {
  assert.is(deriveTruth(subject([...baseline, ...week24('1.00', '38.0', '70')])).REASON24, 'NR-CRITERIA');
  assert.is(deriveTruth(subject([...baseline, ...week24('0.99', '38.0', '70')])).RESP24, 'PR');
});

test('deriveTruth: creatinine in mg/dL — 0.70 → 0.85 mg/dL is a 21 % rise (> 15 %) → NR; 0.70 → 0.80 (+14 %) → CR', () => {
  const bl = [baseline[0], baseline[1], lab('CREAT', '0.70', 'mg/dL', '2019-02-28T09:00')];
  assert.is(deriveTruth(subject([...bl, ...week24('0.30', '36.0', '0.85', 'mg/dL')])).REASON24, 'NR-CRITERIA');
  assert.is(deriveTruth(subject([...bl, ...week24('0.30', '36.0', '0.80', 'mg/dL')])).RESP24, 'CR');
});

test('deriveTruth: closest to target wins; a tie (4 days either side) goes to the later value', () => {
  // ALB 33 on day 165 (−4) and ALB 37 on day 173 (+4): tie → later (37) → CR.
  const lb = [...baseline, ...week24('0.30', '33.0', '70').map((r) => (r.LBTESTCD === 'ALB' ? { ...r, LBDTC: '2019-08-12T09:00' } : r)),
    lab('ALB', '37.0', 'g/L', '2019-08-20T09:00')];
  assert.is(deriveTruth(subject(lb)).RESP24, 'CR');
  // A retest 10 days later (study day 179) loses to the on-target value.
  const lb2 = [...baseline, ...week24('0.30', '36.0', '70'), lab('PROT', '1.80', 'g/24h', '2019-08-25T07:00', '2019-08-26T07:00')];
  assert.is(deriveTruth(subject(lb2)).RESP24, 'CR');
  // Outside every window (study day 205) is ignored.
  const lb3 = [...baseline, lab('PROT', '0.30', 'g/24h', '2019-09-21T07:00'), lab('ALB', '40.0', 'g/L', '2019-09-22'), lab('CREAT', '70', 'umol/L', '2019-09-22')];
  assert.is(deriveTruth(subject(lb3)).REASON24, 'NR-MISSING');
});

test('deriveTruth: intercurrent events — rescue before → NR-RESCUE; after → data used; death; LOE discontinuation', () => {
  const lb = [...baseline, ...week24('0.30', '36.0', '70')];
  const rescue = (d: string): Partial<SubjectRows> => ({ cm: [{ CMCAT: 'RESCUE THERAPY', CMDECOD: 'RITUXIMAB', CMSTDTC: d }] });
  assert.is(deriveTruth(subject(lb, rescue('2019-06-20'))).REASON24, 'NR-RESCUE');
  assert.is(deriveTruth(subject(lb, rescue('2019-06-20'))).PPROTFL, 'N');
  assert.is(deriveTruth(subject(lb, rescue('2019-08-26'))).RESP24, 'CR');
  assert.is(deriveTruth(subject(lb, { cm: [{ CMCAT: 'CONCOMITANT', CMDECOD: 'PREDNISONE', CMSTDTC: '2019-06-20' }] })).RESP24, 'CR');
  const death = subject(baseline, { ds: [{ DSDECOD: 'DEATH', DSCAT: 'DISPOSITION EVENT', DSSTDTC: '2019-04-10' }] }, { DTHDTC: '2019-04-10' });
  assert.is(deriveTruth(death).REASON12, 'NR-DEATH');
  assert.is(deriveTruth(death).REASON24, 'NR-DEATH');
  const loe = subject(baseline, { ds: [{ DSDECOD: 'LACK OF EFFICACY', DSCAT: 'DISPOSITION EVENT', DSSTDTC: '2019-04-10' }] });
  assert.is(deriveTruth(loe).REASON24, 'NR-DISC-LOE');
  // Other reason with week-24 data collected before the DS date: treatment policy uses the data.
  const ae = subject(lb, { ds: [{ DSDECOD: 'ADVERSE EVENT', DSCAT: 'DISPOSITION EVENT', DSSTDTC: '2019-08-18' }] });
  assert.is(deriveTruth(ae).RESP24, 'CR');
  assert.is(deriveTruth(ae).PPROTFL, 'Y');
});

test('deriveTruth: never dosed → FAS/SAF/PP N and NR-MISSING; PPEXCL → PP N', () => {
  const t = deriveTruth(subject(baseline, { ex: [] }, { RFSTDTC: null, ACTARMCD: 'NOTTRT' }));
  assert.equal([t.ITTFL, t.FASFL, t.SAFFL, t.PPROTFL, t.REASON24], ['Y', 'N', 'N', 'N', 'NR-MISSING']);
  const pp = subject([...baseline, ...week24('0.30', '36.0', '70')]);
  pp.suppdm = [...pp.suppdm, { QNAM: 'PPEXCL', QVAL: 'Y' }];
  assert.is(deriveTruth(pp).PPROTFL, 'N');
  assert.is(deriveTruth(pp).RESP24, 'CR');
});

test.run();
