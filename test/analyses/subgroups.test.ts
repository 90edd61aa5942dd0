/**
 * Subgroup consistency and design power (analyses/subgroups.ts, analyses/design-power.ts) on hand-built
 * ADSL/ADRS/ADLB: counts per level by hand, the sex interaction equal to R's glm + anova LRT for the same
 * counts (test/references/interaction-lrt/, case "two-levels-unbalanced"), the planned power equal to
 * rpact (test/references/fm-power/), sparse levels with a documented answer and no NaN, and blinding (the
 * open report's sections name no arm and carry no by-arm number).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import type { AdslRecord } from '../../src/adam/adsl.ts';
import type { AdrsRecord } from '../../src/adam/adrs.ts';
import type { AdlbRecord } from '../../src/adam/adlb.ts';
import type { ArdRecord } from '../../src/core/ard.ts';
import { loadPlan } from '../../src/plan/load-plan.ts';
import { mentionsArm, openRecords } from '../../src/report/blinding.ts';
import type { TableBlock } from '../../src/report/html.ts';
import { subgroupAnalysis } from '../../analyses/subgroups.ts';
import { designPower } from '../../analyses/design-power.ts';
import type { AnalysisInput, SectionContext } from '../../analyses/framework.ts';
import { assertClose } from '../helpers/close.ts';

const planText = readFileSync('analyses/plan.json', 'utf8');
const plan = loadPlan(planText, 'plan.json');
const arms = [
  { code: 'MMF', label: 'MMF' },
  { code: 'MSC', label: 'UC-MSC' },
];
const ids = { armLabels: arms.map((a) => a.label), armCodes: arms.map((a) => a.code) };

interface Spec {
  arm: 'MSC' | 'MMF';
  sex: 'F' | 'M';
  n: number;
  x: number;
  lnclass?: string;
  age?: number;
  prot?: number | null;
}

/**
 * Sex: F UC-MSC 62/96, MMF 70/97; M UC-MSC 13/18, MMF 8/16 (the R case "two-levels-unbalanced").
 * LN class IV everywhere except 3 MMF subjects of class III (UC-MSC arm empty in III).
 * Age 35 except the M subjects (50); baseline protein 2.0 g/day, 4.0 for MMF F and 50 UC-MSC F, none for one
 * UC-MSC M.
 */
const Specs: readonly Spec[] = [
  { arm: 'MSC', sex: 'F', n: 46, x: 30 },
  { arm: 'MSC', sex: 'F', n: 50, x: 32, prot: 4 },
  { arm: 'MMF', sex: 'F', n: 94, x: 68, prot: 4 },
  { arm: 'MMF', sex: 'F', n: 3, x: 2, lnclass: 'III', prot: 4 },
  { arm: 'MSC', sex: 'M', n: 17, x: 12, age: 50 },
  { arm: 'MSC', sex: 'M', n: 1, x: 1, age: 50, prot: null },
  { arm: 'MMF', sex: 'M', n: 16, x: 8, age: 50 },
];

/** ADRS value columns (not used here). */
const NoValues = { UP24: null, UP24BL: null, UPCR: null, UPCRBL: null, ALB: null, SCR: null, SCRBL: null, EGFR: null, EGFRBL: null };

function build(specs: readonly Spec[] = Specs, p = plan): AnalysisInput {
  const adsl: AdslRecord[] = [];
  const adrs: AdrsRecord[] = [];
  const adlb: AdlbRecord[] = [];
  let k = 0;
  for (const s of specs) {
    for (let i = 0; i < s.n; i++) {
      const id = `S-${String(k++).padStart(4, '0')}`;
      adsl.push({ USUBJID: id, ARMCD: s.arm, ARM: s.arm === 'MSC' ? 'UC-MSC' : 'MMF', ITTFL: 'Y', FASFL: 'Y', PPROTFL: 'Y', SAFFL: 'Y', STRATUM: 'III/IV, UP<3.5', LNCLASS: s.lnclass ?? 'IV', SEX: s.sex, AGE: s.age ?? 35 } as unknown as AdslRecord);
      const resp = i < s.x;
      adrs.push({ USUBJID: id, PARAMCD: 'TOTREM', AVISIT: 'Week 24', ANL01FL: 'Y', AVALC: resp ? 'Y' : 'N', RSNREAS: resp ? 'PR' : 'NR-CRITERIA', RSNDTL: null, ...NoValues } as unknown as AdrsRecord);
      const prot = s.prot === undefined ? 2 : s.prot;
      if (prot !== null) adlb.push({ USUBJID: id, PARAMCD: 'PROT', PARAM: '24-hour urine protein (g/24h)', ABLFL: 'Y', AVAL: prot, AVALU: 'g/24h' } as unknown as AdlbRecord);
    }
  }
  return { plan: p, arms, adam: { adsl, adrs, adlb } };
}

