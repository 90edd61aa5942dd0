/**
 * SLE activity analysis (issue 6 item 4): SRI responder rates with Wilson CIs and the Miettinen–Nurminen
 * difference (Newcombe 1998, Table II example a), descriptive scores by visit, and report sections.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import type { AdqsRecord } from '../../src/adam/adqs.ts';
import type { AdslRecord } from '../../src/adam/adsl.ts';
import type { ArdRecord } from '../../src/core/ard.ts';
import { loadPlan } from '../../src/plan/load-plan.ts';
import { renderReportHtml } from '../../src/report/html.ts';
import { sleActivity, sriRecords } from '../../analyses/sle-activity.ts';
import type { ArmInfo } from '../../analyses/framework.ts';
import { assertClose } from '../helpers/close.ts';

const plan = loadPlan(readFileSync(new URL('../../analyses/plan.json', import.meta.url), 'utf8'), 'analyses/plan.json');
const arms: ArmInfo[] = [{ code: 'MMF', label: 'MMF' }, { code: 'MSC', label: 'UC-MSC' }];

function value(ard: readonly ArdRecord[], f: Partial<ArdRecord>): number | string | null {
  const hits = ard.filter((r) => (Object.keys(f) as (keyof ArdRecord)[]).every((k) => r[k] === f[k]));
  assert.is(hits.length, 1, `exactly one record for ${JSON.stringify(f)}, found ${hits.length}`);
  return hits[0].value;
}

/** Wilson (1927) score interval written out independently: (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n). */
function wilson(x: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const p = x / n;
  const c = p + (z * z) / (2 * n);
  const h = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [(c - h) / (1 + (z * z) / n), (c + h) / (1 + (z * z) / n)];
}

test('SRI: 56/70 (UC-MSC) vs 48/80 (MMF): Wilson per arm, MN difference 0.2 (0.0528, 0.3382) [Newcombe 1998 Table II a]', () => {
  const subjects = new Map<string, string>();
  const calls = new Map<string, { AVALC: string; RSNDTL: string | null }>();
  for (let i = 0; i < 70; i++) {
    subjects.set(`S${i}`, 'MSC');
    calls.set(`S${i}`, i < 56 ? { AVALC: 'Y', RSNDTL: null } : { AVALC: 'N', RSNDTL: 'failed: SLEDAI reduction < 4' });
  }
  for (let i = 0; i < 80; i++) {
    subjects.set(`M${i}`, 'MMF');
    if (i < 48) calls.set(`M${i}`, { AVALC: 'Y', RSNDTL: null });
  }
  const ard = sriRecords('SRI4', 'Week 24', arms, subjects, calls);
  const g = (group: string, statistic: string) => value(ard, { analysis: 'sle-activity-sri', group, visit: 'Week 24', statistic }) as number;
  assert.is(g('UC-MSC', 'n'), 56);
  assert.is(g('MMF', 'N'), 80);
  const [lo, hi] = wilson(56, 70);
  assertClose(g('UC-MSC', 'lower'), lo, { abs: 1e-12 }, 'wilson lower');
  assertClose(g('UC-MSC', 'upper'), hi, { abs: 1e-12 }, 'wilson upper');
  assertClose(g('UC-MSC - MMF', 'estimate'), 0.2, { abs: 1e-12 }, 'difference');
  assertClose(g('UC-MSC - MMF', 'lower'), 0.0528, { abs: 5e-5 }, 'MN lower (4 dp published)');
  assertClose(g('UC-MSC - MMF', 'upper'), 0.3382, { abs: 5e-5 }, 'MN upper (4 dp published)');
  // The counts' traces: 56 responders + 14 non-responders (their RSNDTL); MMF's 32 without a record are non-responders.
  const trace = (group: string) => ard.find((r) => r.group === group && r.statistic === 'n')?.subjects;
  assert.is(trace('UC-MSC')?.counted.length, 56);
  assert.equal(new Set(trace('UC-MSC')?.notCounted?.map((s) => s.reason)), new Set(['SRI4 = N: failed: SLEDAI reduction < 4']));
  assert.is(trace('UC-MSC')?.notCounted?.length, 14);
  assert.equal(new Set(trace('MMF')?.notCounted?.map((s) => s.reason)), new Set(['no SRI4 record at Week 24: non-responder']));
  assert.is(trace('MMF')?.notCounted?.length, 32);
});

function subject(id: string, arm: string): AdslRecord {
  return { USUBJID: id, ARMCD: arm, ARM: arm, STRATUM: 'A', ITTFL: 'Y', FASFL: 'Y', PPROTFL: 'Y', SAFFL: 'Y' } as unknown as AdslRecord;
}
function qs(id: string, param: string, visit: string, aval: number, base: number | null, avalc: string | null = null, rsndtl: string | null = null): AdqsRecord {
  return { USUBJID: id, PARAMCD: param, AVISIT: visit, AVAL: aval, AVALC: avalc, BASE: base, CHG: base === null || visit === 'Baseline' ? null : aval - base, PCHG: null, ANL01FL: 'Y', RSNDTL: rsndtl } as unknown as AdqsRecord;
}

