/**
 * Runners for logistic regression (src/stats/logistic.ts) and the arm × subgroup likelihood-ratio interaction
 * test built on it (src/stats/interaction.ts), cross-checked against R glm + anova(test = "LRT") in
 * test/references/interaction-lrt/interaction-lrt-cases.json (section X).
 */
import { InputError } from '../../core/errors.ts';
import { interactionLikelihoodRatioTest } from '../../stats/interaction.ts';
import { logisticRegression } from '../../stats/logistic.ts';
import { assertInputIs, inputNumberMatrix, inputNumbers, inputRows, inputStrings } from '../inputs.ts';
import type { Runner } from '../runner.ts';

const interaction: Runner = {
  api: 'interactionLikelihoodRatioTest(levels → { x1, n1, x2, n2 })',
  mapping:
    'Group 1 (x1/n1) = experimental, group 2 = control; chisq = statistic (the residual deviance of logit p = level + arm: the level × arm model is saturated), df, p = pValue, log_odds_ratio(_se) = the common arm effect of the additive model. Levels with an empty arm or a constant outcome are excluded (remit\'s documented rule; a constant level adds 0 to chisq, R counts its df).',
  run(c) {
    assertInputIs(c, 'group1', ['experimental (x1/n1)']);
    const levels = inputRows(c, 'levels', { x1: 'number', n1: 'number', x2: 'number', n2: 'number' });
    const r = interactionLikelihoodRatioTest(levels.map(({ x1, n1, x2, n2 }) => ({ x1, n1, x2, n2 })));
    if (!r.estimable) throw new InputError('inputs.levels', `the interaction test is not estimable: ${r.reason}`);
    return { chisq: r.statistic, df: r.df, p: r.pValue, log_odds_ratio: r.logOddsRatio, log_odds_ratio_se: r.logOddsRatioSe };
  },
};

const regression: Runner = {
  api: 'logisticRegression({ x, successes, trials }); null deviance: the same with x = [[1], …]',
  mapping: 'inputs.x is the design matrix (R model.matrix), inputs.columns its column names: coefficients and se (standardErrors) by name; deviance; null_deviance of the intercept-only fit.',
  run(c) {
    const columns = inputStrings(c, 'columns');
    const x = inputNumberMatrix(c, 'x', columns.length);
    if (columns[0] !== '(Intercept)') throw new InputError('inputs.columns', `the first column must be "(Intercept)" (R's null deviance is that of the intercept-only model), got ${JSON.stringify(columns[0])}`);
    const successes = inputNumbers(c, 'successes');
    const trials = inputNumbers(c, 'trials');
    const fit = logisticRegression({ x, successes, trials });
    const nullFit = logisticRegression({ x: x.map(() => [1]), successes, trials });
    return {
      coefficients: Object.fromEntries(columns.map((name, j) => [name, fit.coefficients[j]])),
      se: Object.fromEntries(columns.map((name, j) => [name, fit.standardErrors[j]])),
      deviance: fit.deviance,
      null_deviance: nullFit.deviance,
    };
  },
};

/** Reference `method` → runner: logistic regression and the arm × subgroup interaction test. */
export const logisticRunners: Readonly<Record<string, Runner>> = {
  arm_subgroup_interaction_lrt: interaction,
  logistic_regression: regression,
};