const get = (ard: readonly ArdRecord[], q: Partial<ArdRecord>) => {
  const hits = ard.filter((r) => (Object.keys(q) as (keyof ArdRecord)[]).every((k) => r[k] === q[k]));
  assert.is(hits.length, 1, `exactly one record for ${JSON.stringify(q)}`);
  return hits[0].value;
};

const contrast = 'UC-MSC - MMF';
// R reference cases (shared case format): test/references/interaction-lrt/ and test/references/fm-power/.
const lrtRef = JSON.parse(readFileSync('test/references/interaction-lrt/interaction-lrt-cases.json', 'utf8')) as { id: string; expected: { chisq: number; p: number } }[];
const fmRef = JSON.parse(readFileSync('test/references/fm-power/fm-power-cases.json', 'utf8')) as { method: string; inputs: { p1: number; margin: number; n1: number; alpha_one_sided: number }; expected: { power: number } }[];

test('subgroups: counts per level and arm by hand; header N per arm', () => {
  const ard = subgroupAnalysis.run(build());
  assert.is(get(ard, { analysis: 'subgroup-ni', parameter: 'TOTREM', group: 'UC-MSC', statistic: 'N' }), 114);
  assert.is(get(ard, { analysis: 'subgroup-ni', parameter: 'TOTREM', group: 'MMF', statistic: 'N' }), 113);
  // Each arm's header N lists its FAS subjects (closed report); every randomised subject is in the FAS here.
  const header = ard.find((r) => r.analysis === 'subgroup-ni' && r.parameter === 'TOTREM' && r.group === 'MMF' && r.statistic === 'N')?.subjects;
  assert.is(header?.counted.length, 113);
  assert.ok(header?.counted.every((t) => t.reason === 'FASFL = Y') && header.notCounted?.length === 0);
  assert.is(get(ard, { analysis: 'subgroup-ni', parameter: 'SEX', category: 'F', group: 'UC-MSC', statistic: 'n' }), 62);
  assert.is(get(ard, { analysis: 'subgroup-ni', parameter: 'SEX', category: 'F', group: 'MMF', statistic: 'N' }), 97);
  assert.is(get(ard, { analysis: 'subgroup-ni', parameter: 'SEX', category: 'M', group: 'Total', statistic: 'n' }), 21);
  assert.is(get(ard, { analysis: 'subgroup-ni', parameter: 'AGEGR', category: '>=45', group: 'Total', statistic: 'N' }), 34);
  assert.is(get(ard, { analysis: 'subgroup-ni', parameter: 'UPBLGR', category: '>=3.5', group: 'MMF', statistic: 'N' }), 97);
  const est = get(ard, { analysis: 'subgroup-ni', parameter: 'SEX', category: 'M', group: contrast, statistic: 'estimate' }) as number;
  assertClose(est, 13 / 18 - 8 / 16, { abs: 1e-12 }, 'difference in males');
  const all = get(ard, { analysis: 'subgroup-ni', parameter: 'ALL', category: 'All subjects', group: contrast, statistic: 'estimate' }) as number;
  assertClose(all, 75 / 114 - 78 / 113, { abs: 1e-12 }, 'difference, all subjects');
});

