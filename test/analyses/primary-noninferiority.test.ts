/**
 * Primary analysis plumbing on a hand-built ADSL/ADRS (expected values computed by hand below), and on
 * the committed sample: the primary estimate equals a hand computation from ADRS counts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import type { AdslRecord } from '../../src/adam/adsl.ts';
import type { AdrsRecord } from '../../src/adam/adrs.ts';
import type { ArdRecord } from '../../src/core/ard.ts';
import { loadPlan } from '../../src/plan/load-plan.ts';
import { ExactMaxTables, exactTestAffordable, primaryNonInferiority, verdictText } from '../../analyses/primary-noninferiority.ts';
import type { AnalysisInput } from '../../analyses/framework.ts';
import { concordanceMethodName } from '../../analyses/primary/sections.ts';
import { InputError } from '../../src/core/errors.ts';

const planJson = JSON.parse(readFileSync('analyses/plan.json', 'utf8')) as { response: { alternatives: string[] } };
planJson.response.alternatives = [];
const plan = loadPlan(JSON.stringify(planJson), 'plan.json');
const arms = [
  { code: 'MMF', label: 'MMF' },
  { code: 'MSC', label: 'UC-MSC' },
];

/** n subjects of one arm and stratum, the first x responders; `missing` more with no week-24 record. */
function subjects(arm: 'MSC' | 'MMF', stratum: string, n: number, x: number, missing = 0): { adsl: AdslRecord[]; adrs: AdrsRecord[] } {
  const adsl: AdslRecord[] = [];
  const adrs: AdrsRecord[] = [];
  for (let i = 0; i < n + missing; i++) {
    const id = `${arm}-${stratum}-${String(i).padStart(2, '0')}`;
    adsl.push({ USUBJID: id, ARMCD: arm, ARM: arm === 'MSC' ? 'UC-MSC' : 'MMF', ITTFL: 'Y', FASFL: 'Y', PPROTFL: i < n ? 'Y' : 'N', SAFFL: 'Y', STRATUM: stratum } as unknown as AdslRecord);
    if (i < n) {
      const resp = i < x;
      adrs.push({ USUBJID: id, PARAMCD: 'TOTREM', AVISIT: 'Week 24', ANL01FL: 'Y', AVALC: resp ? 'Y' : 'N', RSNREAS: resp ? 'CR' : 'NR-CRITERIA', RSNDTL: resp ? null : 'failed: UP24 >= 3.5' } as unknown as AdrsRecord);
    }
  }
  return { adsl, adrs };
}

function build(): AnalysisInput {
  // Stratum A: MSC 6/10, MMF 7/10. Stratum B: MSC 2/4 (+1 with no week-24 record), MMF 6/12.
  const parts = [subjects('MSC', 'A', 10, 6), subjects('MMF', 'A', 10, 7), subjects('MSC', 'B', 4, 2, 1), subjects('MMF', 'B', 12, 6)];
  return { plan, arms, adam: { adsl: parts.flatMap((p) => p.adsl), adrs: parts.flatMap((p) => p.adrs) } };
}

const get = (ard: ArdRecord[], q: Partial<ArdRecord>) => {
  const hits = ard.filter((r) => (Object.keys(q) as (keyof ArdRecord)[]).every((k) => r[k] === q[k]));
  assert.is(hits.length, 1, `exactly one record for ${JSON.stringify(q)}`);
  return hits[0].value;
};

test('primary: counts per arm, the missing subject counted as a non-responder', () => {
  const ard = primaryNonInferiority.run(build());
  assert.is(get(ard, { analysis: 'ni-primary', population: 'FAS', group: 'UC-MSC', statistic: 'N' }), 15);
  assert.is(get(ard, { analysis: 'ni-primary', population: 'FAS', group: 'UC-MSC', statistic: 'n' }), 8);
  assert.is(get(ard, { analysis: 'ni-primary', population: 'FAS', group: 'MMF', statistic: 'N' }), 22);
  assert.is(get(ard, { analysis: 'ni-primary', population: 'FAS', group: 'MMF', statistic: 'n' }), 13);
  assert.is(get(ard, { analysis: 'ni-primary', population: 'FAS', group: 'Total', statistic: 'n' }), 21);
});

