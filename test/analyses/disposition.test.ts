/**
 * Disposition: hand case (randomised, treated, completed, discontinued by reason, analysis sets, a
 * non-randomised subject) and the CDISC pilot against an independent count of adsl.csv DCDECOD.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ArdRecord } from '../../src/core/ard.ts';
import { computeDisposition, consortFlow, dispositionAnalysis, PP_REASON_FOOTNOTE, PP_RULE_FOOTNOTE } from '../../analyses/disposition.ts';
import { consortSvg } from '../../src/report/charts/consort.ts';
import { renderReportHtml } from '../../src/report/html.ts';
import { adsl, input } from './factories.ts';
import { pilotCsv, pilotInput, pilotPresent } from './pilot-adam.ts';

const one = (ard: readonly ArdRecord[], q: Partial<ArdRecord>) => {
  const v = ard.filter((r) => (Object.keys(q) as (keyof ArdRecord)[]).every((k) => r[k] === q[k]));
  assert.is(v.length, 1, JSON.stringify(q));
  return v[0].value;
};

// A: S1 completed; S2 discontinued (ADVERSE EVENT), never treated (TRTSDT null, SAFFL N, FASFL N).
// B: S3 discontinued (WITHDRAWAL BY SUBJECT), S4 ongoing. S5: screen failure (ITTFL N, no arm).
const small = input([
  adsl('S1', 'A'),
  adsl('S2', 'A', { EOSSTT: 'DISCONTINUED', DCSREAS: 'ADVERSE EVENT', TRTSDT: null, SAFFL: 'N', FASFL: 'N', PPROTFL: 'N' }),
  adsl('S3', 'B', { EOSSTT: 'DISCONTINUED', DCSREAS: 'WITHDRAWAL BY SUBJECT' }),
  adsl('S4', 'B', { EOSSTT: 'ONGOING' }),
  adsl('S5', null, { ITTFL: 'N', FASFL: 'N', SAFFL: 'N', PPROTFL: 'N', TRTSDT: null }),
]);
const ard = computeDisposition(small);

test('disposition traces (closed report): who is counted, why and when', () => {
  const trace = (q: Partial<ArdRecord>) => ard.find((r) => (Object.keys(q) as (keyof ArdRecord)[]).every((k) => r[k] === q[k]) && r.statistic === 'n')?.subjects;
  assert.equal(trace({ parameter: 'DISCONTINUED', group: 'Total' })?.counted, [
    { id: 'S2', reason: 'Discontinued: ADVERSE EVENT' },
    { id: 'S3', reason: 'Discontinued: WITHDRAWAL BY SUBJECT' },
  ]);
  assert.equal(trace({ parameter: 'TREATED', group: 'Arm A' })?.counted, [{ id: 'S1', reason: 'First dose of study treatment (ADSL TRTSDT)', values: 'TRTSDT 2020-01-01' }]);
  assert.equal(trace({ parameter: 'ONGOING', group: 'Arm B' })?.counted.map((t) => [t.id, t.reason]), [['S4', 'No end-of-study status']]);
  assert.equal(trace({ parameter: 'ANALYSIS_SET', category: 'PP', group: 'Arm A' })?.counted, [{ id: 'S1', reason: 'PPROTFL = Y' }]);
  // The randomised subjects left out of an analysis set, with the flag (and "not dosed" when so).
  assert.equal(trace({ parameter: 'ANALYSIS_SET', category: 'FAS', group: 'Arm A' })?.notCounted, [{ id: 'S2', reason: 'FASFL = N: not dosed, no ADSL TRTSDT' }]);
  assert.equal(trace({ parameter: 'ANALYSIS_SET', category: 'SAF', group: 'Arm B' })?.notCounted, []);
  assert.is(trace({ parameter: 'ANALYSIS_SET', category: 'ITT', group: 'Arm A' })?.notCounted, undefined);
});

test('disposition header N (closed report): the randomised subjects of each arm, as the "Randomised" row, which refers to it', async () => {
  const header = (group: string) => ard.find((r) => r.parameter === 'RANDOMIZED' && r.group === group && r.statistic === 'N')?.subjects;
  assert.equal(header('Arm A'), { counted: [{ id: 'S1', reason: 'ITTFL = Y' }, { id: 'S2', reason: 'ITTFL = Y' }] });
  // S5 (not randomised) is in no arm and not listed: ITT has nobody left out by definition.
  assert.equal(header('Total')?.counted.map((t) => t.id), ['S1', 'S2', 'S3', 'S4']);
  assert.equal(ard.find((r) => r.parameter === 'RANDOMIZED' && r.group === 'Arm B' && r.statistic === 'n')?.subjects, header('Arm B'));
  const html = await renderReportHtml({ title: 't', blinding: 'closed', dataCut: '2020-12-31', sections: dispositionAnalysis.sections(ard, { plan: small.plan, arms: small.arms, blinding: 'closed' }) });
  const randomisedRow = /<tr><th scope="row" class="indent-0">Randomised<\/th>(.*?)<\/tr>/.exec(html)?.[1] ?? '';
  assert.is((randomisedRow.match(/as the N of this column \(in its header\)/g) ?? []).length, 3, 'each Randomised cell refers to its header N');
  assert.ok(html.includes('<th scope="col" class="traced">Arm A<details class="trace big-n"><summary>N = 2</summary>'));
});

test('disposition: hand counts', () => {
  assert.is(one(ard, { parameter: 'RANDOMIZED', group: 'Total', statistic: 'N' }), 4);
  assert.is(one(ard, { parameter: 'TREATED', group: 'Arm A', statistic: 'n' }), 1);
  assert.is(one(ard, { parameter: 'TREATED', group: 'Arm A', statistic: 'pct' }), 0.5);
  assert.is(one(ard, { parameter: 'COMPLETED', group: 'Arm B', statistic: 'n' }), 0);
  assert.is(one(ard, { parameter: 'DISCONTINUED', group: 'Total', statistic: 'n' }), 2);
  assert.is(one(ard, { parameter: 'DCSREAS', category: 'ADVERSE EVENT', group: 'Arm B', statistic: 'n' }), 0);
  assert.is(one(ard, { parameter: 'ONGOING', group: 'Arm B', statistic: 'n' }), 1);
  assert.is(one(ard, { parameter: 'ANALYSIS_SET', category: 'FAS', group: 'Arm A', statistic: 'n' }), 1);
  assert.is(one(ard, { parameter: 'NOT_RANDOMIZED', statistic: 'n' }), 1);
});

test('disposition: CONSORT flow and section render', async () => {
  const svg = consortSvg(consortFlow(ard, ['Arm A', 'Arm B']));
  assert.ok(svg.includes('Randomised (n = 4)'));
  assert.ok(svg.includes('ADVERSE EVENT (n = 1)'));
  const html = await renderReportHtml({ title: 't', blinding: 'closed', dataCut: '2020-12-31', sections: dispositionAnalysis.sections(ard, { plan: small.plan, arms: small.arms, blinding: 'closed' }) });
  assert.not.ok(/NaN|undefined/.test(html));
});

test('disposition: the PP row states the trial rule, and (closed) where each excluded subject\'s reason is, when a PP analysis exists', () => {
  const footnotes = (populations: typeof small.plan.primary.populations, blinding: 'open' | 'closed') => {
    const plan = { ...small.plan, primary: { ...small.plan.primary, populations } };
    const block = dispositionAnalysis.sections(ard, { plan, arms: small.arms, blinding })[0].blocks[1];
    return block.kind === 'table' ? block.table.footnotes : [];
  };
  assert.ok(footnotes(['FAS', 'PP'], 'closed').includes(`${PP_RULE_FOOTNOTE} ${PP_REASON_FOOTNOTE}`));
  assert.ok(footnotes(['FAS', 'PP'], 'open').includes(PP_RULE_FOOTNOTE), 'the open report has no traces to point to');
  assert.not.ok(footnotes(['FAS'], 'closed').some((f) => f.startsWith('Per-protocol set')), 'no PP analysis: no pointer to one');
});

if (!pilotPresent) test.skip('disposition on the CDISC pilot: data not present', () => {});
else {
  test('disposition on the CDISC pilot: completed and reasons equal an independent count of adsl.csv DCDECOD', async () => {
    const pilot = await pilotInput();
    const ardP = computeDisposition(pilot);
    const count = new Map<string, number>();
    for (const s of pilotCsv('adsl.csv')) for (const g of [s.TRT01P, 'Total']) count.set(`${s.DCDECOD}|${g}`, (count.get(`${s.DCDECOD}|${g}`) ?? 0) + 1);
    for (const g of ['Placebo', 'Xanomeline Low Dose', 'Xanomeline High Dose', 'Total']) {
      assert.is(one(ardP, { parameter: 'COMPLETED', group: g, statistic: 'n' }), count.get(`COMPLETED|${g}`) ?? 0, g);
      for (const r of ardP.filter((x) => x.parameter === 'DCSREAS' && x.group === g && x.statistic === 'n')) assert.is(r.value, count.get(`${r.category}|${g}`) ?? 0, `${r.category} ${g}`);
    }
    assert.is(one(ardP, { parameter: 'ANALYSIS_SET', category: 'FAS', group: 'Total', statistic: 'n' }), null);
  });
}

test.run();