test('subgroups: sex interaction = R glm + anova(test = "LRT") on the same counts', () => {
  const ard = subgroupAnalysis.run(build());
  const r = lrtRef.find((c) => c.id === 'X-interaction-two-levels-unbalanced')!.expected;
  assertClose(get(ard, { analysis: 'subgroup-interaction', parameter: 'SEX', statistic: 'chiSquare' }) as number, r.chisq, { abs: 1e-8 }, 'χ²');
  assertClose(get(ard, { analysis: 'subgroup-interaction', parameter: 'SEX', statistic: 'pValue' }) as number, r.p, { abs: 1e-8 }, 'p');
  assert.is(get(ard, { analysis: 'subgroup-interaction', parameter: 'SEX', statistic: 'df' }), 1);
});

test('subgroups: an empty arm gives a note (no CI) and the level leaves the test; Missing is shown, not tested; no NaN', () => {
  const ard = subgroupAnalysis.run(build());
  assert.match(String(get(ard, { analysis: 'subgroup-ni', parameter: 'LNCLASS', category: 'III', group: contrast, statistic: 'note' })), /no subject in UC-MSC/);
  assert.not.ok(ard.some((r) => r.parameter === 'LNCLASS' && r.category === 'III' && r.statistic === 'estimate'));
  assert.is(get(ard, { analysis: 'subgroup-interaction', parameter: 'LNCLASS', category: 'III', statistic: 'excluded' }), 'no subject in one arm');
  // LN class IV alone is left: not estimable, with the reason.
  assert.match(String(get(ard, { analysis: 'subgroup-interaction', parameter: 'LNCLASS', statistic: 'notEstimable' })), /fewer than two/);
  assert.is(get(ard, { analysis: 'subgroup-ni', parameter: 'UPBLGR', category: 'Missing', group: 'UC-MSC', statistic: 'N' }), 1);
  assert.is(get(ard, { analysis: 'subgroup-interaction', parameter: 'UPBLGR', statistic: 'levelsTested' }), 2);
  // Stratum: a single level: not estimable.
  assert.match(String(get(ard, { analysis: 'subgroup-interaction', parameter: 'STRATUM', statistic: 'notEstimable' })), /fewer than two/);
  for (const r of ard) if (typeof r.value === 'number') assert.ok(Number.isFinite(r.value), `finite ${JSON.stringify(r)}`);
});

test('subgroups: closed sections: forest without the empty level, table with "–" and the method footnotes', () => {
  const ard = subgroupAnalysis.run(build());
  const ctx: SectionContext = { plan, arms, blinding: 'closed' };
  const [section] = subgroupAnalysis.sections(ard, ctx);
  assert.is(section.id, 'subgroups');
  const chart = section.blocks.find((b) => b.kind === 'chart');
  assert.ok(chart && chart.kind === 'chart');
  const text = JSON.stringify(chart.spec);
  assert.ok(text.includes('Sex: Male') && !text.includes('(ISN/RPS): III"'), 'forest rows');
  assert.ok(text.includes('NI margin -15 pp'), 'margin line');
  const table = (section.blocks.find((b) => b.kind === 'table') as TableBlock).table;
  const row = table.rows.find((r) => r.label === 'III')!;
  assert.equal(row.cells, ['0/0 (–)', '2/3 (66.7 %)', '–']);
  const notes = table.footnotes.join(' ');
  assert.match(notes, /Miettinen–Nurminen 95 % CI/);
  assert.match(notes, /likelihood-ratio test of the treatment × subgroup term in the logistic regression/);
  assert.match(notes, /Full analysis set/);
  assert.match(notes, /exploratory/);
  const heading = table.rows.find((r) => r.heading && r.label.startsWith('Sex'))!;
  assert.match(heading.label, /interaction p = 0\.093/);
});

test('subgroups and design power: the open report gets pooled numbers only and names no arm', () => {
  const input = build();
  const ctx: SectionContext = { plan, arms, blinding: 'open' };
  for (const a of [subgroupAnalysis, designPower]) {
    const visible = openRecords(a.run(input), ids);
    assert.ok(visible.every((r) => r.group === null || r.group === 'Total'));
    const sections = a.sections(visible, ctx);
    assert.ok(sections.length === 1);
    assert.not.ok(mentionsArm(JSON.stringify(sections), ids), `${a.id}: no arm label or code`);
  }
  const sub = subgroupAnalysis.sections(openRecords(subgroupAnalysis.run(input), ids), ctx)[0];
  const table = (sub.blocks.find((b) => b.kind === 'table') as TableBlock).table;
  assert.equal(table.rows.find((r) => r.label === 'Male')!.cells, ['21/34 (61.8 %)']);
  const power = designPower.sections(openRecords(designPower.run(input), ids), ctx)[0];
  const rows = (power.blocks.find((b) => b.kind === 'table') as TableBlock).table.rows.map((r) => r.label);
  assert.equal(rows.length, 2, 'planned and pooled rows only');
});

