/**
 * Time-to-remission analysis (issue 5 item 4): ARD records on hand-built ADaM records with hand-computed
 * expectations, degenerate groups, report sections, and the acceptance checks on the simulated sample.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import type { AdslRecord } from '../../src/adam/adsl.ts';
import type { AdtteRecord } from '../../src/adam/adtte.ts';
import type { ArdRecord } from '../../src/core/ard.ts';
import { loadPlan } from '../../src/plan/load-plan.ts';
import { renderReportHtml } from '../../src/report/html.ts';
import { timeToRemission } from '../../analyses/time-to-remission.ts';
import type { AnalysisInput, ArmInfo } from '../../analyses/framework.ts';
import { assertClose } from '../helpers/close.ts';
import { DescriptiveLevel } from '../../analyses/common/confidence.ts';

const plan = loadPlan(readFileSync(new URL('../../analyses/plan.json', import.meta.url), 'utf8'), 'analyses/plan.json');
const arms: ArmInfo[] = [{ code: 'MMF', label: 'MMF' }, { code: 'MSC', label: 'UC-MSC' }];

function subject(id: string, arm: string, stratum: string): AdslRecord {
  return { USUBJID: id, ARMCD: arm, ARM: arm, TRT01P: arm, STRATUM: stratum, ITTFL: 'Y', FASFL: 'Y', PPROTFL: 'Y', SAFFL: 'Y' } as unknown as AdslRecord;
}
function tte(id: string, param: 'TTPRCR' | 'TTCR', aval: number, status: 0 | 1 | 2): AdtteRecord {
  return { USUBJID: id, PARAMCD: param, AVAL: aval, EVNTSTAT: status, CNSR: status === 1 ? 0 : status === 2 ? 3 : 1, FASFL: 'Y' } as unknown as AdtteRecord;
}

/**
 * MMF (10): remissions at AVAL 29, 29, 57, 85, 85, 169; 4 censored at 180 (after every event).
 * MSC (10): remissions at 29, 85, 85, 85, 141; a competing event at 60; 4 censored at 180.
 * TTCR: nobody remits (all censored at 180; MSC's competing event at 60 kept).
 */
function handInput(): AnalysisInput {
  const adsl: AdslRecord[] = [];
  const adtte: AdtteRecord[] = [];
  const add = (arm: string, times: [number, 0 | 1 | 2][]) =>
    times.forEach(([t, s], i) => {
      const id = `${arm}-${String(i + 1).padStart(2, '0')}`;
      adsl.push(subject(id, arm, i % 2 === 0 ? 'A' : 'B'));
      adtte.push(tte(id, 'TTPRCR', t, s));
      adtte.push(tte(id, 'TTCR', s === 2 ? t : 180, s === 2 ? 2 : 0));
    });
  add('MMF', [[29, 1], [29, 1], [57, 1], [85, 1], [85, 1], [169, 1], [180, 0], [180, 0], [180, 0], [180, 0]]);
  add('MSC', [[29, 1], [85, 1], [85, 1], [85, 1], [141, 1], [60, 2], [180, 0], [180, 0], [180, 0], [180, 0]]);
  adsl.push({ ...subject('X-01', 'MMF', 'A'), FASFL: 'N' }); // not in the FAS: ignored
  adtte.push(tte('X-01', 'TTPRCR', 29, 1));
  return { plan, arms, adam: { adsl, adtte } };
}

function value(ard: readonly ArdRecord[], f: Partial<ArdRecord>): number | string | null {
  const hits = ard.filter((r) => (Object.keys(f) as (keyof ArdRecord)[]).every((k) => r[k] === f[k]));
  assert.is(hits.length, 1, `exactly one record for ${JSON.stringify(f)}, found ${hits.length}`);
  return hits[0].value;
}

const ard = timeToRemission.run(handInput());
const S = { analysis: 'time-to-remission', population: 'FAS' };

test('counts: N, events, competing and censored per arm (FAS only)', () => {
  assert.is(value(ard, { ...S, parameter: 'TTPRCR', group: 'MMF', statistic: 'N' }), 10);
  assert.is(value(ard, { ...S, parameter: 'TTPRCR', group: 'MMF', statistic: 'nEvent' }), 6);
  assert.is(value(ard, { ...S, parameter: 'TTPRCR', group: 'UC-MSC', statistic: 'nCompeting' }), 1);
  assert.is(value(ard, { ...S, parameter: 'TTPRCR', group: 'Total', statistic: 'nCensored' }), 8);
});

