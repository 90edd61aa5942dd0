/**
 * Treatment-by-subgroup interaction for a binary endpoint: the likelihood-ratio test of the arm × level
 * term in the logistic regression logit p = level + arm + level × arm, i.e. of homogeneity of the odds
 * ratios across the levels of one subgroup factor (Agresti 2013, Categorical Data Analysis 3rd ed., sect.
 * 6.3.5; the likelihood-ratio counterpart of the Breslow–Day test). Equals R
 * `anova(glm(cbind(x, n - x) ~ level + arm, binomial), glm(cbind(x, n - x) ~ level * arm, binomial), test = "LRT")`
 * (reference: test/references/interaction-lrt/).
 *
 * The full model has one parameter per cell (level × arm), so it is saturated: its deviance is 0 and the
 * statistic is the residual deviance of the additive model (src/stats/logistic.ts), on (levels used − 1) df.
 *
 * Sparse levels get a documented answer, never NaN:
 * - a level with no subject in one arm carries no contrast: it is excluded (`empty-arm`); R drops the
 *   aliased interaction coefficient the same way, so statistic and df agree with R;
 * - a level whose outcome is the same in both arms (no responder, or all responders) is fitted exactly by
 *   both models whatever the interaction: it adds 0 to the statistic and is excluded (`constant-outcome`),
 *   so it does not inflate the df (R would count its df; reference case "constant-level");
 * - with fewer than two levels left, or when the additive model has no finite maximum-likelihood estimate
 *   (quasi-complete separation: in every level used, either the control arm has no responder or the
 *   experimental arm has only responders, or the mirror image), the test is not estimable and the result
 *   says why.
 * A single 0 or all-responder cell is fine (the saturated model fits it exactly; reference case
 * "sparse-zero-cell").
 */
import { InputError } from '../core/errors.ts';
import { chiSquareSf } from './distributions.ts';
import { logisticRegression } from './logistic.ts';
import { assertTableCounts } from './proportions/validate.ts';

/** Counts of one subgroup level: experimental x1 of n1, control x2 of n2. */
export interface LevelCounts {
  x1: number;
  n1: number;
  x2: number;
  n2: number;
}

export type ExclusionReason = 'empty-arm' | 'constant-outcome';

/** A level left out of the test, by its index in the input. */
export interface ExcludedLevel {
  index: number;
  reason: ExclusionReason;
}

export interface InteractionTestResult {
  estimable: true;
  /** Likelihood-ratio χ² = deviance(additive) − deviance(saturated). */
  statistic: number;
  df: number;
  pValue: number;
  /** Log common odds ratio (experimental vs control) of the additive model, with its standard error. */
  logOddsRatio: number;
  logOddsRatioSe: number;
  /** Indices of the levels used. */
  levelsUsed: number[];
  excluded: ExcludedLevel[];
}

export interface InteractionNotEstimable {
  estimable: false;
  /** Why, in words (shown in the report). */
  reason: string;
  levelsUsed: number[];
  excluded: ExcludedLevel[];
}

/** Whether the additive model's MLE fails to exist (derivation in the module note; Albert & Anderson 1984). */
function separated(levels: readonly LevelCounts[]): boolean {
  const favoursExperimental = levels.every((l) => l.x2 === 0 || l.x1 === l.n1);
  const favoursControl = levels.every((l) => l.x1 === 0 || l.x2 === l.n2);
  return favoursExperimental || favoursControl;
}

/**
 * Likelihood-ratio test of the arm × level interaction over the levels of one subgroup factor.
 * @throws InputError naming `levels` (empty) or `levels[i].x1` … `levels[i].n2` (negative, non-integer, x > n).
 * @example interactionLikelihoodRatioTest([{ x1: 62, n1: 96, x2: 70, n2: 97 }, { x1: 13, n1: 18, x2: 8, n2: 16 }])
 *   // → { estimable: true, statistic: 2.8141, df: 1, pValue: 0.0934, … } (= R glm + anova LRT)
 */
export function interactionLikelihoodRatioTest(levels: readonly LevelCounts[]): InteractionTestResult | InteractionNotEstimable {
  if (!Array.isArray(levels) || levels.length === 0) throw new InputError('levels', 'expected at least one subgroup level');
  // Counts of each level: integers, 0 ≤ x ≤ n, n ≥ 0 (an empty arm is allowed and excluded).
  levels.forEach((l, i) => assertTableCounts(l, `levels[${i}]`));
  const excluded: ExcludedLevel[] = [];
  const levelsUsed: number[] = [];
  levels.forEach((l, index) => {
    if (l.n1 === 0 || l.n2 === 0) excluded.push({ index, reason: 'empty-arm' });
    else if ((l.x1 === 0 && l.x2 === 0) || (l.x1 === l.n1 && l.x2 === l.n2)) excluded.push({ index, reason: 'constant-outcome' });
    else levelsUsed.push(index);
  });
  if (levelsUsed.length < 2) {
    return { estimable: false, reason: 'fewer than two subgroup levels with subjects in both arms and a varying outcome', levelsUsed, excluded };
  }
  const used = levelsUsed.map((i) => levels[i]);
  if (separated(used)) {
    return { estimable: false, reason: 'no finite common odds ratio (one arm has no responder, or only responders, wherever the other varies: quasi-complete separation)', levelsUsed, excluded };
  }
  // Additive model: one indicator per level (no intercept) + the experimental-arm indicator.
  const k = used.length;
  const x: number[][] = [];
  const successes: number[] = [];
  const trials: number[] = [];
  used.forEach((l, j) => {
    const level = Array.from({ length: k }, (_, c) => (c === j ? 1 : 0));
    x.push([...level, 1], [...level, 0]);
    successes.push(l.x1, l.x2);
    trials.push(l.n1, l.n2);
  });
  const fit = logisticRegression({ x, successes, trials });
  const statistic = Math.max(0, fit.deviance);
  const df = k - 1;
  return {
    estimable: true,
    statistic,
    df,
    pValue: chiSquareSf(statistic, df),
    logOddsRatio: fit.coefficients[k],
    logOddsRatioSe: fit.standardErrors[k],
    levelsUsed,
    excluded,
  };
}
