/**
 * Longitudinal lab analysis (issue 6 item 4): descriptive ARD records on hand-built ADLB records with
 * hand-computed expectations, visible MMRM failure, and the acceptance checks on the simulated sample.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import type { AdlbRecord } from '../../src/adam/adlb.ts';
import type { AdslRecord } from '../../src/adam/adsl.ts';
import type { ArdRecord } from '../../src/core/ard.ts';
import { loadPlan } from '../../src/plan/load-plan.ts';
import { longitudinal } from '../../analyses/longitudinal.ts';
import { visitListText } from '../../analyses/longitudinal/sections.ts';
import { estimateDecimals } from '../../analyses/common/parameter-display.ts';
import type { AnalysisInput, ArmInfo } from '../../analyses/framework.ts';
import { assertClose } from '../helpers/close.ts';

const plan = loadPlan(readFileSync(new URL('../../analyses/plan.json', import.meta.url), 'utf8'), 'analyses/plan.json');
const arms: ArmInfo[] = [{ code: 'MMF', label: 'MMF' }, { code: 'MSC', label: 'UC-MSC' }];
const onlyParams = (params: string[]) => ({ ...plan, longitudinal: { ...plan.longitudinal, params } });

function subject(id: string, arm: string): AdslRecord {
  return { USUBJID: id, ARMCD: arm, ARM: arm, STRATUM: 'A', ITTFL: 'Y', FASFL: 'Y', PPROTFL: 'Y', SAFFL: 'Y' } as unknown as AdslRecord;
}
function lab(id: string, param: string, visit: string, aval: number, base: number): AdlbRecord {
  const isBase = visit === 'Baseline';
  const chg = isBase ? null : aval - base;
  return { USUBJID: id, PARAMCD: param, AVISIT: visit, AVAL: aval, BASE: base, CHG: chg, PCHG: chg === null ? null : (100 * chg) / base, ANL01FL: 'Y', ABLFL: isBase ? 'Y' : null } as unknown as AdlbRecord;
}

function value(ard: readonly ArdRecord[], f: Partial<ArdRecord>): number | string | null {
  const hits = ard.filter((r) => (Object.keys(f) as (keyof ArdRecord)[]).every((k) => r[k] === f[k]));
  assert.is(hits.length, 1, `exactly one record for ${JSON.stringify(f)}, found ${hits.length}`);
  return hits[0].value;
}

/** ALB: MMF baseline 30, 32, 34 → week 4 33, 36, 36 (CHG 3, 4, 2). PROT (log): MMF week 4 values 1, 10, 100. ANA titres. */
function handInput(params: string[]): AnalysisInput {
  const adsl = ['M1', 'M2', 'M3'].map((id) => subject(id, 'MMF')).concat(['S1', 'S2', 'S3'].map((id) => subject(id, 'MSC')));
  const adlb: AdlbRecord[] = [
    lab('M1', 'ALB', 'Baseline', 30, 30), lab('M2', 'ALB', 'Baseline', 32, 32), lab('M3', 'ALB', 'Baseline', 34, 34),
    lab('M1', 'ALB', 'Week 4', 33, 30), lab('M2', 'ALB', 'Week 4', 36, 32), lab('M3', 'ALB', 'Week 4', 36, 34),
    lab('M1', 'PROT', 'Baseline', 2, 2), lab('M2', 'PROT', 'Baseline', 4, 4), lab('M3', 'PROT', 'Baseline', 8, 8),
    lab('M1', 'PROT', 'Week 4', 1, 2), lab('M2', 'PROT', 'Week 4', 10, 4), lab('M3', 'PROT', 'Week 4', 100, 8),
    lab('M1', 'ANA', 'Baseline', 320, 320), lab('M2', 'ANA', 'Baseline', 160, 160), lab('M3', 'ANA', 'Baseline', 80, 80),
    lab('M1', 'ANA', 'Week 4', 80, 320), lab('M2', 'ANA', 'Week 4', 80, 160), lab('M3', 'ANA', 'Week 4', 80, 80),
  ];
  return { plan: onlyParams(params), arms, adam: { adsl, adlb } };
}