test('header N: the FAS subjects of the arm analysed; left out, the randomised not in the FAS and a FAS subject without an ADTTE record, each with the reason', () => {
  const input = handInput();
  const ard2 = timeToRemission.run({ ...input, adam: { ...input.adam, adsl: [...input.adam.adsl, subject('MMF-99', 'MMF', 'A')] } });
  const trace = (parameter: string, group: string) => ard2.find((r) => r.analysis === 'time-to-remission' && r.parameter === parameter && r.group === group && r.statistic === 'N')?.subjects;
  const mmf = trace('TTPRCR', 'MMF');
  assert.equal(mmf?.counted.map((s) => s.id), Array.from({ length: 10 }, (_, i) => `MMF-${String(i + 1).padStart(2, '0')}`));
  assert.ok(mmf?.counted.every((s) => s.reason === 'FASFL = Y'));
  assert.equal(mmf?.notCounted, [{ id: 'MMF-99', reason: 'FASFL = Y, no ADTTE TTPRCR record' }, { id: 'X-01', reason: 'FASFL = N: not dosed, no ADSL TRTSDT' }]);
  assert.equal(trace('TTCR', 'UC-MSC')?.notCounted, []);
  assert.is(trace('TTPRCR', 'Total'), undefined);
  const summary = timeToRemission.sections(ard2, { plan, arms, blinding: 'closed' })[0].blocks.find((b) => b.kind === 'table');
  assert.ok(summary?.kind === 'table' && summary.table.header.some((h) => h.trace === mmf), 'the summary table\'s header N is traced');
});

test('KM at week 24 equals the crude proportion when no one is censored before week 24 (hand: 6/10)', () => {
  // S(196) = 8/10 · 7/8 · 5/7 · 4/5 = 4/10, so 1 − KM = 0.6 = 6 remissions / 10 subjects.
  assertClose(value(ard, { ...S, parameter: 'TTPRCR', group: 'MMF', category: 'km', visit: 'Week 24', statistic: 'estimate' }) as number, 0.6, { abs: 1e-12 }, 'MMF 1-KM wk24');
  // Week 12 is read at the window end, day 98: 5 remissions by day 85 → 0.5.
  assertClose(value(ard, { ...S, parameter: 'TTPRCR', group: 'MMF', category: 'km', visit: 'Week 12', statistic: 'estimate' }) as number, 0.5, { abs: 1e-12 }, 'MMF 1-KM wk12');
  assert.is(value(ard, { ...S, parameter: 'TTPRCR', group: 'MMF', category: 'km', visit: 'Week 24', statistic: 'day' }), 196);
});

test('Aalen–Johansen at week 24 equals the crude proportion without censoring, competing event included (hand: 5/10)', () => {
  assertClose(value(ard, { ...S, parameter: 'TTPRCR', group: 'UC-MSC', category: 'cif', visit: 'Week 24', statistic: 'estimate' }) as number, 0.5, { abs: 1e-12 }, 'MSC AJ wk24');
  // 1 − KM censors the competing event at day 60: at risk 10, 8, 5 at days 29, 85, 141 with 1, 3, 1 events:
  // S = 9/10 · 5/8 · 4/5 = 0.45 → 1 − KM = 0.55 ≠ AJ.
  assertClose(value(ard, { ...S, parameter: 'TTPRCR', group: 'UC-MSC', category: 'km', visit: 'Week 24', statistic: 'estimate' }) as number, 0.55, { abs: 1e-12 }, 'MSC 1-KM wk24');
});

test('CI limits bracket the estimate and lie in [0, 1]', () => {
  for (const cat of ['km', 'cif']) {
    for (const g of ['MMF', 'UC-MSC', 'Total']) {
      const f = { ...S, parameter: 'TTPRCR', group: g, category: cat, visit: 'Week 12' };
      const [e, lo, hi] = ['estimate', 'lower', 'upper'].map((s) => value(ard, { ...f, statistic: s }) as number);
      assert.ok(lo >= 0 && lo <= e && e <= hi && hi <= 1, `${cat} ${g}: ${lo} ≤ ${e} ≤ ${hi}`);
    }
  }
});

test('median with the midpoint rule: S = 0.5 on [85, 169) gives (85 + 169) / 2 = 127', () => {
  assert.is(value(ard, { ...S, parameter: 'TTPRCR', group: 'MMF', category: 'median', statistic: 'estimate' }), 127);
});

