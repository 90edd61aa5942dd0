/**
 * Tests for src/stats/logistic.ts and src/stats/interaction.ts against R (stats::glm, anova LRT):
 * test/references/interaction-lrt/interaction-lrt-r.json, written by interaction-lrt.R in the same folder
 * (its printed output is interaction-lrt.out.txt). Every case of the file is run, so a case added to the R
 * script is picked up. Plus the documented answers for sparse data and bad input.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { ConvergenceError, InputError } from '../../src/core/errors.ts';
import { interactionLikelihoodRatioTest, type LevelCounts } from '../../src/stats/interaction.ts';
import { logisticRegression } from '../../src/stats/logistic.ts';
import { assertClose } from '../helpers/close.ts';

interface RReference {
  source: string;
  tolerance: { statistic: number; pValue: number; coefficient: number; se: number; deviance: number };
  interaction: {
    id: string;
    note: string;
    levels: (LevelCounts & { level: string })[];
    expected: { statistic: number; df: number; pValue: number; reducedDeviance: number; logOddsRatio: number; logOddsRatioSe: number };
  }[];
  logistic: {
    id: string;
    x: number[][];
    successes: number[];
    trials: number[];
    expected: { coefficients: number[]; se: number[]; deviance: number; nullDeviance: number };
  }[];
}

const ref = JSON.parse(readFileSync(new URL('../references/interaction-lrt/interaction-lrt-r.json', import.meta.url), 'utf8')) as RReference;
const tol = ref.tolerance;

test('the R reference file has cases', () => {
  assert.ok(ref.interaction.length >= 7, `${ref.interaction.length} interaction cases`);
  assert.ok(ref.logistic.length >= 1);
});

for (const c of ref.interaction) {
  test(`interactionLikelihoodRatioTest ${c.id} = R glm + anova(test = "LRT"): ${c.note.slice(0, 70)}`, () => {
    const r = interactionLikelihoodRatioTest(c.levels);
    assert.ok(r.estimable, 'estimable');
    if (!r.estimable) return;
    assertClose(r.statistic, c.expected.statistic, { abs: tol.statistic }, 'statistic');
    assert.is(r.df, c.expected.df, 'df');
    assertClose(r.pValue, c.expected.pValue, { abs: tol.pValue }, 'pValue');
    assertClose(r.statistic, c.expected.reducedDeviance, { abs: tol.deviance }, 'deviance of level + arm');
    assertClose(r.logOddsRatio, c.expected.logOddsRatio, { abs: tol.coefficient }, 'log odds ratio');
    assertClose(r.logOddsRatioSe, c.expected.logOddsRatioSe, { abs: tol.se }, 'SE of the log odds ratio');
  });
}

test('UCBAdmissions: the published G² = 20.20 on 5 df for Admit ~ Dept + Gender', () => {
  const c = ref.interaction.find((x) => x.id === 'ucb-admissions')!;
  const r = interactionLikelihoodRatioTest(c.levels);
  assert.ok(r.estimable && Math.abs(r.statistic - 20.20) < 0.005 && r.df === 5);
});

for (const c of ref.logistic) {
  test(`logisticRegression ${c.id} = R glm(binomial)`, () => {
    const fit = logisticRegression({ x: c.x, successes: c.successes, trials: c.trials });
    c.expected.coefficients.forEach((b, j) => assertClose(fit.coefficients[j], b, { abs: tol.coefficient, rel: tol.coefficient }, `coefficient ${j}`));
    c.expected.se.forEach((s, j) => assertClose(fit.standardErrors[j], s, { abs: tol.se, rel: tol.se }, `se ${j}`));
    assertClose(fit.deviance, c.expected.deviance, { abs: tol.deviance }, 'deviance');
    const nullFit = logisticRegression({ x: c.x.map(() => [1]), successes: c.successes, trials: c.trials });
    assertClose(nullFit.deviance, c.expected.nullDeviance, { abs: tol.deviance }, 'null deviance');
  });
}

test('logisticRegression: a saturated 2 × 2 table gives the observed log odds and log odds ratio', () => {
  const fit = logisticRegression({ x: [[1, 0], [1, 1]], successes: [3, 6], trials: [10, 10] });
  assertClose(fit.coefficients[0], Math.log(3 / 7), { abs: 1e-12 }, 'intercept');
  assertClose(fit.coefficients[1], Math.log(6 / 4) - Math.log(3 / 7), { abs: 1e-12 }, 'log OR');
  // Woolf: SE(log OR) = √(1/3 + 1/7 + 1/6 + 1/4).
  assertClose(fit.standardErrors[1], Math.sqrt(1 / 3 + 1 / 7 + 1 / 6 + 1 / 4), { abs: 1e-10 }, 'SE');
  assertClose(fit.deviance, 0, { abs: 1e-12 }, 'deviance');
});

test('logisticRegression: separation is a ConvergenceError, rank deficiency and bad counts are InputErrors', () => {
  assert.throws(() => logisticRegression({ x: [[1, 0], [1, 1]], successes: [0, 5], trials: [5, 5] }), (e: unknown) => e instanceof ConvergenceError);
  assert.throws(() => logisticRegression({ x: [[1, 2], [1, 2], [1, 2]], successes: [1, 2, 3], trials: [5, 5, 5] }), (e: unknown) => e instanceof InputError && e.argument === 'x');
  assert.throws(() => logisticRegression({ x: [[1], [1]], successes: [6, 1], trials: [5, 5] }), (e: unknown) => e instanceof InputError && e.argument === 'successes');
  assert.throws(() => logisticRegression({ x: [[1], [1]], successes: [0, 1], trials: [0, 5] }), (e: unknown) => e instanceof InputError && e.argument === 'trials');
  assert.throws(() => logisticRegression({ x: [[1, 0], [1]], successes: [0, 1], trials: [5, 5] }), (e: unknown) => e instanceof InputError && e.argument === 'x');
});

test('interaction: empty-arm and constant levels are excluded and listed; the rest is tested', () => {
  const r = interactionLikelihoodRatioTest([
    { x1: 12, n1: 20, x2: 10, n2: 20 },
    { x1: 0, n1: 0, x2: 2, n2: 3 },
    { x1: 9, n1: 15, x2: 11, n2: 16 },
    { x1: 4, n1: 4, x2: 5, n2: 5 },
  ]);
  assert.ok(r.estimable);
  assert.equal(r.levelsUsed, [0, 2]);
  assert.equal(r.excluded, [
    { index: 1, reason: 'empty-arm' },
    { index: 3, reason: 'constant-outcome' },
  ]);
  if (r.estimable) assert.is(r.df, 1);
});

test('interaction: fewer than two informative levels, or separation, is not estimable with a reason (never NaN)', () => {
  const one = interactionLikelihoodRatioTest([{ x1: 3, n1: 10, x2: 4, n2: 10 }, { x1: 0, n1: 2, x2: 0, n2: 3 }]);
  assert.is(one.estimable, false);
  if (!one.estimable) assert.match(one.reason, /fewer than two/);
  const single = interactionLikelihoodRatioTest([{ x1: 3, n1: 10, x2: 4, n2: 10 }]);
  assert.is(single.estimable, false);
  // Experimental arm: no responder in either level; control varies: the common odds ratio is 0.
  const sep = interactionLikelihoodRatioTest([{ x1: 0, n1: 5, x2: 3, n2: 6 }, { x1: 0, n1: 4, x2: 2, n2: 7 }]);
  assert.is(sep.estimable, false);
  if (!sep.estimable) assert.match(sep.reason, /separation/);
  // Mirror image: control all responders where the experimental arm varies.
  const sep2 = interactionLikelihoodRatioTest([{ x1: 2, n1: 5, x2: 6, n2: 6 }, { x1: 1, n1: 4, x2: 7, n2: 7 }]);
  assert.is(sep2.estimable, false);
  // Not separated: one level points each way.
  const ok = interactionLikelihoodRatioTest([{ x1: 0, n1: 5, x2: 3, n2: 6 }, { x1: 4, n1: 4, x2: 2, n2: 7 }]);
  assert.ok(ok.estimable && Number.isFinite(ok.statistic) && Number.isFinite(ok.pValue));
});

test('interaction: bad counts throw InputError naming the level and count', () => {
  assert.throws(() => interactionLikelihoodRatioTest([]), (e: unknown) => e instanceof InputError && e.argument === 'levels');
  assert.throws(() => interactionLikelihoodRatioTest([{ x1: 3, n1: 2, x2: 1, n2: 4 }]), (e: unknown) => e instanceof InputError && e.argument === 'levels[0].x1');
  assert.throws(() => interactionLikelihoodRatioTest([{ x1: 1, n1: 2, x2: 1, n2: 4 }, { x1: 1, n1: 2, x2: 1.5, n2: 4 }]), (e: unknown) => e instanceof InputError && e.argument === 'levels[1].x2');
});

test.run();
