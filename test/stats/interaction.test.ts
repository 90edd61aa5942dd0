/**
 * Tests for src/stats/logistic.ts and src/stats/interaction.ts against R (stats::glm, anova LRT): the cases of
 * test/references/interaction-lrt/interaction-lrt-cases.json (shared case format, section X), written by
 * interaction-lrt.R in the same folder (its printed output is interaction-lrt.out.txt); `remit validate --cases`
 * runs the same file. Every case of the file is run at the case's own tolerance, so a case added to the R
 * script is picked up. Plus the documented answers for sparse data and bad input.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { ConvergenceError, InputError } from '../../src/core/errors.ts';
import { interactionLikelihoodRatioTest, type LevelCounts } from '../../src/stats/interaction.ts';
import { logisticRegression } from '../../src/stats/logistic.ts';
import type { ReferenceCase } from '../../src/validate/case-file.ts';
import { caseFieldTolerance } from '../../src/validate/compare.ts';
import { assertClose, type Tolerance } from '../helpers/close.ts';

type InteractionCase = ReferenceCase<
  { levels: (LevelCounts & { level: string })[] },
  { chisq: number; df: number; p: number; log_odds_ratio: number; log_odds_ratio_se: number }
>;
type LogisticCase = ReferenceCase<
  { columns: string[]; x: number[][]; successes: number[]; trials: number[] },
  { coefficients: Record<string, number>; se: Record<string, number>; deviance: number; null_deviance: number }
>;

const cases = JSON.parse(readFileSync(new URL('../references/interaction-lrt/interaction-lrt-cases.json', import.meta.url), 'utf8')) as ReferenceCase[];
const interactionCases = cases.filter((c) => c.method === 'arm_subgroup_interaction_lrt') as InteractionCase[];
const logisticCases = cases.filter((c) => c.method === 'logistic_regression') as LogisticCase[];

/** The case's tolerance for one field (its `<field>_abs` / `_rel`, else abs / rel), by remit validate's rule. */
const toleranceOf = (c: ReferenceCase, field: string): Tolerance => caseFieldTolerance(c.tolerance, field).tolerance;

test('the R case file has interaction and logistic-regression cases, and nothing else', () => {
  assert.ok(interactionCases.length >= 7, `${interactionCases.length} interaction cases`);
  assert.ok(logisticCases.length >= 1);
  assert.is(interactionCases.length + logisticCases.length, cases.length);
});

for (const c of interactionCases) {
  test(`interactionLikelihoodRatioTest ${c.id} = R glm + anova(test = "LRT"): ${(c.notes ?? '').slice(0, 70)}`, () => {
    const r = interactionLikelihoodRatioTest(c.inputs.levels);
    assert.ok(r.estimable, 'estimable');
    if (!r.estimable) return;
    assertClose(r.statistic, c.expected.chisq, toleranceOf(c, 'chisq'), 'statistic');
    assert.is(r.df, c.expected.df, 'df');
    assertClose(r.pValue, c.expected.p, toleranceOf(c, 'p'), 'pValue');
    assertClose(r.logOddsRatio, c.expected.log_odds_ratio, toleranceOf(c, 'log_odds_ratio'), 'log odds ratio');
    assertClose(r.logOddsRatioSe, c.expected.log_odds_ratio_se, toleranceOf(c, 'log_odds_ratio_se'), 'SE of the log odds ratio');
  });
}

test('UCBAdmissions: the published G² = 20.20 on 5 df for Admit ~ Dept + Gender', () => {
  const c = interactionCases.find((x) => x.id === 'X-interaction-ucb-admissions')!;
  const r = interactionLikelihoodRatioTest(c.inputs.levels);
  assert.ok(r.estimable && Math.abs(r.statistic - 20.20) < 0.005 && r.df === 5);
});

for (const c of logisticCases) {
  test(`logisticRegression ${c.id} = R glm(binomial)`, () => {
    const { columns, x, successes, trials } = c.inputs;
    const fit = logisticRegression({ x, successes, trials });
    columns.forEach((name, j) => {
      assertClose(fit.coefficients[j], c.expected.coefficients[name], toleranceOf(c, 'coefficients'), `coefficient ${name}`);
      assertClose(fit.standardErrors[j], c.expected.se[name], toleranceOf(c, 'se'), `se ${name}`);
    });
    assertClose(fit.deviance, c.expected.deviance, toleranceOf(c, 'deviance'), 'deviance');
    const nullFit = logisticRegression({ x: x.map(() => [1]), successes, trials });
    assertClose(nullFit.deviance, c.expected.null_deviance, toleranceOf(c, 'null_deviance'), 'null deviance');
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
