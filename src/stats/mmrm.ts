/**
 * Mixed model for repeated measures (MMRM): y ~ covariates + arm + visit + arm:visit, fitted by REML
 * with an unstructured (or compound-symmetry / AR(1)) covariance across visits within subject,
 * subjects independent, missing y dropped (valid under MAR). LS means by arm × visit and arm
 * differences per visit with Satterthwaite or residual df.
 *
 * Equivalent to SAS `PROC MIXED METHOD=REML; CLASS subject arm visit; MODEL y = cov arm visit arm*visit
 * / DDFM=SATTERTH; REPEATED visit / SUBJECT=subject TYPE=UN; LSMEANS arm*visit / DIFF CL;` and to R
 * `mmrm::mmrm(y ~ cov + arm * visit + us(visit | subject), reml = TRUE)`; `nlme::gls` with
 * `corSymm` + `varIdent(~1 | visit)` is the same unstructured model (validated against it in
 * test/stats/mmrm.test.ts, shared/reference/E_mmrm.json).
 *
 * Steps (src/stats/mmrm/): design.ts (model frame, design matrix, missingness patterns) →
 * covariance.ts (Σ(θ) in SAS parameterisations) → reml.ts (REML ℓ, analytic gradient and
 * information, block-wise, linear in subjects) → optimise.ts (Newton / Fisher scoring) →
 * satterthwaite.ts (analytic df) → lsmeans.ts.
 */
import { ConvergenceError, InputError } from '../core/errors.ts';
import { spdInverse } from './linalg.ts';
import { covarianceModel } from './mmrm/covariance.ts';
import { buildDesign, type Design } from './mmrm/design.ts';
import { armContrasts, lsMeans, type DfFunction } from './mmrm/lsmeans.ts';
import { maximiseReml, type Optimum } from './mmrm/optimise.ts';
import { satterthwaiteDf } from './mmrm/satterthwaite.ts';
import type { MmrmOptions, MmrmResult, MmrmRow } from './mmrm/types.ts';

export type { ArmContrast, CovarianceStructure, DfMethod, LsMean, MmrmOptions, MmrmResult, MmrmRow } from './mmrm/types.ts';

function checkOptions(options: MmrmOptions): { level: number; maxIterations: number } {
  if (options === null || typeof options !== 'object') throw new InputError('options', 'must be an object');
  if (!['unstructured', 'compound-symmetry', 'ar1'].includes(options.covariance)) {
    throw new InputError('options.covariance', `must be 'unstructured', 'compound-symmetry' or 'ar1', got ${String(options.covariance)}`);
  }
  if (!['satterthwaite', 'residual'].includes(options.df)) throw new InputError('options.df', `must be 'satterthwaite' or 'residual', got ${String(options.df)}`);
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new InputError('options.level', `must be in (0, 1), got ${level}`);
  const maxIterations = options.maxIterations ?? 100;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new InputError('options.maxIterations', `must be a positive integer, got ${maxIterations}`);
  return { level, maxIterations };
}

/** Asymptotic covariance of θ̂: inverse observed information, else inverse expected information. */
function thetaVcov(opt: Optimum, warnings: string[]): Float64Array | null {
  const n = opt.theta.length;
  const obs = spdInverse(opt.derivatives.observedInfo, n);
  if (obs !== null) return obs.inverse;
  const exp = spdInverse(opt.derivatives.expectedInfo, n);
  if (exp !== null) {
    warnings.push('observed REML information is not positive definite at the estimate; Satterthwaite df use the expected information');
    return exp.inverse;
  }
  warnings.push('REML information is singular at the estimate; Satterthwaite df replaced by residual df');
  return null;
}

function dfFunction(design: Design, opt: Optimum, method: MmrmOptions['df'], warnings: string[]): DfFunction {
  const residual = design.n - design.p - (opt.theta.length - 1);
  if (method === 'residual') return () => residual;
  const vcov = thetaVcov(opt, warnings);
  if (vcov === null) return () => residual;
  const ctx = { evaluation: opt.evaluation, jacobian: opt.derivatives.jacobian, thetaVcov: vcov, nTheta: opt.theta.length };
  return (l) => {
    const df = satterthwaiteDf(ctx, l);
    if (df !== null) return df;
    warnings.push('Satterthwaite df undefined for one estimate (zero variance of its variance); residual df used');
    return residual;
  };
}

function toRows(a: Float64Array, n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, (i + 1) * n)));
}

/**
 * Fits the MMRM by REML and returns estimates, LS means by arm × visit and arm differences
 * (each non-reference arm − the reference arm, the first of `armOrder`) at each visit.
 * LS means put each covariate at its mean over the observations used in the fit (emmeans default).
 * Non-convergence is reported as `converged: false` plus a warning, never hidden.
 * @throws InputError on malformed rows or options, an arm × visit cell without observations, or a
 * rank-deficient design (e.g. a constant covariate).
 * @throws ConvergenceError when no positive definite covariance can be found to start from.
 * @example
 * const fit = fitMMRM(rows, { covariance: 'unstructured', df: 'satterthwaite', armOrder: ['MMF', 'MSC'] });
 * fit.contrasts.find((c) => c.visit === 'Week 24') // => { estimate, se, df, lower, upper, tValue, pValue, … }
 */
export function fitMMRM(rows: readonly MmrmRow[], options: MmrmOptions): MmrmResult {
  const { level, maxIterations } = checkOptions(options);
  const design = buildDesign(rows, options.visitOrder, options.armOrder);
  const model = covarianceModel(options.covariance, design.visits);
  const opt = maximiseReml(design, model, maxIterations);
  if (opt === null) throw new ConvergenceError('fitMMRM', 'no positive definite starting covariance matrix');
  const warnings = [...opt.warnings];
  const dfOf = dfFunction(design, opt, options.df, warnings);
  const ev = opt.evaluation; const p = design.p; const T = design.visits.length;
  return {
    converged: opt.converged,
    iterations: opt.iterations,
    logLik: ev.logLik,
    beta: Array.from(ev.beta),
    betaNames: design.betaNames,
    vcov: toRows(ev.vcovBeta, p),
    lsmeans: lsMeans(design, ev, dfOf, level),
    contrasts: armContrasts(design, ev, dfOf, level),
    covariance: {
      structure: options.covariance,
      matrix: toRows(model.sigma(opt.theta), T),
      visits: design.visits,
      parameters: Array.from(opt.theta),
      parameterNames: model.names,
    },
    dfMethod: options.df,
    covariateMeans: Object.fromEntries(design.covariateNames.map((c, i) => [c, design.covariateMeans[i]])),
    nSubjects: design.subjects.length,
    nObservations: design.n,
    warnings: [...new Set(warnings)],
  };
}
