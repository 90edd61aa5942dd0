/**
 * Acceptance checks on the committed reference run (reports/sample/, kept current by
 * run-pipeline.test.ts): numbers in the ARD recomputed independently from the ADaM CSVs, and the effect
 * of switching the plan's response definition.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { ArdRecord } from '../../src/core/ard.ts';
import { readDataLock } from '../../src/io/read-data-lock.ts';
import { loadPlan } from '../../src/plan/load-plan.ts';
import { deriveAdam } from '../../src/adam/derive-adam.ts';
import { primaryNonInferiority } from '../../analyses/primary-noninferiority.ts';
import { armsFromAdsl } from '../../analyses/run-all.ts';

const rows = (f: string) => parse(readFileSync(`reports/sample/adam/${f}`, 'utf8'), { columns: true }) as Record<string, string>[];
const ard = JSON.parse(readFileSync('reports/sample/results/ard.json', 'utf8')) as ArdRecord[];
const value = (q: Partial<ArdRecord>) => {
  const hits = ard.filter((r) => (Object.keys(q) as (keyof ArdRecord)[]).every((k) => r[k] === q[k]));
  assert.is(hits.length, 1, JSON.stringify(q));
  return hits[0].value as number;
};

for (const [pop, flag] of [['FAS', 'FASFL'], ['PP', 'PPROTFL']] as const) {
  test(`sample: the primary ${pop} estimate equals a hand computation from the ADRS/ADSL counts`, () => {
    const adsl = rows('adsl.csv').filter((s) => s[flag] === 'Y');
    const resp = new Set(rows('adrs.csv').filter((r) => r.PARAMCD === 'TOTREM' && r.AVISIT === 'Week 24' && r.ANL01FL === 'Y' && r.AVALC === 'Y').map((r) => r.USUBJID));
    // Mantel–Haenszel weighted difference over strata: Σ w_h (p1h − p2h) / Σ w_h, w_h = n1h n2h / (n1h + n2h).
    let num = 0;
    let den = 0;
    for (const stratum of new Set(adsl.map((s) => s.STRATUM))) {
      const inS = adsl.filter((s) => s.STRATUM === stratum);
      const e = inS.filter((s) => s.ARMCD === 'MSC');
      const c = inS.filter((s) => s.ARMCD === 'MMF');
      const pe = e.filter((s) => resp.has(s.USUBJID)).length / e.length;
      const pc = c.filter((s) => resp.has(s.USUBJID)).length / c.length;
      const w = (e.length * c.length) / (e.length + c.length);
      num += w * (pe - pc);
      den += w;
    }
    const est = value({ analysis: 'ni-primary', population: pop, group: 'UC-MSC - MMF', statistic: 'estimate' });
    assert.ok(Math.abs(est - num / den) < 1e-12, `${pop}: ARD ${est} vs hand ${num / den}`);
    const nMsc = adsl.filter((s) => s.ARMCD === 'MSC').length;
    assert.is(value({ analysis: 'ni-primary', population: pop, group: 'UC-MSC', statistic: 'N' }), nMsc);
    assert.is(value({ analysis: 'ni-primary', population: pop, group: 'UC-MSC', statistic: 'n' }), adsl.filter((s) => s.ARMCD === 'MSC' && resp.has(s.USUBJID)).length);
    const verdict = ard.find((r) => r.analysis === 'ni-primary' && r.population === pop && r.statistic === 'verdict')?.value;
    assert.match(String(verdict), /^non-inferior(ity not shown)? at margin 15 pp: lower 95 % bound −?\d+\.\d pp (>|≤) −15 pp$/);
  });
}

test('switching the response definition changes the results, and the ADRS names the definition used', async () => {
  const text = readFileSync('analyses/plan.json', 'utf8');
  const cn = loadPlan(text, 'plan.json');
  const altJson = JSON.parse(text) as { response: { definition: string; alternatives: string[] } };
  altJson.response.definition = 'KDIGO2021';
  altJson.response.alternatives = [];
  const kd = loadPlan(JSON.stringify(altJson), 'plan.json');
  const lock = (await readDataLock('data/sample', { arms: ['MSC', 'MMF'] })).lock;
  const a = deriveAdam(lock, cn).datasets;
  const b = deriveAdam(lock, kd).datasets;
  const tot = (adrs: typeof a.adrs) => adrs.filter((r) => r.PARAMCD === 'TOTREM' && r.AVISIT === 'Week 24' && r.AVALC === 'Y').length;
  assert.ok(tot(a.adrs) !== tot(b.adrs), `CN24H ${tot(a.adrs)} vs KDIGO2021 ${tot(b.adrs)} responders`);
  assert.ok(b.adrs.filter((r) => r.PARAMCD === 'RENALRSP').every((r) => r.PARCAT1 === 'KDIGO2021'));
  assert.ok(a.adrs.filter((r) => r.PARAMCD === 'RENALRSP').every((r) => r.PARCAT1 === 'CN24H'));
  const run = primaryNonInferiority.run({ plan: kd, adam: b, arms: armsFromAdsl(kd, b.adsl) });
  assert.ok(run.length > 0);
  const html = readFileSync('reports/sample/report.html', 'utf8');
  assert.match(html, /Response definition: CN24H/);
});

test.run();