test('primary: stratified estimate equals the hand-computed Mantel–Haenszel weighted difference', () => {
  const ard = primaryNonInferiority.run(build());
  // FAS, stratum A: d = 6/10 − 7/10 = −0.1, w = 10·10/20 = 5.
  // Stratum B: MSC 2/5 (the missing subject is a non-responder), MMF 6/12: d = 0.4 − 0.5 = −0.1, w = 5·12/17 = 60/17.
  // MH estimate = (5·(−0.1) + (60/17)·(−0.1)) / (5 + 60/17) = −0.1.
  const est = get(ard, { analysis: 'ni-primary', population: 'FAS', group: 'UC-MSC - MMF', statistic: 'estimate' }) as number;
  assert.ok(Math.abs(est - -0.1) < 1e-12, `estimate ${est}`);
  // PP (the missing subject is not in PP): stratum B: MSC 2/4, MMF 6/12, d = 0, w = 48/16 = 3; A as above.
  // MH = (5·(−0.1) + 3·0) / 8 = −0.0625.
  const pp = get(ard, { analysis: 'ni-primary', population: 'PP', group: 'UC-MSC - MMF', statistic: 'estimate' }) as number;
  assert.ok(Math.abs(pp - -0.0625) < 1e-12, `PP estimate ${pp}`);
  // Unstratified FAS: 8/15 − 13/22 = −0.0575757…
  const un = get(ard, { analysis: 'ni-unstratified', population: 'FAS', group: 'UC-MSC - MMF', statistic: 'estimate' }) as number;
  assert.ok(Math.abs(un - (8 / 15 - 13 / 22)) < 1e-12);
});

test('primary: observed-case excludes the subject with unobserved status; tipping point spans 0..1 × 0..0', () => {
  const ard = primaryNonInferiority.run(build());
  assert.is(get(ard, { analysis: 'ni-observed-case', population: 'FAS', group: 'UC-MSC', statistic: 'N' }), 14);
  const cells = ard.filter((r) => r.analysis === 'ni-tipping-point' && r.population === 'FAS' && r.statistic === 'lower').map((r) => r.category);
  assert.equal(cells, ['exp=0;ctl=0', 'exp=1;ctl=0']);
});

test('primary: every CI method appears in the concordance panel with a concordance flag', () => {
  const ard = primaryNonInferiority.run(build());
  const methods = ard.filter((r) => r.analysis === 'ni-concordance' && r.population === 'FAS' && r.statistic === 'concordant').map((r) => r.category);
  assert.equal(methods, ['wald', 'wald-cc', 'newcombe', 'newcombe-cc', 'miettinen-nurminen', 'agresti-caffo', 'stratified-miettinen-nurminen-cmh', 'stratified-wald-cmh', 'stratified-newcombe-cmh']);
  // The table names each method for the reader, never by its code.
  const table = primaryNonInferiority.sections(ard, { plan, arms, blinding: 'closed' }).flatMap((s) => s.blocks).find((b) => b.kind === 'table' && b.table.id === 'primary-concordance');
  assert.ok(table !== undefined && table.kind === 'table');
  assert.equal(table.table.rows.map((r) => r.label), [
    'Wald', 'Wald with continuity correction', 'Newcombe hybrid score (method 10)', 'Newcombe hybrid score with continuity correction (method 11)',
    'Miettinen–Nurminen score', 'Agresti–Caffo', 'Stratified Miettinen–Nurminen (CMH weights)', 'Stratified Wald (CMH weights)', 'Stratified Newcombe hybrid score (CMH weights)',
  ]);
  assert.throws(() => concordanceMethodName('stratified-wilson-cmh'), (e: unknown) => e instanceof InputError && /unknown CI method code "stratified-wilson-cmh"/.test((e as Error).message));
});

test('verdictText: states the margin, the level and the bound with its sign, differences in percentage points', () => {
  assert.is(verdictText({ estimate: 0.01, lower: -0.062, upper: 0.08, nonInferior: true }, 0.15, 0.95), 'non-inferior at margin 15 pp: lower 95 % bound −6.2 pp > −15 pp');
  assert.is(verdictText({ estimate: -0.1, lower: -0.2, upper: 0.0, nonInferior: false }, 0.15, 0.95), 'non-inferiority not shown at margin 15 pp: lower 95 % bound −20.0 pp ≤ −15 pp');
});

test('exact unconditional test: run up to ExactMaxTables 2×2 tables (the trial: 116² = 13,456), not computed beyond', () => {
  assert.ok(exactTestAffordable(115, 115));
  assert.ok(exactTestAffordable(999, 999) === (1000 * 1000 <= ExactMaxTables));
  assert.not.ok(exactTestAffordable(1000, 1000));
  assert.not.ok(exactTestAffordable(11500, 11500));
});

