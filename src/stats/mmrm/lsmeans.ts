/**
 * MMRM step 6: least-squares means of each arm at each visit and arm differences per visit.
 * As emmeans' default reference grid: numeric covariates at their mean over the rows used in the fit
 * (the model frame), factors at each level; SAS LSMEANS gives the same for a single numeric covariate.
 * Intervals estimate ± t₍₁₋α/2, df₎ · SE; p-values two-sided.
 */
import { ConvergenceError } from '../../core/errors.ts';
import { studentTQuantile, studentTTwoSidedP } from '../distributions.ts';
import { designRow, type Design } from './design.ts';
import type { ArmContrast, LsMean } from './types.ts';
import { contrastVariance } from './satterthwaite.ts';
import type { RemlEvaluation } from './reml.ts';

/** df for a given L (Satterthwaite or residual), chosen by the caller. */
export type DfFunction = (l: Float64Array) => number;

interface Estimate { estimate: number; se: number; df: number; lower: number; upper: number }

function estimateOf(ev: RemlEvaluation, l: Float64Array, dfOf: DfFunction, level: number): Estimate {
  let estimate = 0;
  for (let i = 0; i < l.length; i++) estimate += l[i] * ev.beta[i];
  const se = Math.sqrt(contrastVariance(ev, l));
  const df = dfOf(l);
  // Too few subjects for inference (e.g. one per arm and visit): the variance or the df is not a positive
  // finite number, so there is no t interval; the fit is reported as not estimable rather than as NaN.
  if (!(se >= 0 && Number.isFinite(se)) || !(df > 0 && Number.isFinite(df))) {
    throw new ConvergenceError('fitMMRM', `inference not estimable: standard error ${se.toPrecision(3)} with ${Number.isNaN(df) ? 'undefined' : df} degrees of freedom (too few subjects per arm and visit)`);
  }
  const half = studentTQuantile(1 - (1 - level) / 2, df) * se;
  return { estimate, se, df, lower: estimate - half, upper: estimate + half };
}

/** L vector of the LS mean of arm `a` at visit `v`. */
function lsMeanVector(design: Design, a: number, v: number): Float64Array {
  return designRow(a, v, design.covariateMeans, design.arms.length, design.visits.length);
}

/** LS means, ordered by visit then arm (as `emmeans(fit, ~ arm | visit)`). */
export function lsMeans(design: Design, ev: RemlEvaluation, dfOf: DfFunction, level: number): LsMean[] {
  const out: LsMean[] = [];
  design.visits.forEach((visit, v) => design.arms.forEach((arm, a) => {
    out.push({ arm, visit, ...estimateOf(ev, lsMeanVector(design, a, v), dfOf, level) });
  }));
  return out;
}

/** Each non-reference arm minus the reference arm (first level) at each visit, ordered by visit then arm. */
export function armContrasts(design: Design, ev: RemlEvaluation, dfOf: DfFunction, level: number): ArmContrast[] {
  const out: ArmContrast[] = [];
  design.visits.forEach((visit, v) => {
    const ref = lsMeanVector(design, 0, v);
    for (let a = 1; a < design.arms.length; a++) {
      const l = lsMeanVector(design, a, v).map((x, i) => x - ref[i]);
      const e = estimateOf(ev, l, dfOf, level);
      const tValue = e.estimate / e.se;
      out.push({ visit, arm: design.arms[a], reference: design.arms[0], ...e, tValue, pValue: studentTTwoSidedP(tValue, e.df) });
    }
  });
  return out;
}
