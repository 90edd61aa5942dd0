import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assessRenalResponse, type RenalInputs } from '../../src/clinical/response.ts';
import { exact } from '../../src/clinical/qualified.ts';
import { InputError } from '../../src/core/errors.ts';

// Baseline: UP24 4.0 g/24h, UPCR 3.5 g/g, SCr 80 µmol/L (so 1.15 × BL = 92), eGFR 100.
function inputs(over: Partial<RenalInputs>): RenalInputs {
  return {
    up24: exact(0.3), up24Base: exact(4.0), upcr: exact(0.3), upcrBase: exact(3.5), alb: exact(38),
    scr: exact(82), scrBase: exact(80), scrUln: 133, egfr: 95, egfrBase: 100, urineRbc: null, ...over,
  };
}

test('CN24H: UP24 0.3, ALB 38, SCr 82 ≤ 92 → CR', () => {
  assert.equal(assessRenalResponse('CN24H', inputs({})), { category: 'CR', failed: [], missing: [], assumptions: [] });
});
test('CN24H: UP24 exactly 0.5 is not CR; 0.5 ≤ UP24 < 3.5 with drop 87.5 % → PR (failed CR criterion named)', () => {
  const r = assessRenalResponse('CN24H', inputs({ up24: exact(0.5) }));
  assert.is(r.category, 'PR');
  assert.equal(r.failed, ['UP24 >= 0.5']);
});
test('CN24H: SCr exactly 1.15 × BL (92) is stable; 92.1 is not', () => {
  assert.is(assessRenalResponse('CN24H', inputs({ scr: exact(92) })).category, 'CR');
  const r = assessRenalResponse('CN24H', inputs({ scr: exact(92.1) }));
  assert.equal([r.category, r.failed], ['NR', ['SCr > 1.15 x BL']]);
});
test('CN24H: reduction exactly 50 % (UP24 2.0 from 4.0) is not > 50 % → NR', () => {
  const r = assessRenalResponse('CN24H', inputs({ up24: exact(2.0) }));
  assert.equal([r.category, r.failed], ['NR', ['UP24 reduction <= 50%']]);
});
test('CN24H: UP24 3.5 and ALB 28 → NR with both failures', () => {
  const r = assessRenalResponse('CN24H', inputs({ up24: exact(3.5), up24Base: exact(10), alb: exact(28) }));
  assert.equal(r.failed, ['UP24 >= 3.5', 'ALB < 30']);
});
test('CN24H: ALB exactly 35 with UP24 0.3 → CR; ALB 30 with UP24 1.0 → PR', () => {
  assert.is(assessRenalResponse('CN24H', inputs({ alb: exact(35) })).category, 'CR');
  assert.is(assessRenalResponse('CN24H', inputs({ up24: exact(1.0), alb: exact(30) })).category, 'PR');
});
test('CN24H: gap case UP24 0.3, ALB 32 → PR with lowProteinLowAlbumin PR, NR with NR', () => {
  const r = assessRenalResponse('CN24H', inputs({ alb: exact(32) }));
  assert.equal([r.category, r.failed], ['PR', ['ALB < 35']]);
  const n = assessRenalResponse('CN24H', inputs({ alb: exact(32) }), { lowProteinLowAlbumin: 'NR' });
  assert.equal([n.category, n.failed], ['NR', ['UP24 < 0.5 with ALB < 35 (gap rule NR)']]);
});
test('CN24H: qualifier <0.05 satisfies UP24 < 0.5 → CR; <0.5 at the threshold too', () => {
  assert.is(assessRenalResponse('CN24H', inputs({ up24: { value: 0.05, qualifier: '<' } })).category, 'CR');
  assert.is(assessRenalResponse('CN24H', inputs({ up24: { value: 0.5, qualifier: '<' } })).category, 'CR');
});
test('CN24H: missing ALB → NR with the missing component, no failed criteria', () => {
  assert.equal(assessRenalResponse('CN24H', inputs({ alb: null })), { category: 'NR', failed: [], missing: ['ALB'], assumptions: [] });
});
test('CN24H: missing baseline SCr → NR naming "SCR baseline"', () => {
  assert.equal(assessRenalResponse('CN24H', inputs({ scrBase: null })).missing, ['SCR baseline']);
});
test('CN24H: UPCR is not substituted for a missing UP24 unless allowUpcrFallback', () => {
  assert.equal(assessRenalResponse('CN24H', inputs({ up24: null })).missing, ['UP24']);
  const r = assessRenalResponse('CN24H', inputs({ up24: null }), { allowUpcrFallback: true });
  assert.is(r.category, 'CR');
  assert.match(r.assumptions.join(' '), 'UPCR substituted');
});

test('KDIGO2021: UPCR 0.4, eGFR 90 (10 % drop ≤ 15 %) → CR; eGFR 84 → NR', () => {
  assert.is(assessRenalResponse('KDIGO2021', inputs({ upcr: exact(0.4), egfr: 90 })).category, 'CR');
  const r = assessRenalResponse('KDIGO2021', inputs({ upcr: exact(0.4), egfr: 84 }));
  assert.equal([r.category, r.failed], ['NR', ['eGFR drop > 15%']]);
});
test('KDIGO2021: UPCR 1.75 = 50 % of 3.5 and < 3 → PR (≥ 50 % reduction)', () => {
  assert.is(assessRenalResponse('KDIGO2021', inputs({ upcr: exact(1.75) })).category, 'PR');
});
test('EULAR2019: UP24 0.6 < 0.7 option → CR only when crProteinMax 0.7', () => {
  assert.is(assessRenalResponse('EULAR2019', inputs({ up24: exact(0.6) })).category, 'PR');
  assert.is(assessRenalResponse('EULAR2019', inputs({ up24: exact(0.6) }), { crProteinMax: 0.7 }).category, 'CR');
});
test('ALMS: BL UPCR 3.5 ≥ 3 → response needs UPCR < 3 (2.9 → PR even with only 17 % drop)', () => {
  assert.is(assessRenalResponse('ALMS', inputs({ upcr: exact(2.9) })).category, 'PR');
  const r = assessRenalResponse('ALMS', inputs({ upcr: exact(2.9), scr: exact(101) }));
  assert.equal(r.failed, ['SCr > 1.25 x BL']);
});
test('BLISS_LN: UPCR 0.6 with eGFR 85 (≥ 80 % of 100) → PR; UPCR 0.8 → NR', () => {
  assert.is(assessRenalResponse('BLISS_LN', inputs({ upcr: exact(0.6), egfr: 85 })).category, 'PR');
  assert.is(assessRenalResponse('BLISS_LN', inputs({ upcr: exact(0.8), egfr: 85 })).category, 'NR');
  assert.ok(assessRenalResponse('BLISS_LN', inputs({})).assumptions.some((a) => a.includes('pre-flare')));
});
test('AURORA: UPCR 0.5 (≤ 0.5) and eGFR 55 but drop 45 % → NR; eGFR 81 → CR', () => {
  assert.is(assessRenalResponse('AURORA', inputs({ upcr: exact(0.5), egfr: 81 })).category, 'CR');
  assert.is(assessRenalResponse('AURORA', inputs({ upcr: exact(0.5), egfr: 55 })).category, 'NR');
});
test('assessRenalResponse: unknown definition throws InputError naming "name"', () => {
  assert.throws(() => assessRenalResponse('LUNAR', inputs({})), (e: unknown) => e instanceof InputError && e.argument === 'name');
});

test.run();