const D = { analysis: 'longitudinal-descriptive', population: 'FAS' };

test('value and change from baseline by arm and visit (hand)', () => {
  const ard = longitudinal.run(handInput(['ALB']));
  const f = { ...D, parameter: 'ALB', group: 'MMF', visit: 'Week 4' };
  // AVAL 33, 36, 36: mean 35, SD sqrt(((−2)² + 1 + 1)/2) = sqrt(3); median 36; min 33, max 36.
  assertClose(value(ard, { ...f, category: 'AVAL', statistic: 'mean' }) as number, 35, { abs: 1e-12 }, 'mean');
  assertClose(value(ard, { ...f, category: 'AVAL', statistic: 'sd' }) as number, Math.sqrt(3), { abs: 1e-12 }, 'sd');
  assert.is(value(ard, { ...f, category: 'AVAL', statistic: 'median' }), 36);
  // CHG 3, 4, 2: mean 3, SD 1; 95 % CI 3 ± t(0.975, 2) · 1/√3 = 3 ± 4.302653 · 0.577350 = 3 ± 2.484138 = (0.515862, 5.484138).
  assertClose(value(ard, { ...f, category: 'CHG', statistic: 'mean' }) as number, 3, { abs: 1e-12 }, 'chg mean');
  assertClose(value(ard, { ...f, category: 'AVAL', statistic: 'n' }) as number, 3, { abs: 0 }, 'n');
  assertClose(value(ard, { ...f, category: 'CHG', statistic: 'meanLower' }) as number, 0.515862, { abs: 1e-5 }, 'chg lower');
  assert.is(value(ard, { ...D, parameter: 'ALB', group: 'MMF', statistic: 'N' }), 3);
  // UC-MSC has no ALB data: n 0, statistics null (never NaN).
  assert.is(value(ard, { ...D, parameter: 'ALB', group: 'UC-MSC', visit: 'Week 4', category: 'AVAL', statistic: 'n' }), 0);
  assert.is(value(ard, { ...D, parameter: 'ALB', group: 'UC-MSC', visit: 'Week 4', category: 'AVAL', statistic: 'mean' }), null);
});

test('header N: each arm\'s N lists the FAS subjects of the arm and the randomised subjects of the arm not in the FAS, with the reason; Total is not traced; the table shows it', () => {
  const input = handInput(['ALB', 'PROT']);
  const adsl = [...input.adam.adsl, { ...subject('S9', 'MSC'), FASFL: 'N', TRTSDT: null } as AdslRecord];
  const ard = longitudinal.run({ ...input, adam: { ...input.adam, adsl } });
  const trace = (parameter: string, group: string) => ard.find((r) => r.analysis === D.analysis && r.parameter === parameter && r.group === group && r.statistic === 'N')?.subjects;
  const fas = (ids: string[]) => ids.map((id) => ({ id, reason: 'FASFL = Y' }));
  assert.equal(trace('ALB', 'UC-MSC'), { counted: fas(['S1', 'S2', 'S3']), notCounted: [{ id: 'S9', reason: 'FASFL = N: not dosed, no ADSL TRTSDT' }] });
  assert.equal(trace('PROT', 'MMF'), { counted: fas(['M1', 'M2', 'M3']), notCounted: [] });
  assert.is(trace('ALB', 'Total'), undefined);
  const table = longitudinal.sections(ard, { plan: input.plan, arms, blinding: 'closed' })[0].blocks.find((b) => b.kind === 'table');
  assert.ok(table?.kind === 'table' && table.table.header.some((h) => h.trace === trace('ALB', 'UC-MSC')), 'the descriptive table\'s header N is traced');
});

test('geometric mean and percent change for proteinuria (hand: GM of 1, 10, 100 = 10)', () => {
  const ard = longitudinal.run(handInput(['PROT']));
  const f = { ...D, parameter: 'PROT', group: 'MMF', visit: 'Week 4' };
  assertClose(value(ard, { ...f, category: 'GEOMEAN', statistic: 'estimate' }) as number, 10, { rel: 1e-12 }, 'GM');
  // PCHG −50, 150, 1150 → mean 416.666…
  assertClose(value(ard, { ...f, category: 'PCHG', statistic: 'mean' }) as number, 1250 / 3, { rel: 1e-12 }, 'PCHG mean');
});

