import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assignAnalysisVisit, selectWindowRecords, type WindowCandidate } from '../../src/adam/visit-window.ts';
import { selectBaselineRecords } from '../../src/adam/baseline.ts';
import { trialPlan } from './factories.ts';

const plan = trialPlan();
const bl = plan.baseline;

test('assignAnalysisVisit: day ≤ 1 → Baseline; window edges 42/43; day 197 outside every window', () => {
  assert.equal(assignAnalysisVisit(1, plan.visits, bl), { AVISIT: 'Baseline', AVISITN: 0 });
  assert.equal(assignAnalysisVisit(-3, plan.visits, bl), { AVISIT: 'Baseline', AVISITN: 0 });
  assert.equal(assignAnalysisVisit(2, plan.visits, bl), { AVISIT: 'Week 4', AVISITN: 4 });
  assert.equal(assignAnalysisVisit(42, plan.visits, bl), { AVISIT: 'Week 4', AVISITN: 4 });
  assert.equal(assignAnalysisVisit(43, plan.visits, bl), { AVISIT: 'Week 8', AVISITN: 8 });
  assert.equal(assignAnalysisVisit(196, plan.visits, bl), { AVISIT: 'Week 24', AVISITN: 24 });
  assert.is(assignAnalysisVisit(197, plan.visits, bl), null);
  assert.is(assignAnalysisVisit(null, plan.visits, bl), null);
});

const c = (ady: number, avisitn: number | null, hasValue = true, dtm = '', order = ady): WindowCandidate => ({ key: 'S1', ady, avisitn, hasValue, dtm, order });
const targets = new Map(plan.visits.map((v) => [v.avisitn, v.targetDay]));

test('selectWindowRecords: closest to target (Week 4 target 29: day 31 beats day 25)', () => {
  assert.equal([...selectWindowRecords([c(25, 4), c(31, 4)], targets)], [1]);
});
test('selectWindowRecords: tie in distance → the later one (27 vs 31 → 31)', () => {
  assert.equal([...selectWindowRecords([c(31, 4), c(27, 4)], targets)], [0]);
});
test('selectWindowRecords: a record without value is never selected; outside-window records are not', () => {
  assert.equal([...selectWindowRecords([c(29, 4, false), c(40, 4), c(200, null)], targets)], [1]);
});
test('selectWindowRecords: same day → later date-time text', () => {
  assert.equal([...selectWindowRecords([c(29, 4, true, '2019-03-29T10:00', 1), c(29, 4, true, '2019-03-29T08:00', 2)], targets)], [0]);
});
test('selectBaselineRecords: last non-missing on or before day 1 (day 1 beats day −2; missing day 1 skipped)', () => {
  assert.equal([...selectBaselineRecords([c(-2, 0), c(1, 0), c(5, 4)])], [1]);
  assert.equal([...selectBaselineRecords([c(-2, 0), c(1, 0, false)])], [0]);
  assert.equal([...selectBaselineRecords([c(3, 4)])], []);
});

test.run();
