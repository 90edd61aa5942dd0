import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { deriveAdae, computeArel } from '../../src/adam/adae.ts';
import { deriveAdsl } from '../../src/adam/adsl.ts';
import { ae, dm, ex, lock, trialPlan } from './factories.ts';

const plan = trialPlan();
const adsl = deriveAdsl(lock({ dm: [dm('A'), dm('B', { ACTARMCD: 'NOTTRT', ACTARM: 'Not Treated' })], ex: [ex('A', 'UC-MSC', '2019-03-14', '2019-08-20')] }), plan).records;
const rows = deriveAdae(
  [
    ae('A', '2019-03-10', { AESEQ: 1 }), // before TRTSDT → not treatment-emergent
    ae('A', '2019-03', { AESEQ: 2, AEDECOD: 'Herpes zoster', AEBODSYS: 'Infections and infestations' }), // partial month containing TRTSDT → TRTSDT
    ae('A', '2019-05', { AESEQ: 3, AEENDTC: { text: '2019-06', precision: 'month', year: 2019, month: 6, day: null, hour: null, minute: null, second: null } }),
    ae('A', '2019-05-20', { AESEQ: 4, AEREL: 'PROBABLE' }),
    ae('B', '2019-04-01', { AESEQ: 1 }),
  ],
  adsl,
  plan,
);

test('deriveAdae: start before TRTSDT is not treatment-emergent; on/after is', () => {
  assert.equal(rows.map((r) => r.TRTEMFL), ['N', 'Y', 'Y', 'Y', null]);
});
test('deriveAdae: partial start in the month of first dose is imputed to TRTSDT (ASTDTF D)', () => {
  assert.equal([rows[1].ASTDT, rows[1].ASTDTF, rows[1].ASTDY], ['2019-03-14', 'D', 1]);
  assert.equal([rows[2].ASTDT, rows[2].ASTDTF, rows[2].AENDT, rows[2].AENDTF], ['2019-05-01', 'D', '2019-06-30', 'D']);
});
test('deriveAdae: infection flag from SOC, AREL from causality terms, first-occurrence flags', () => {
  assert.equal(rows.map((r) => r.INFFL), ['N', 'Y', 'N', 'N', 'N']);
  assert.is(rows[3].AREL, 'Y');
  assert.equal(rows.map((r) => r.AOCCFL), [null, 'Y', null, null, null]);
  assert.equal(rows.map((r) => r.AOCCPFL), [null, 'Y', 'Y', null, null]); // Nausea first on 2019-05-01 (seq 3), again seq 4
});
test('deriveAdae: never-dosed subject has SAFFL N and TRTA null', () => {
  assert.equal([rows[4].SAFFL, rows[4].TRTA], ['N', null]);
});
test('computeArel: CDISC causality terms', () => {
  assert.equal(['Y', 'N', 'POSSIBLE', 'REMOTE', 'NONE', 'X', null].map(computeArel), ['Y', 'N', 'Y', 'N', 'N', null, null]);
});

test.run();