test('all-censored parameter: median not reached (null), cumulative remission 0, no NaN', () => {
  assert.is(value(ard, { ...S, parameter: 'TTCR', group: 'MMF', category: 'median', statistic: 'estimate' }), null);
  assert.is(value(ard, { ...S, parameter: 'TTCR', group: 'MMF', category: 'km', visit: 'Week 24', statistic: 'estimate' }), 0);
  assert.is(value(ard, { ...S, parameter: 'TTCR', group: 'UC-MSC', category: 'cif', visit: 'Week 24', statistic: 'estimate' }), 0);
  assert.ok(ard.every((r) => typeof r.value !== 'number' || Number.isFinite(r.value)), 'every numeric value is finite');
  // No remission at all: Cox cannot be fitted → converged 0, never hidden.
  assert.is(value(ard, { ...S, parameter: 'TTCR', group: 'UC-MSC - MMF', category: 'hazard-ratio', statistic: 'converged' }), 0);
});

test('number at risk at weeks 0–24 (AVAL ≥ 7w + 1)', () => {
  // MMF times 29 29 57 85 85 169 180×4: ≥1:10, ≥29:10, ≥57:8, ≥85:7, ≥113:5, ≥141:5, ≥169:5.
  const atRisk = [0, 4, 8, 12, 16, 20, 24].map((w) => value(ard, { analysis: 'time-to-remission-at-risk', parameter: 'TTPRCR', group: 'MMF', category: String(w), statistic: 'n' }));
  assert.equal(atRisk, [10, 10, 8, 7, 5, 5, 5]);
});

test('comparison records: stratified log-rank, Cox HR (Efron) and Gray are present and finite', () => {
  const c = { ...S, parameter: 'TTPRCR', group: 'UC-MSC - MMF' };
  for (const [cat, stat] of [['logrank', 'pValue'], ['hazard-ratio', 'estimate'], ['hazard-ratio', 'lower'], ['gray', 'pValue']]) {
    const v = value(ard, { ...c, category: cat, statistic: stat });
    assert.ok(typeof v === 'number' && Number.isFinite(v), `${cat} ${stat} = ${v}`);
  }
  assert.is(value(ard, { ...c, category: 'hazard-ratio', statistic: 'converged' }), 1);
});

test('every interval at the descriptive level, 95 % (R survival 3.5 survfit conf.type = "log-log"; Wald z = 1.959964), and labelled so', () => {
  assert.is(DescriptiveLevel, 0.95);
  // MMF TTPRCR: R summary(survfit(Surv(t, e) ~ 1, conf.type = "log-log"), times = 98): surv 0.5, lower 0.183605590619015, upper 0.753174076998230.
  const km = { ...S, parameter: 'TTPRCR', group: 'MMF', category: 'km', visit: 'Week 12' };
  assertClose(value(ard, { ...km, statistic: 'lower' }) as number, 1 - 0.75317407699823, { abs: 1e-12 }, '1 − KM lower');
  assertClose(value(ard, { ...km, statistic: 'upper' }) as number, 1 - 0.183605590619015, { abs: 1e-12 }, '1 − KM upper');
  // R summary(fit)$table: median 127, 0.95LCL 29, 0.95UCL NA (not reached).
  const median = { ...S, parameter: 'TTPRCR', group: 'MMF', category: 'median' };
  assert.is(value(ard, { ...median, statistic: 'lower' }), 29);
  assert.is(value(ard, { ...median, statistic: 'upper' }), null);
  const hr = { ...S, parameter: 'TTPRCR', group: 'UC-MSC - MMF', category: 'hazard-ratio' };
  const [coef, se] = ['coef', 'se'].map((st) => value(ard, { ...hr, statistic: st }) as number);
  const z975 = 1.959963984540054; // standard normal 0.975 quantile
  assertClose(value(ard, { ...hr, statistic: 'lower' }) as number, Math.exp(coef - z975 * se), { rel: 1e-12 }, 'HR lower');
  assertClose(value(ard, { ...hr, statistic: 'upper' }) as number, Math.exp(coef + z975 * se), { rel: 1e-12 }, 'HR upper');
  const blocks = timeToRemission.sections(ard, { plan, arms, blinding: 'closed' }).flatMap((s) => s.blocks);
  const labels = blocks.flatMap((b) => (b.kind === 'table' ? b.table.rows.map((r) => r.label) : []));
  const withCi = labels.filter((l) => l.includes('CI'));
  assert.is(withCi.length, 2 * (1 + 2 * plan.secondary.remissionVisits.length) + 2, 'median, 1 − KM and AJ rows per parameter, one HR row per parameter');
  for (const l of withCi) assert.ok(l.includes('(95 % CI)'), l);
  const notes = blocks.flatMap((b) => (b.kind === 'table' ? b.table.footnotes : b.kind === 'chart' ? [b.caption ?? ''] : []));
  assert.ok(notes.some((n) => n.includes('pointwise log-log 95 % CI')) && notes.some((n) => n.includes('Wald 95 % CI')) && notes.some((n) => n.includes('pointwise 95 % CI band')));
});