test('exact unconditional test beyond ExactMaxTables: no p-value, the conclusion states the table count and the limit', () => {
  // 1000 per arm: 1001² = 1,002,001 tables > 1,000,000.
  const parts = [subjects('MSC', 'A', 1000, 600), subjects('MMF', 'A', 1000, 600)];
  const ard = primaryNonInferiority.run({ plan, arms, adam: { adsl: parts.flatMap((p) => p.adsl), adrs: parts.flatMap((p) => p.adrs) } });
  const q = { analysis: 'ni-exact', population: 'FAS', group: 'UC-MSC - MMF' };
  assert.is(get(ard, { ...q, statistic: 'pValue' }), null);
  assert.is(get(ard, { ...q, statistic: 'conclusion' }), 'not computed: (1000 + 1) × (1000 + 1) = 1,002,001 2×2 tables, above the limit of 1,000,000; the score-based analyses above apply');
});

test('tipping-point chart: a thinned grid is titled "outcomes" (not "every outcome") and its caption says how it was thinned', () => {
  const titleOf = (missing: number) => {
    const parts = [subjects('MSC', 'A', 40, 25, missing), subjects('MMF', 'A', 40, 25)];
    const ard = primaryNonInferiority.run({ plan, arms, adam: { adsl: parts.flatMap((p) => p.adsl), adrs: parts.flatMap((p) => p.adrs) } });
    const blocks = primaryNonInferiority.sections(ard, { plan, arms, blinding: 'closed' }).flatMap((s) => s.blocks);
    const chart = blocks.find((b) => b.kind === 'chart' && b.id === 'primary-tipping-fas');
    assert.ok(chart !== undefined && chart.kind === 'chart');
    return { title: chart.title, caption: chart.caption ?? '' };
  };
  const full = titleOf(3);
  assert.match(full.title, 'every outcome of the subjects');
  assert.not.match(full.caption, 'evenly spaced');
  const thin = titleOf(120);
  assert.match(thin.title, 'FAS: outcomes of the subjects');
  assert.match(thin.caption, 'With more than 50 missing in an arm, 51 evenly spaced counts are shown for that arm.');
});

test('primary table: the observed-cases row shows "n/N (%)" with its own denominator (subjects with a status), the other rows "n (%)" of N', () => {
  const ard = primaryNonInferiority.run(build());
  const table = primaryNonInferiority.sections(ard, { plan, arms, blinding: 'closed' }).flatMap((s) => s.blocks).find((b) => b.kind === 'table' && b.table.id === 'primary-table-fas');
  assert.ok(table !== undefined && table.kind === 'table');
  const row = (label: string) => table.table.rows.find((r) => r.label.startsWith(label))!.cells.slice(0, 2);
  // Header N: UC-MSC 15, MMF 22. Observed: UC-MSC 8/14 = 57.1 % (one subject without a week-24 record), MMF 13/22 = 59.1 %.
  assert.equal(table.table.header.slice(0, 2).map((h) => h.n), ['N = 15', 'N = 22']);
  assert.equal(row('Primary'), ['8 (53.3 %)', '13 (59.1 %)']);
  assert.equal(row('Observed cases'), ['8/14 (57.1 %)', '13 (59.1 %)']);
  assert.ok(table.table.footnotes.some((f) => f.includes('denominator N of "n/N (%)" is the subjects with a non-missing Week 24 status')), 'the observed-cases denominator is explained');
});

test('confidence level: every label of the NI analyses follows the plan (one-sided α 0.05 → "90 % CI"); the descriptive Wilson CI stays 95 %', () => {
  const plan90 = { ...plan, primary: { ...plan.primary, alphaOneSided: 0.05 } };
  const input = { ...build(), plan: plan90 };
  const ard = primaryNonInferiority.run(input);
  assert.is(get(ard, { analysis: 'ni-primary', population: 'FAS', group: 'UC-MSC - MMF', statistic: 'level' }), 0.9);
  const sections = primaryNonInferiority.sections(ard, { plan: plan90, arms, blinding: 'closed' });
  const text = JSON.stringify(sections);
  assert.not.match(text, /Difference \(95 % CI\)|two-sided 95 % CI|Miettinen–Nurminen 95 % CI|Estimate \(95 % CI\)|lower 95 % CI bound/);
  assert.match(text, 'Difference (90 % CI), pp');
  assert.match(text, 'the lower bound of the two-sided 90 % CI');
  assert.match(text, 'Stratified Miettinen–Nurminen 90 % CI');
  assert.match(text, 'Per-arm rates: Wilson score 95 % CI.');
  assert.match(String(get(ard, { analysis: 'ni-primary', population: 'FAS', group: 'UC-MSC - MMF', statistic: 'verdict' })), 'lower 90 % bound');
});

test.run();
