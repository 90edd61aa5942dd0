/**
 * Subject traces of the count records (issue 10 item 2) on hand-built data, expected lists written by hand:
 * responder counts (primary and secondary remission: responders and non-responders with their ADRS reason
 * and values), safety counts (qualifying TEAEs with the worst grade per term; worst-grade rows; lab shifts
 * with the values behind the shift), the trace helpers (sorted, no duplicates), and the records the open
 * report receives (no trace at all).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import type { AdslRecord } from '../../src/adam/adsl.ts';
import type { AdrsRecord } from '../../src/adam/adrs.ts';
import { countTrace, withoutSubjects, type ArdRecord, type CountTrace } from '../../src/core/ard.ts';
import { InputError } from '../../src/core/errors.ts';
import { loadPlan } from '../../src/plan/load-plan.ts';
import { openRecords } from '../../src/report/blinding.ts';
import { primaryNonInferiority } from '../../analyses/primary-noninferiority.ts';
import { remissionSecondary } from '../../analyses/remission-secondary.ts';
import { computeSafety } from '../../analyses/safety.ts';
import { computeBaseline } from '../../analyses/baseline.ts';
import { computeDisposition } from '../../analyses/disposition.ts';
import { computeExposure } from '../../analyses/exposure.ts';
import { responseValues } from '../../analyses/common/responders.ts';
import { adae, adsl, bds, input } from './factories.ts';

const traceOf = (ard: readonly ArdRecord[], q: Partial<ArdRecord>): CountTrace | undefined => {
  const hits = ard.filter((r) => (Object.keys(q) as (keyof ArdRecord)[]).every((k) => r[k] === q[k]));
  assert.is(hits.length, 1, `exactly one record for ${JSON.stringify(q)}`);
  return hits[0].subjects;
};

// ── responder counts ──────────────────────────────────────────────────────────────────────────────────
const planJson = JSON.parse(readFileSync('analyses/plan.json', 'utf8')) as { response: { alternatives: string[] } };
planJson.response.alternatives = [];
const plan = loadPlan(JSON.stringify(planJson), 'plan.json');
const arms = [{ code: 'MMF', label: 'MMF' }, { code: 'MSC', label: 'UC-MSC' }];

const subject = (id: string, arm: 'MSC' | 'MMF', fas = 'Y'): AdslRecord =>
  ({ USUBJID: id, ARMCD: arm, ARM: arm === 'MSC' ? 'UC-MSC' : 'MMF', ITTFL: 'Y', FASFL: fas, PPROTFL: 'Y', SAFFL: 'Y', STRATUM: 'S' }) as unknown as AdslRecord;
const values = { UP24: '0.17', UP24BL: '1.52', UPCR: null, UPCRBL: null, ALB: '42.8', SCR: '79', SCRBL: '80', EGFR: 106.02276, EGFRBL: 105.0128 };
const call = (id: string, paramcd: string, visit: string, avalc: string, reason: string, detail: string | null, v: Partial<typeof values> = values): AdrsRecord =>
  ({ USUBJID: id, PARAMCD: paramcd, AVISIT: visit, ANL01FL: 'Y', AVALC: avalc, RSNREAS: reason, RSNDTL: detail, UP24: null, UP24BL: null, UPCR: null, UPCRBL: null, ALB: null, SCR: null, SCRBL: null, EGFR: null, EGFRBL: null, ...v }) as unknown as AdrsRecord;

// UC-MSC: M3 CR, M1 PR, M2 NR (failed ALB), M4 no week-24 record; M5 not in FAS. MMF: F1 rescue, F2 CR.
const responderInput = {
  plan,
  arms,
  adam: {
    adsl: [subject('M3', 'MSC'), subject('M1', 'MSC'), subject('M2', 'MSC'), subject('M4', 'MSC'), subject('M5', 'MSC', 'N'), subject('F1', 'MMF'), subject('F2', 'MMF')],
    adrs: [
      ...(['Week 12', 'Week 24'] as const).flatMap((w) => [
        call('M3', 'TOTREM', w, 'Y', 'CR', null), call('M3', 'RENALRSP', w, 'CR', 'CR', null),
        call('M1', 'TOTREM', w, 'Y', 'PR', 'not CR: UP24 >= 0.5'), call('M1', 'RENALRSP', w, 'PR', 'PR', 'not CR: UP24 >= 0.5'),
        call('M2', 'TOTREM', w, 'N', 'NR-CRITERIA', 'failed: ALB < 30'), call('M2', 'RENALRSP', w, 'NR', 'NR-CRITERIA', 'failed: ALB < 30'),
        call('M5', 'TOTREM', w, 'Y', 'CR', null), call('M5', 'RENALRSP', w, 'CR', 'CR', null),
        call('F1', 'TOTREM', w, 'N', 'NR-RESCUE', 'rescue therapy RITUXIMAB started 2019-06-02', {}), call('F1', 'RENALRSP', w, 'NR', 'NR-RESCUE', 'rescue therapy RITUXIMAB started 2019-06-02', {}),
        call('F2', 'TOTREM', w, 'Y', 'CR', null), call('F2', 'RENALRSP', w, 'CR', 'CR', null),
      ]),
    ],
  },
} as unknown as Parameters<typeof primaryNonInferiority.run>[0];

const V = 'UP24 0.17 (BL 1.52); ALB 42.8; SCr 79 (BL 80); eGFR 106.0 (BL 105.0)';

test('responseValues: the values of the call with their baselines, qualifiers kept, eGFR to 1 decimal, null columns left out', () => {
  assert.is(responseValues(call('X', 'TOTREM', 'Week 24', 'Y', 'CR', null)), V);
  assert.is(responseValues(call('X', 'TOTREM', 'Week 24', 'Y', 'CR', null, { UP24: '<0.05', UP24BL: '2.76' })), 'UP24 <0.05 (BL 2.76)');
  assert.is(responseValues(call('X', 'TOTREM', 'Week 24', 'N', 'NR-MISSING', 'missing: ALB', {})), null);
});

test('primary: each arm count lists its responders (reason, values) and non-responders (failed criterion, ICE, missing), sorted', () => {
  const ard = primaryNonInferiority.run(responderInput);
  assert.equal(traceOf(ard, { analysis: 'ni-primary', population: 'FAS', group: 'UC-MSC', statistic: 'n' }), {
    counted: [
      { id: 'M1', reason: 'PR: not CR: UP24 >= 0.5', values: V },
      { id: 'M3', reason: 'CR', values: V },
    ],
    notCounted: [
      { id: 'M2', reason: 'NR-CRITERIA: failed: ALB < 30' },
      { id: 'M4', reason: 'NR-MISSING: no TOTREM record at Week 24' },
    ],
  });
  assert.equal(traceOf(ard, { analysis: 'ni-primary', population: 'FAS', group: 'MMF', statistic: 'n' }), {
    counted: [{ id: 'F2', reason: 'CR', values: V }],
    notCounted: [{ id: 'F1', reason: 'NR-RESCUE: rescue therapy RITUXIMAB started 2019-06-02' }],
  });
  // Observed cases: the subject with no record is neither counted nor in the denominator.
  assert.equal(traceOf(ard, { analysis: 'ni-observed-case', population: 'FAS', group: 'UC-MSC', statistic: 'n' })?.notCounted?.map((s) => s.id), ['M2']);
  // The pooled Total (open report only) carries no trace; neither do pct or the contrast, nor any N but the
  // table's header N (next test).
  assert.is(traceOf(ard, { analysis: 'ni-primary', population: 'FAS', group: 'Total', statistic: 'n' }), undefined);
  assert.ok(ard.every((r) => r.subjects === undefined || r.statistic === 'n' || (r.statistic === 'N' && r.analysis === 'ni-primary' && r.group !== 'Total')));
});

test('primary header N: the FAS of each arm, and the randomised subjects of the arm left out with the reason', () => {
  const ard = primaryNonInferiority.run(responderInput);
  assert.equal(traceOf(ard, { analysis: 'ni-primary', population: 'FAS', group: 'UC-MSC', statistic: 'N' }), {
    counted: ['M1', 'M2', 'M3', 'M4'].map((id) => ({ id, reason: 'FASFL = Y' })),
    notCounted: [{ id: 'M5', reason: 'FASFL = N: not dosed, no ADSL TRTSDT' }],
  });
  assert.equal(traceOf(ard, { analysis: 'ni-primary', population: 'FAS', group: 'MMF', statistic: 'N' }), { counted: [{ id: 'F1', reason: 'FASFL = Y' }, { id: 'F2', reason: 'FASFL = Y' }], notCounted: [] });
  assert.is(traceOf(ard, { analysis: 'ni-unstratified', population: 'FAS', group: 'UC-MSC', statistic: 'N' }), undefined);
});

test('primary header N, PP: the first rule of the per-protocol set each left-out subject fails (FAS, PPEXCL, week-24 call decided on data)', () => {
  const pp = (id: string, arm: 'MSC' | 'MMF', over: Partial<AdslRecord>) => ({ ...subject(id, arm), TRTSDT: '2019-01-10', PPEXCL: 'N', ...over }) as AdslRecord;
  const adslPp = [
    pp('M3', 'MSC', {}), pp('M1', 'MSC', {}), pp('M2', 'MSC', {}), pp('M4', 'MSC', { PPROTFL: 'N' }), pp('M5', 'MSC', { FASFL: 'N', PPROTFL: 'N', TRTSDT: null }),
    pp('F1', 'MMF', { PPROTFL: 'N' }), pp('F2', 'MMF', { PPROTFL: 'N', PPEXCL: 'Y' }), pp('F3', 'MMF', {}),
  ];
  const ppInput = { ...responderInput, plan: { ...plan, primary: { ...plan.primary, populations: ['PP'] } }, adam: { ...responderInput.adam, adsl: adslPp } } as typeof responderInput;
  const ard = primaryNonInferiority.run(ppInput);
  assert.equal(traceOf(ard, { analysis: 'ni-primary', population: 'PP', group: 'UC-MSC', statistic: 'N' }), {
    counted: ['M1', 'M2', 'M3'].map((id) => ({ id, reason: 'PPROTFL = Y' })),
    notCounted: [
      { id: 'M4', reason: 'PPROTFL = N: no RENALRSP record at Week 24' },
      { id: 'M5', reason: 'PPROTFL = N: not in the FAS (FASFL = N: not dosed, no ADSL TRTSDT)' },
    ],
  });
  assert.equal(traceOf(ard, { analysis: 'ni-primary', population: 'PP', group: 'MMF', statistic: 'N' }), {
    counted: [{ id: 'F3', reason: 'PPROTFL = Y' }],
    notCounted: [
      { id: 'F1', reason: 'PPROTFL = N: Week 24 response not decided on data (ADRS RENALRSP NR-RESCUE)', values: 'rescue therapy RITUXIMAB started 2019-06-02' },
      { id: 'F2', reason: 'PPROTFL = N: protocol deviation excluding from the PP set (SUPPDM PPEXCL = Y)' },
    ],
  });
});

test('secondary: the header N of each arm carries the FAS trace of the primary table', () => {
  const fas = traceOf(primaryNonInferiority.run(responderInput), { analysis: 'ni-primary', population: 'FAS', group: 'UC-MSC', statistic: 'N' });
  const secondary = remissionSecondary.run(responderInput);
  assert.equal(traceOf(secondary, { parameter: 'TOTREM', visit: null, group: 'UC-MSC', statistic: 'N' }), fas);
  assert.is(traceOf(secondary, { parameter: 'TOTREM', visit: null, group: 'Total', statistic: 'N' }), undefined);
});

test('secondary: the CR count lists the PR subject as not counted, with its values; the PR count the reverse', () => {
  const ard = remissionSecondary.run(responderInput);
  const cr = traceOf(ard, { analysis: 'remission-secondary', parameter: 'CR', visit: 'Week 12', group: 'UC-MSC', statistic: 'n' });
  assert.equal(cr?.counted.map((s) => s.id), ['M3']);
  assert.equal(cr?.notCounted?.find((s) => s.id === 'M1'), { id: 'M1', reason: 'PR: not CR: UP24 >= 0.5', values: V });
  const pr = traceOf(ard, { analysis: 'remission-secondary', parameter: 'PR', visit: 'Week 24', group: 'UC-MSC', statistic: 'n' });
  assert.equal(pr?.counted.map((s) => s.id), ['M1']);
  assert.equal(pr?.notCounted?.map((s) => s.id), ['M2', 'M3', 'M4']);
  assert.is(traceOf(ard, { analysis: 'remission-secondary', parameter: 'TOTREM', visit: 'Week 24', group: 'Total', statistic: 'n' }), undefined);
});

// ── safety counts ─────────────────────────────────────────────────────────────────────────────────────
// Arm A: S1 (Nausea grade 1 ×2 and grade 2, Pneumonia grade 3 serious), S2 (Rash, no grade); arm B: S4 none.
const GI = 'Gastrointestinal disorders', INF = 'Infections and infestations', SKIN = 'Skin disorders';
const safety = computeSafety(
  input([adsl('S1', 'A'), adsl('S2', 'A'), adsl('S4', 'B')], {
    adae: [
      adae('S1', GI, 'Nausea', { ATOXGR: 1 }), adae('S1', GI, 'Nausea', { ATOXGR: 2 }), adae('S1', GI, 'Nausea', { ATOXGR: 1 }),
      adae('S1', INF, 'Pneumonia', { ATOXGR: 3, AESER: 'Y' }), adae('S2', SKIN, 'Rash', { ATOXGR: null }),
      adae('S2', GI, 'Nausea', { ATOXGR: 1, TRTEMFL: 'N' }),
    ],
    adlb: [
      bds('S1', 'HGB', 128, { ABLFL: 'Y', ADY: 1, AVALU: 'g/L', ANRLO: 120, ANRHI: 160 }),
      bds('S1', 'HGB', 96, { ADY: 43, AVALU: 'g/L', ANRLO: 120, ANRHI: 160 }),
      bds('S1', 'HGB', 90, { ADY: 50, AVALU: 'g/L', ANRLO: 120, ANRHI: 160 }),
      bds('S2', 'HGB', 130, { ABLFL: 'Y', ADY: 1, AVALU: 'g/L', ANRLO: 120, ANRHI: 160 }),
      bds('S2', 'HGB', 131, { ADY: 20, AVALU: 'g/L', ANRLO: 120, ANRHI: 160 }),
    ],
  }),
);

test('safety: overview and SOC/PT counts list the subjects with their qualifying TEAEs (term, worst grade), non-TEAEs excluded', () => {
  assert.equal(traceOf(safety, { analysis: 'safety-overview', parameter: 'ANY_TEAE', group: 'Arm A', statistic: 'n' }), {
    counted: [
      { id: 'S1', reason: 'Nausea (Grade 2); Pneumonia (Grade 3)' },
      { id: 'S2', reason: 'Rash (grade missing)' },
    ],
  });
  assert.equal(traceOf(safety, { analysis: 'safety-overview', parameter: 'SERIOUS', group: 'Total', statistic: 'n' }), { counted: [{ id: 'S1', reason: 'Pneumonia (Grade 3)' }] });
  assert.equal(traceOf(safety, { analysis: 'safety-overview', parameter: 'SERIOUS', group: 'Arm B', statistic: 'n' }), { counted: [] });
  assert.equal(traceOf(safety, { analysis: 'safety-teae-soc-pt', parameter: 'AEBODSYS', category: GI, group: 'Arm A', statistic: 'n' }), { counted: [{ id: 'S1', reason: 'Nausea (Grade 2)' }] });
  assert.equal(traceOf(safety, { analysis: 'safety-teae-soc-pt', parameter: 'AEDECOD', category: 'Nausea', group: 'Total', statistic: 'n' }), { counted: [{ id: 'S1', reason: 'Nausea (Grade 2)' }] });
});

test('safety: worst-grade counts list the events at the worst grade; "Missing" lists the ungraded events', () => {
  assert.equal(traceOf(safety, { analysis: 'safety-teae-grade', parameter: 'ANY', category: '3', group: 'Arm A', statistic: 'n' }), { counted: [{ id: 'S1', reason: 'Pneumonia (Grade 3)' }] });
  assert.equal(traceOf(safety, { analysis: 'safety-teae-grade', parameter: 'ANY', category: 'Missing', group: 'Arm A', statistic: 'n' }), { counted: [{ id: 'S2', reason: 'Rash (grade missing)' }] });
  assert.equal(traceOf(safety, { analysis: 'safety-teae-grade-pt', parameter: 'Nausea', category: '2', group: 'Arm A', statistic: 'n' }), { counted: [{ id: 'S1', reason: 'Nausea (Grade 2)' }] });
});

test('safety: lab shift counts list the subjects with the values behind the shift (grade 0 → 0 without values)', () => {
  // HGB 96 g/L with LLN 120: CTCAE anaemia grade 2 (< 100 g/L); 90 is grade 2 as well → the first, day 43.
  assert.equal(traceOf(safety, { analysis: 'safety-lab-shift', parameter: 'HGB', category: '0 -> 2', group: 'Arm A', statistic: 'n' }), {
    counted: [{ id: 'S1', reason: 'baseline 0 → worst 2', values: 'BL 128 g/L; worst 96 g/L, day 43' }],
  });
  assert.equal(traceOf(safety, { analysis: 'safety-lab-shift', parameter: 'HGB', category: '0 -> 0', group: 'Arm A', statistic: 'n' }), { counted: [{ id: 'S2', reason: 'baseline 0 → worst 0' }] });
  assert.equal(traceOf(safety, { analysis: 'safety-lab-shift', parameter: 'HGB', category: 'Missing -> Missing', group: 'Arm B', statistic: 'n' }), { counted: [{ id: 'S4', reason: 'baseline Missing → worst Missing' }] });
});

test('every traced count lists as many subjects as it counts', () => {
  for (const r of [...safety, ...primaryNonInferiority.run(responderInput), ...remissionSecondary.run(responderInput), ...computeBaseline(responderInput), ...computeDisposition(responderInput), ...computeExposure(responderInput)]) {
    if (r.subjects !== undefined) assert.is(r.subjects.counted.length, r.value, JSON.stringify({ ...r, subjects: undefined }));
  }
});

// ── helpers and blinding ──────────────────────────────────────────────────────────────────────────────
test('countTrace: both lists sorted by USUBJID (code-unit order); a subject twice is an error', () => {
  assert.equal(countTrace([{ id: 'b', reason: 'x' }, { id: 'B', reason: 'y', values: 'v' }], [{ id: 'a2', reason: 'z' }, { id: 'a10', reason: 'z' }]), {
    counted: [{ id: 'B', reason: 'y', values: 'v' }, { id: 'b', reason: 'x' }],
    notCounted: [{ id: 'a10', reason: 'z' }, { id: 'a2', reason: 'z' }],
  });
  assert.throws(() => countTrace([{ id: 'a', reason: 'x' }], [{ id: 'a', reason: 'y' }]), (e: unknown) => e instanceof InputError && /appears twice/.test(e.message));
});

test('openRecords strips every subject trace; withoutSubjects leaves untraced records as they are', () => {
  const open = openRecords(safety, { armLabels: ['Arm A', 'Arm B'], armCodes: ['A', 'B'] });
  assert.ok(open.length > 0);
  assert.ok(safety.some((r) => r.group === 'Total' && r.subjects !== undefined));
  assert.ok(open.every((r) => !('subjects' in r)));
  const plain = safety.find((r) => r.subjects === undefined)!;
  assert.is(withoutSubjects(plain), plain);
});

test.run();