test('ANA is summarised as log2 titre (hand: baseline log2 320, 160, 80 → mean log2 160 = 7.321928)', () => {
  const ard = longitudinal.run(handInput(['ANA']));
  assertClose(value(ard, { ...D, parameter: 'ANA', group: 'MMF', visit: 'Baseline', category: 'AVAL', statistic: 'mean' }) as number, Math.log2(160), { abs: 1e-12 }, 'log2 mean');
  // Change in dilution steps: −2, −1, 0 → mean −1.
  assertClose(value(ard, { ...D, parameter: 'ANA', group: 'MMF', visit: 'Week 4', category: 'CHG', statistic: 'mean' }) as number, -1, { abs: 1e-12 }, 'log2 chg');
});

test('table and chart: the geometric mean of a log2 titre is labelled as a titre, 1:x (2^mean log2: 160, beside a log2 mean of 7.32); other parameters keep "Geometric mean"', () => {
  const blocksOf = (p: string) => longitudinal.sections(longitudinal.run(handInput([p])), { plan: onlyParams([p]), arms, blinding: 'closed' }).flatMap((s) => s.blocks);
  const rowsOf = (p: string) => {
    const t = blocksOf(p).find((b) => b.kind === 'table' && b.table.id.endsWith('-desc'));
    assert.ok(t !== undefined && t.kind === 'table');
    return t.table.rows;
  };
  const axisTitleOf = (p: string) => {
    const chart = blocksOf(p).find((b) => b.kind === 'chart');
    assert.ok(chart !== undefined && chart.kind === 'chart');
    return (JSON.stringify(chart.spec).match(/"axis":\{"title":"([^"]*)"/g) ?? []).map((m) => m.replace(/^"axis":\{"title":"|"$/g, ''));
  };
  // ANA baseline, MMF: titres 320, 160, 80 → log2 8.32, 7.32, 6.32: mean 7.32 (SD 1); geometric mean titre 2^7.32 = 160.
  const ana = rowsOf('ANA');
  const baseline = ana.slice(ana.findIndex((r) => r.label === 'Baseline'));
  assert.equal(baseline.find((r) => r.label === 'Mean (SD)')!.cells[0], '7.32 (1.000)');
  const gmt = baseline.find((r) => r.label.startsWith('Geometric mean'))!;
  assert.is(gmt.label, 'Geometric mean titre (95 % CI), 1:x');
  assert.match(gmt.cells[0], /^160\.00 \(/);
  assert.ok(axisTitleOf('ANA').includes('Geometric mean titre (1:x)'), axisTitleOf('ANA').join(' | '));
  // PROT (log-normal, analysed as is): value and geometric mean on the same scale, g/24 h.
  assert.equal([...new Set(rowsOf('PROT').filter((r) => r.label.startsWith('Geometric mean')).map((r) => r.label))], ['Geometric mean (95 % CI)']);
  assert.ok(axisTitleOf('PROT').includes('24-h urine protein (g/24 h) (geometric mean)'), axisTitleOf('PROT').join(' | '));
});

test('MMRM that cannot be fitted (an arm without data) is reported: converged 0 + message + footnote', () => {
  const ard = longitudinal.run(handInput(['ALB']));
  const m = { analysis: 'longitudinal-mmrm', population: 'FAS', parameter: 'ALB', group: 'UC-MSC - MMF', category: 'model' };
  assert.is(value(ard, { ...m, statistic: 'converged' }), 0);
  const sections = longitudinal.sections(ard, { plan: onlyParams(['ALB']), arms, blinding: 'closed' });
  const tables = sections.flatMap((s) => s.blocks).filter((b) => b.kind === 'table');
  assert.ok(tables.some((t) => t.kind === 'table' && t.table.footnotes.some((f) => f.includes('DID NOT CONVERGE'))), 'footnote shown');
});

test('MMRM table: each arm\'s header N is its FAS with the population trace; the model size is footnoted; estimates one decimal more than values', () => {
  // ALB in both arms at weeks 4 and 8; S9 (UC-MSC) is randomised but not in the FAS.
  const base = handInput(['ALB']);
  const msc: AdlbRecord[] = [
    lab('S1', 'ALB', 'Baseline', 31, 31), lab('S2', 'ALB', 'Baseline', 33, 33), lab('S3', 'ALB', 'Baseline', 29, 29),
    lab('S1', 'ALB', 'Week 4', 35, 31), lab('S2', 'ALB', 'Week 4', 34, 33), lab('S3', 'ALB', 'Week 4', 33, 29),
    lab('S1', 'ALB', 'Week 8', 36, 31), lab('S2', 'ALB', 'Week 8', 37, 33), lab('S3', 'ALB', 'Week 8', 32, 29),
    lab('M1', 'ALB', 'Week 8', 31, 30), lab('M2', 'ALB', 'Week 8', 35, 32), lab('M3', 'ALB', 'Week 8', 37, 34),
  ];
  const adsl = [...base.adam.adsl, { ...subject('S9', 'MSC'), FASFL: 'N', TRTSDT: null } as AdslRecord];
  const input = { ...base, adam: { adsl, adlb: [...(base.adam.adlb ?? []), ...msc] } };
  const ard = longitudinal.run(input);
  const m = { analysis: 'longitudinal-mmrm', population: 'FAS', parameter: 'ALB' };
  assert.is(value(ard, { ...m, group: 'UC-MSC - MMF', category: 'model', statistic: 'converged' }), 1);
  const n = ard.find((r) => r.analysis === m.analysis && r.parameter === 'ALB' && r.group === 'UC-MSC' && r.statistic === 'N');
  assert.is(n?.value, 3);
  assert.equal(n?.subjects, { counted: ['S1', 'S2', 'S3'].map((id) => ({ id, reason: 'FASFL = Y' })), notCounted: [{ id: 'S9', reason: 'FASFL = N: not dosed, no ADSL TRTSDT' }] });
  const table = longitudinal.sections(ard, { plan: input.plan, arms, blinding: 'closed' }).flatMap((s) => s.blocks).find((b) => b.kind === 'table' && b.table.id.endsWith('-mmrm'));
  assert.ok(table !== undefined && table.kind === 'table');
  const t = table.table;
  assert.equal(t.header.map((h) => h.n), ['N = 3', 'N = 3', null, null]);
  assert.ok(t.header[1].trace === n?.subjects, 'the header N carries the FAS trace');
  assert.ok(t.footnotes.includes('N: the arm\'s subjects in the analysis set. The model used 6 subjects with 12 post-baseline values (both arms).'), JSON.stringify(t.footnotes));
  // ALB values have 1 decimal, so an LS mean change or difference has 2: "d.dd (d.dd, d.dd)".
  const week4 = t.rows.find((r) => r.label === 'Week 4')!.cells;
  assert.ok(week4.slice(0, 3).every((c) => /^-?\d+\.\d{2} \(-?\d+\.\d{2}, -?\d+\.\d{2}\)$/.test(c)), JSON.stringify(week4));
  assert.is(estimateDecimals('ALB'), 2);
  assert.is(estimateDecimals('CREAT'), 1, 'creatinine values are whole µmol/L: estimates get 1 decimal');
});

test('table: a visit without values in any arm is left out and named in a footnote; an arm without values at a kept visit shows "–"', () => {
  // ALB: MMF has values at baseline and week 4, UC-MSC none; no one has values at weeks 8–24.
  const ard = longitudinal.run(handInput(['ALB']));
  // The ARD keeps the n = 0 records of the omitted visits (nothing dropped silently).
  assert.is(value(ard, { ...D, parameter: 'ALB', group: 'MMF', visit: 'Week 8', category: 'AVAL', statistic: 'n' }), 0);
  const table = longitudinal.sections(ard, { plan: onlyParams(['ALB']), arms, blinding: 'closed' }).flatMap((s) => s.blocks).find((b) => b.kind === 'table' && b.table.id.endsWith('-desc'));
  assert.ok(table !== undefined && table.kind === 'table');
  const t = table.table;
  assert.equal(t.rows.filter((r) => r.heading).map((r) => r.label), ['Baseline', 'Week 4']);
  assert.ok(t.footnotes.includes('Not collected at Weeks 8, 12, 16, 20 and 24: no values in any arm.'), JSON.stringify(t.footnotes));
  const week4 = t.rows.slice(t.rows.findIndex((r) => r.label === 'Week 4'));
  const cells = (label: string) => week4.find((r) => r.label === label)!.cells;
  // MMF AVAL 33, 36, 36: mean 35.0, SD √3 = 1.73; UC-MSC: n 0 and one "–" per statistic, never "– (–––)".
  assert.equal(cells('Value: n'), ['3', '0']);
  assert.equal(cells('Mean (SD)'), ['35.0 (1.73)', '–']);
  assert.equal(cells('Median (Q1–Q3)'), ['36.0 (33.0–36.0)', '–']);
  assert.equal(cells('Min–max'), ['33.0–36.0', '–']);
});

test('visitListText: "Weeks 4, 8, 16 and 20"; one week; labels of other forms as they are', () => {
  assert.is(visitListText(['Week 4', 'Week 8', 'Week 16', 'Week 20']), 'Weeks 4, 8, 16 and 20');
  assert.is(visitListText(['Week 12']), 'Week 12');
  assert.is(visitListText(['Baseline', 'Week 4']), 'Baseline and Week 4');
});

// ---- acceptance on the simulated sample (data/sample, or REMIT_SAMPLE_DIR) ----
const dir = process.env.REMIT_SAMPLE_DIR ?? new URL('../../data/sample/', import.meta.url).pathname;
if (!existsSync(`${dir}/dm.csv`)) {
  test.skip('sample: data/sample/ not generated yet (set REMIT_SAMPLE_DIR to a `remit simulate` output)', () => {});
} else {
  test('sample: the MMRM converges for every parameter; week-24 log UPCR difference CI covers the true effect', async () => {
    const { readDataLock } = await import('../../src/io/read-data-lock.ts');
    const { deriveAdam } = await import('../../src/adam/derive-adam.ts');
    const adam = deriveAdam((await readDataLock(dir)).lock, plan).datasets;
    const labels = new Map(adam.adsl.map((s) => [s.ARMCD, s.ARM]));
    const sampleArms = arms.map((a) => ({ code: a.code, label: labels.get(a.code) ?? a.label }));
    const ard = longitudinal.run({ plan, arms: sampleArms, adam });
    const contrast = `${sampleArms[1].label} - ${sampleArms[0].label}`;
    for (const p of plan.longitudinal.params) {
      assert.is(value(ard, { analysis: 'longitudinal-mmrm', parameter: p, group: contrast, category: 'model', statistic: 'converged' }), 1, `${p} converged`);
    }
    const truth = JSON.parse(readFileSync(`${dir}/truth/parameters.json`, 'utf8')) as { armDifferenceLogUpcrRatioWeek24: number };
    const w = { analysis: 'longitudinal-mmrm', parameter: 'PROTCRT', group: contrast, visit: 'Week 24', category: 'mmrm' };
    const lo = value(ard, { ...w, statistic: 'lower' }) as number;
    const hi = value(ard, { ...w, statistic: 'upper' }) as number;
    assert.ok(lo <= truth.armDifferenceLogUpcrRatioWeek24 && truth.armDifferenceLogUpcrRatioWeek24 <= hi, `true ${truth.armDifferenceLogUpcrRatioWeek24} in (${lo}, ${hi})`);
    const sections = longitudinal.sections(ard, { plan, arms: sampleArms, blinding: 'closed' });
    assert.is(sections.length, plan.longitudinal.params.length);
  });
}

test.run();
