import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { deriveAdqs } from '../../src/adam/adqs.ts';
import { deriveAdsl } from '../../src/adam/adsl.ts';
import { BilagDomains, SledaiItems } from '../../src/cdisc/terms.ts';
import type { QsRecord } from '../../src/cdisc/sdtm.ts';
import { dm, ex, lock, qs, supp, trialPlan } from './factories.ts';

const plan = trialPlan();
const adsl = deriveAdsl(lock({ dm: [dm('A')], suppdm: [supp('A', 'RANDDT', '2019-02-28')], ex: [ex('A', 'UC-MSC', '2019-03-01', '2019-08-20')] }), plan).records;

function sledai(date: string, present: string[]): QsRecord[] {
  return Object.keys(SledaiItems).map((c) => qs('A', 'SLEDAI-2K', c, date, present.includes(c) ? 1 : 0));
}
function bilag(date: string, g: Record<string, string>): QsRecord[] {
  return Object.keys(BilagDomains).map((c) => qs('A', 'BILAG-2004', c, date, null, g[c] ?? 'E'));
}
// Baseline 2019-02-28 (day −1): SLEDAI 4+4+2+2 = 12, BILAG renal A (12), PhGA 2.0.
// Week 12 2019-05-24 (day 85): SLEDAI 4+2 = 6 (reduction 6 ≥ 4), renal B (A→B not new), PhGA 1.2 → SRI-4 responder.
const rows = deriveAdqs(
  [
    ...sledai('2019-02-28', ['SLPROT', 'SLHEMAT', 'SLDNA', 'SLCOMP']), ...bilag('2019-02-28', { BLRENA: 'A' }), qs('A', 'PHYSICIAN GLOBAL ASSESSMENT', 'PHGA', '2019-02-28', 2.0),
    ...sledai('2019-05-24', ['SLPROT', 'SLDNA']), ...bilag('2019-05-24', { BLRENA: 'B' }), qs('A', 'PHYSICIAN GLOBAL ASSESSMENT', 'PHGA', '2019-05-24', 1.2),
  ],
  adsl,
  plan,
);
const get = (p: string, v: string) => rows.find((r) => r.PARAMCD === p && r.AVISIT === v)!;

test('deriveAdqs: SLEDAI-2K totals, baseline and change (6 − 12 = −6)', () => {
  assert.equal([get('SLEDAI', 'Baseline').AVAL, get('SLEDAI', 'Baseline').ABLFL, get('SLEDAI', 'Week 12').AVAL, get('SLEDAI', 'Week 12').CHG], [12, 'Y', 6, -6]);
  assert.is(get('SLEDAIR', 'Week 12').AVAL, 4);
});
test('deriveAdqs: BILAG domain grade numeric and total (renal A = 12, B = 8)', () => {
  assert.equal([get('BLRENA', 'Baseline').AVALC, get('BLRENA', 'Baseline').AVAL, get('BILAGTOT', 'Week 12').AVAL], ['A', 12, 8]);
});
test('deriveAdqs: SRI-4 responder at week 12; week 24 missing → N with the missing components', () => {
  assert.equal([get('SRI4', 'Week 12').AVALC, get('SRI4', 'Week 12').RSNDTL], ['Y', null]);
  assert.is(get('SRI4', 'Week 24').AVALC, 'N');
  assert.match(get('SRI4', 'Week 24').RSNDTL!, 'missing: SLEDAI; BILAG; PhGA');
});

test.run();