test('design power: planned power = rpact; pooled rate by hand; control-arm scenario in the closed report only', () => {
  const ard = designPower.run(build());
  const ref = fmRef.find((c) => c.method === 'farrington_manning_ni_power' && c.inputs.p1 === 0.7 && c.inputs.margin === 0.15 && c.inputs.n1 === 115 && c.inputs.alpha_one_sided === 0.025)!;
  assertClose(get(ard, { analysis: 'design-power', category: 'planned', statistic: 'power' }) as number, ref.expected.power, { abs: 1e-9 }, 'planned power');
  assert.is(get(ard, { analysis: 'design-power', category: 'planned', statistic: 'nPerArm' }), 115);
  assert.is(get(ard, { analysis: 'design-power', category: 'planned', statistic: 'nFor80' }), 146);
  assert.is(get(ard, { analysis: 'design-power', category: 'planned', statistic: 'nFor90' }), 196);
  assertClose(get(ard, { analysis: 'design-power', category: 'observed-pooled', group: 'Total', statistic: 'rate' }) as number, 153 / 227, { abs: 1e-15 }, 'pooled rate');
  assertClose(get(ard, { analysis: 'design-power', category: 'observed-control', group: 'MMF', statistic: 'rate' }) as number, 78 / 113, { abs: 1e-15 }, 'control rate');
  const closed = designPower.sections(ard, { plan, arms, blinding: 'closed' })[0];
  assert.is((closed.blocks.find((b) => b.kind === 'table') as TableBlock).table.rows.length, 3);
});

test('design power: no design in the plan → n per arm from ADSL (randomised / arms), no planned row; rate 0 → a note, no NaN', () => {
  const raw = JSON.parse(planText) as { primary: Record<string, unknown> };
  delete raw.primary.design;
  const noDesign = loadPlan(JSON.stringify(raw), 'plan.json');
  const ard = designPower.run(build(Specs, noDesign));
  assert.not.ok(ard.some((r) => r.category === 'planned'));
  assert.is(get(ard, { analysis: 'design-power', category: 'observed-pooled', statistic: 'nPerArm' }), 113);
  assert.is(get(ard, { analysis: 'design-power', statistic: 'nPerArmSource' }), 'adsl');
  const none = designPower.run(build([{ arm: 'MSC', sex: 'F', n: 5, x: 0 }, { arm: 'MMF', sex: 'F', n: 5, x: 0 }]));
  assert.match(String(get(none, { analysis: 'design-power', category: 'observed-pooled', statistic: 'note' })), /no power calculation/);
  for (const r of [...ard, ...none]) if (typeof r.value === 'number') assert.ok(Number.isFinite(r.value));
  const section = designPower.sections(none, { plan, arms, blinding: 'closed' })[0];
  assert.ok(JSON.stringify(section).includes('no power calculation at a rate of 0 %'));
});

test('plan: primary.design is validated (rate in (0, 1), integer n ≥ 1, no unknown key)', () => {
  const bad = (design: unknown) => {
    const raw = JSON.parse(planText) as { primary: Record<string, unknown> };
    raw.primary.design = design;
    return () => loadPlan(JSON.stringify(raw), 'plan.json');
  };
  assert.throws(bad({ controlRate: 1.2, nPerArm: 115 }), /primary\.design\.controlRate/);
  assert.throws(bad({ controlRate: 0.7, nPerArm: 11.5 }), /primary\.design\.nPerArm/);
  assert.throws(bad({ controlRate: 0.7, nPerArm: 115, dropout: 0.1 }), /primary\.design\.dropout: unknown key/);
});

test.run();