test('scores by visit and SRI from ADQS; a subject without an SRI record is a non-responder; sections render', async () => {
  const adsl = [subject('M1', 'MMF'), subject('M2', 'MMF'), subject('S1', 'MSC'), subject('S2', 'MSC')];
  const adqs = [
    qs('M1', 'SLEDAI', 'Baseline', 12, 12), qs('M2', 'SLEDAI', 'Baseline', 8, 8), qs('S1', 'SLEDAI', 'Baseline', 10, 10), qs('S2', 'SLEDAI', 'Baseline', 16, 16),
    qs('M1', 'SLEDAI', 'Week 12', 4, 12), qs('M2', 'SLEDAI', 'Week 12', 6, 8), qs('S1', 'SLEDAI', 'Week 12', 4, 10), qs('S2', 'SLEDAI', 'Week 12', 8, 16),
    qs('M1', 'SRI4', 'Week 12', 1, null, 'Y'), qs('M2', 'SRI4', 'Week 12', 0, null, 'N', 'failed: SLEDAI reduction < 4'), qs('S1', 'SRI4', 'Week 12', 1, null, 'Y'),
  ];
  const ard = sleActivity.run({ plan, arms, adam: { adsl, adqs } });
  const d = { analysis: 'sle-activity-descriptive', parameter: 'SLEDAI', visit: 'Week 12' };
  // MMF change −8, −2 → mean −5; UC-MSC −6, −8 → mean −7.
  assertClose(value(ard, { ...d, group: 'MMF', category: 'CHG', statistic: 'mean' }) as number, -5, { abs: 1e-12 }, 'MMF chg');
  assertClose(value(ard, { ...d, group: 'UC-MSC', category: 'CHG', statistic: 'mean' }) as number, -7, { abs: 1e-12 }, 'MSC chg');
  // S2 has no SRI record at week 12: non-responder → 1/2 per arm.
  assert.is(value(ard, { analysis: 'sle-activity-sri', group: 'UC-MSC', visit: 'Week 12', statistic: 'n' }), 1);
  assert.is(value(ard, { analysis: 'sle-activity-sri', group: 'UC-MSC', visit: 'Week 12', statistic: 'N' }), 2);
  // The first SRI visit's N heads the SRI table: it carries the arm's FAS (closed report); later visits do not repeat it.
  const nTrace = (visit: string) => ard.find((r) => r.analysis === 'sle-activity-sri' && r.group === 'UC-MSC' && r.visit === visit && r.statistic === 'N')?.subjects;
  assert.equal(nTrace(plan.secondary.sri.visits[0]), { counted: [{ id: 'S1', reason: 'FASFL = Y' }, { id: 'S2', reason: 'FASFL = Y' }], notCounted: [] });
  assert.ok(plan.secondary.sri.visits.slice(1).every((v) => nTrace(v) === undefined));
  // Each arm's responder count lists its responders and, as the rest of N, the non-responders with the reason.
  const nResp = (group: string) => ard.find((r) => r.analysis === 'sle-activity-sri' && r.group === group && r.visit === 'Week 12' && r.statistic === 'n')?.subjects;
  assert.equal(nResp('UC-MSC'), { counted: [{ id: 'S1', reason: 'SRI4 = Y' }], notCounted: [{ id: 'S2', reason: 'no SRI4 record at Week 12: non-responder' }] });
  assert.equal(nResp('MMF'), { counted: [{ id: 'M1', reason: 'SRI4 = Y' }], notCounted: [{ id: 'M2', reason: 'SRI4 = N: failed: SLEDAI reduction < 4' }] });
  assert.is(nResp('Total'), undefined, 'the pooled Total (open report only) is not traced');
  // Every score table's header N carries the arm's FAS too (the same trace as the SRI table's).
  const descN = ard.find((r) => r.analysis === 'sle-activity-descriptive' && r.parameter === 'SLEDAI' && r.group === 'UC-MSC' && r.statistic === 'N')?.subjects;
  assert.equal(descN, nTrace(plan.secondary.sri.visits[0]));
  const closed = sleActivity.sections(ard, { plan, arms, blinding: 'closed' });
  const sri = closed.flatMap((s) => s.blocks).find((b) => b.kind === 'table' && b.table.id === 'sle-closed-sri');
  assert.ok(sri !== undefined && sri.kind === 'table' && sri.table.header[1].trace === nTrace(plan.secondary.sri.visits[0]), 'the SRI table header N is traced');
  assert.is(sri.table.population, 'Full analysis set (randomised and dosed)', 'the SRI table names its population');
  assert.is(sri.table.units, 'responders n (%); response rate in %; difference in percentage points (pp)');
  assert.ok(sri.table.header[2].label.endsWith(', pp'), 'the difference column states its unit');
  const sledai = closed.flatMap((s) => s.blocks).find((b) => b.kind === 'table' && b.table.id === 'sle-closed-sledai-desc');
  assert.ok(sledai !== undefined && sledai.kind === 'table' && sledai.table.header[1].trace === descN, 'the SLEDAI table header N is traced');
  assert.equal(sledai.table.rows.filter((r) => r.heading).map((r) => r.label), ['Baseline', 'Week 12'], 'visits without any value are left out');
  assert.ok(sledai.table.footnotes.includes('Not collected at Weeks 4, 8, 16, 20 and 24: no values in any arm.'));
  const html = await renderReportHtml({ title: 'SLE', blinding: 'closed', dataCut: '2021-06-01', sections: closed });
  assert.ok(html.includes('Miettinen'), 'method stated');
  const open = sleActivity.sections(ard.filter((r) => r.group === 'Total' || r.group === null), { plan, arms, blinding: 'open' });
  const openHtml = await renderReportHtml({ title: 'SLE', blinding: 'open', dataCut: '2021-06-01', sections: open });
  assert.not.ok(/UC-MSC|MMF/.test(openHtml), 'no arm label in the open report');
});

test.run();