test('curve records start at the origin with 0 and are non-decreasing', () => {
  for (const analysis of ['time-to-remission-curve-km', 'time-to-remission-curve-cif']) {
    const pts = ard
      .filter((r) => r.analysis === analysis && r.parameter === 'TTPRCR' && r.group === 'MMF' && r.statistic === 'estimate')
      .map((r) => [Number(r.category), r.value as number])
      .sort((a, b) => a[0] - b[0]);
    assert.equal(pts[0], [0, 0]);
    for (let i = 1; i < pts.length; i++) assert.ok(pts[i][1] >= pts[i - 1][1], `${analysis} non-decreasing`);
  }
});

test('sections: closed report has KM and AJ charts for both parameters and the tables; open report is pooled only', async () => {
  const closed = timeToRemission.sections(ard, { plan, arms, blinding: 'closed' });
  const blocks = closed.flatMap((s) => s.blocks);
  const charts = blocks.filter((b) => b.kind === 'chart').map((b) => (b as { id: string }).id);
  assert.equal(charts, ['ttr-ttprcr-km', 'ttr-ttprcr-cif', 'ttr-ttcr-km', 'ttr-ttcr-cif']);
  assert.is(blocks.filter((b) => b.kind === 'table').length, 2);
  const table = blocks.find((b) => b.kind === 'table');
  assert.ok(table !== undefined && table.kind === 'table');
  const median = table.table.rows.filter((r) => r.label.startsWith('Median'));
  assert.is(median[1].cells[0], 'NR (NR, NR)', 'TTCR median not reached shown as NR');
  const html = await renderReportHtml({ title: 'TTR', blinding: 'closed', dataCut: '2021-06-01', sections: closed });
  assert.ok(html.includes('Efron'), 'conventions stated');
  const open = timeToRemission.sections(ard.filter((r) => r.group === 'Total' || r.group === null), { plan, arms, blinding: 'open' });
  const openHtml = await renderReportHtml({ title: 'TTR', blinding: 'open', dataCut: '2021-06-01', sections: open });
  assert.not.ok(/UC-MSC|MMF/.test(openHtml), 'no arm label in the open report');
});

// ---- acceptance on the simulated sample (data/sample, or REMIT_SAMPLE_DIR) ----
const dir = process.env.REMIT_SAMPLE_DIR ?? new URL('../../data/sample/', import.meta.url).pathname;
if (!existsSync(`${dir}/dm.csv`)) {
  test.skip('sample: data/sample/ not generated yet (set REMIT_SAMPLE_DIR to a `remit simulate` output)', () => {});
} else {
  test('sample: curves and tables for TTPRCR and TTCR; KM ≥ crude proportion, equal where no one is censored before the landmark', async () => {
    const { readDataLock } = await import('../../src/io/read-data-lock.ts');
    const { deriveAdam } = await import('../../src/adam/derive-adam.ts');
    const lock = await readDataLock(dir);
    const adam = deriveAdam(lock.lock, plan).datasets;
    const labels = new Map(adam.adsl.map((s) => [s.ARMCD, s.ARM]));
    const sampleArms = arms.map((a) => ({ code: a.code, label: labels.get(a.code) ?? a.label }));
    const input: AnalysisInput = { plan, arms: sampleArms, adam };
    const res = timeToRemission.run(input);
    const blocks = timeToRemission.sections(res, { plan, arms: sampleArms, blinding: 'closed' }).flatMap((s) => s.blocks);
    assert.is(blocks.filter((b) => b.kind === 'chart').length, 4);
    for (const p of ['TTPRCR', 'TTCR']) {
      for (const a of sampleArms) {
        const fas = new Set(adam.adsl.filter((s) => s.FASFL === 'Y' && s.ARMCD === a.code).map((s) => s.USUBJID));
        const recs = adam.adtte.filter((r) => r.PARAMCD === p && fas.has(r.USUBJID));
        const day = 196;
        const crude = recs.filter((r) => r.EVNTSTAT === 1 && r.AVAL <= day).length / recs.length;
        const km = value(res, { ...S, parameter: p, group: a.label, category: 'km', visit: 'Week 24', statistic: 'estimate' }) as number;
        const lastEvent = Math.max(...recs.filter((r) => r.EVNTSTAT === 1 && r.AVAL <= day).map((r) => r.AVAL));
        const censoredEarly = recs.some((r) => r.EVNTSTAT !== 1 && r.AVAL < lastEvent);
        if (censoredEarly) assert.ok(km >= crude - 1e-12, `${p} ${a.label}: KM ${km} ≥ crude ${crude}`);
        else assertClose(km, crude, { abs: 1e-12 }, `${p} ${a.label}`);
      }
    }
  });
}

test.run();
