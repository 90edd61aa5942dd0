/**
 * Cox proportional-hazards regression by Newton–Raphson on the partial likelihood, as R survival 3.5
 * `coxph(Surv(time, event) ~ x + strata(s), ties = 'efron' | 'breslow')` (C routine coxfit6).
 *
 * Algorithm note (Cox 1972; Breslow 1974; Efron 1977; Therneau & Grambsch 2000 §3).
 * - Risk set at an event time t: subjects of the same stratum with time ≥ t (censored at t are at risk).
 * - Ties: Breslow uses the full risk-set sum for every tied event; Efron subtracts k/d of the tied events'
 *   share for the k-th of d tied events (k = 0 … d − 1). Without ties both equal the exact likelihood.
 * - Newton–Raphson from β = 0: β_new = β + I(β)⁻¹U(β). If the log partial likelihood decreases, the step
 *   is halved (β_new = (β_new + β)/2) and tried again. Converged when |1 − ℓ_old/ℓ_new| ≤ eps (default
 *   1e-9, R `coxph.control(eps = 1e-9)`) after a non-halving step; at most `maxIter` (default 20, R's
 *   iter.max) iterations. `iterations` counts them as R's `fit$iter`.
 * - Covariates are centred (per column) before fitting; the partial likelihood is invariant to this.
 * - Tests: Wald = β̂ᵀ V⁻¹ β̂ with V = I(β̂)⁻¹; likelihood ratio = 2(ℓ(β̂) − ℓ(0)); score = U(0)ᵀ I(0)⁻¹ U(0);
 *   each on df = number of covariates. Per-coefficient z = β̂/se, two-sided normal p-value; hazard-ratio
 *   limits exp(β̂ ± z_{1−α/2}·se). (R's `summary.coxph` prints the Wald chi-square rounded to 2 decimals;
 *   remit keeps it unrounded.)
 *
 * Degenerate input: no events, or an information matrix that is singular at β = 0 (a covariate constant
 * within strata, or collinear covariates) throws ConvergenceError — R would drop the coefficient as NA.
 * A monotone likelihood (e.g. all events in one group) converges in ℓ with a very large |β̂|; the result
 * then carries a warning, R's "Loglik converged before variable …; coefficient may be infinite" (or "did
 * not converge in N iterations" when the log-likelihood is still creeping up at maxIter, with
 * `converged: false`). Its hazard-ratio limits may then be 0 and +Infinity (as R's), never NaN.
 */
import { ConvergenceError, InputError } from '../../core/errors.ts';
import { normalQuantile, normalSf } from '../distributions.ts';
import { checkSurvivalData } from './kaplan-meier.ts';
import { cholesky, choleskyInverse, choleskySolve, quadraticFormInverse } from './linear.ts';
import { chiSquarePValue } from './logrank.ts';
import { checkLabels, checkLength, checkLevel, sortedLevels } from './validate.ts';

/** Handling of tied event times, named as R coxph's `ties`. */
export type CoxTies = 'efron' | 'breslow';

export interface CoxPHOptions {
  /** Tie handling, default 'efron' (R's default). */
  ties?: CoxTies;
  /** Stratum label per subject: separate baseline hazards, common coefficients. */
  strata?: readonly (string | number)[];
  /** Confidence level of the hazard-ratio limits, default 0.95. */
  level?: number;
  /** Convergence tolerance on the relative change of the log partial likelihood, default 1e-9. */
  eps?: number;
  /** Maximum Newton–Raphson iterations, default 20. */
  maxIter?: number;
}

/** Cox fit; `T` is `number` for one covariate (x: number[]) and `number[]` for several (x: number[][]). */
export interface CoxPHResult<T extends number | number[]> {
  /** Log hazard ratio(s) per unit of the covariate(s). */
  coef: T;
  /** Standard error(s) of coef, from the inverse information at β̂. */
  se: T;
  /** exp(coef). */
  hazardRatio: T;
  /** Lower confidence limit(s) of the hazard ratio. */
  lower: T;
  /** Upper confidence limit(s) of the hazard ratio. */
  upper: T;
  /** Wald z = coef/se. */
  z: T;
  /** Two-sided Wald p-value(s) of each coefficient (R summary's Pr(>|z|)). */
  pValue: T;
  /** Global Wald chi-square (unrounded). */
  waldChisq: number;
  waldPValue: number;
  /** Likelihood-ratio chi-square 2(ℓ(β̂) − ℓ(0)). */
  lrChisq: number;
  lrPValue: number;
  /** Score (log-rank for one binary covariate) chi-square at β = 0. */
  scoreChisq: number;
  scorePValue: number;
  /** Degrees of freedom of the global tests (number of covariates). */
  df: number;
  /** Log partial likelihood at β = 0 and at β̂ (R's fit$loglik). */
  loglik: [number, number];
  /** Variance–covariance matrix of coef (p × p). */
  variance: number[][];
  iterations: number;
  converged: boolean;
  /** Number of subjects and events used. */
  n: number;
  nEvent: number;
  /** Statistical caveats, e.g. a coefficient that may be infinite (monotone likelihood). */
  warnings: string[];
}

interface PartialLikelihood {
  loglik: number;
  score: number[];
  information: number[][];
}

interface Design {
  /** Subject indices grouped by stratum, each sorted by time descending. */
  strataOrders: number[][];
  time: readonly number[];
  event: readonly number[];
  /** Centred covariates, rows = subjects. */
  x: number[][];
  p: number;
}

function toMatrix(x: readonly number[] | readonly (readonly number[])[], n: number): number[][] {
  if (!Array.isArray(x)) throw new InputError('x', 'must be an array of numbers or an array of rows');
  checkLength(x, 'x', n);
  const rows: number[][] = [];
  let p = -1;
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number | readonly number[];
    const row = typeof xi === 'number' ? [xi] : Array.isArray(xi) ? [...xi] : null;
    if (row === null) throw new InputError('x', `row ${i} is neither a number nor an array of numbers`);
    if (p === -1) p = row.length;
    if (row.length !== p || p === 0) throw new InputError('x', `row ${i} has ${row.length} covariates, expected ${p} (≥ 1, the same for every row)`);
    for (const v of row) {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError('x', `row ${i} has a non-finite value ${String(v)}`);
    }
    rows.push(row);
  }
  return rows;
}

function centre(x: number[][]): number[][] {
  const p = x[0].length;
  const mean = new Array<number>(p).fill(0);
  for (const row of x) for (let j = 0; j < p; j++) mean[j] += row[j] / x.length;
  return x.map((row) => row.map((v, j) => v - mean[j]));
}

/** Log partial likelihood, score vector and information matrix at β (coxfit6's inner loop). */
function partialLikelihood(design: Design, beta: readonly number[], ties: CoxTies): PartialLikelihood {
  const { p, x, time, event } = design;
  let loglik = 0;
  const score = new Array<number>(p).fill(0);
  const info = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const a = new Array<number>(p);
  const a2 = new Array<number>(p);
  const cmat = Array.from({ length: p }, () => new Array<number>(p));
  const cmat2 = Array.from({ length: p }, () => new Array<number>(p));
  for (const order of design.strataOrders) {
    let denom = 0;
    a.fill(0);
    for (const row of cmat) row.fill(0);
    let pos = 0;
    while (pos < order.length) {
      const t = time[order[pos]];
      let nDead = 0;
      let denom2 = 0;
      a2.fill(0);
      for (const row of cmat2) row.fill(0);
      while (pos < order.length && time[order[pos]] === t) {
        const i = order[pos];
        const xi = x[i];
        let eta = 0;
        for (let j = 0; j < p; j++) eta += beta[j] * xi[j];
        const risk = Math.exp(eta);
        denom += risk;
        for (let j = 0; j < p; j++) {
          a[j] += risk * xi[j];
          for (let k = 0; k <= j; k++) cmat[j][k] += risk * xi[j] * xi[k];
        }
        if (event[i] === 1) {
          nDead++;
          denom2 += risk;
          loglik += eta;
          for (let j = 0; j < p; j++) {
            score[j] += xi[j];
            a2[j] += risk * xi[j];
            for (let k = 0; k <= j; k++) cmat2[j][k] += risk * xi[j] * xi[k];
          }
        }
        pos++;
      }
      if (nDead === 0) continue;
      if (ties === 'breslow' || nDead === 1) {
        loglik -= nDead * Math.log(denom);
        for (let j = 0; j < p; j++) {
          const mj = a[j] / denom;
          score[j] -= nDead * mj;
          for (let k = 0; k <= j; k++) info[j][k] += (nDead * (cmat[j][k] - mj * a[k])) / denom;
        }
      } else {
        for (let r = 0; r < nDead; r++) {
          const frac = r / nDead;
          const d2 = denom - frac * denom2;
          loglik -= Math.log(d2);
          for (let j = 0; j < p; j++) {
            const mj = (a[j] - frac * a2[j]) / d2;
            score[j] -= mj;
            for (let k = 0; k <= j; k++) {
              info[j][k] += (cmat[j][k] - frac * cmat2[j][k] - mj * (a[k] - frac * a2[k])) / d2;
            }
          }
        }
      }
    }
  }
  for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) info[k][j] = info[j][k];
  return { loglik, score, information: info };
}

function buildDesign(
  time: readonly number[],
  event: readonly number[],
  x: readonly number[] | readonly (readonly number[])[],
  strata: readonly (string | number)[] | undefined,
): Design {
  checkSurvivalData(time, event);
  const rows = centre(toMatrix(x, time.length));
  const groups = new Map<string | number | null, number[]>();
  for (let i = 0; i < time.length; i++) {
    const s = strata === undefined ? null : strata[i];
    const list = groups.get(s);
    if (list === undefined) groups.set(s, [i]);
    else list.push(i);
  }
  const keys: (string | number | null)[] = strata === undefined ? [null] : sortedLevels(strata);
  const strataOrders = keys.map((k) => (groups.get(k) ?? []).sort((a, b) => time[b] - time[a] || a - b));
  return { strataOrders, time, event, x: rows, p: rows[0].length };
}

/**
 * Fits a Cox proportional-hazards model (see the module note for the algorithm, tests and degenerate cases).
 *
 * @param time observed times (≥ 0); @param event 1 = event, 0 = censored;
 * @param x one covariate per subject (number[]) or one row of covariates per subject (number[][]);
 *   a two-group comparison uses a 0/1 indicator (1 = the group whose hazard ratio is reported).
 * @returns scalars when `x` is number[], arrays (one entry per column) when `x` is number[][].
 * @throws InputError for invalid data or options; ConvergenceError when there are no events or the
 *   information matrix is singular.
 * @example
 * // survival::aml (reference D-cox-aml-efron), x = 1 for Nonmaintained, 0 for Maintained:
 * coxPH(time, status, x).hazardRatio // 2.49810532617214, se(coef) 0.511934275172005
 */
export function coxPH(time: readonly number[], event: readonly number[], x: readonly number[], options?: CoxPHOptions): CoxPHResult<number>;
export function coxPH(
  time: readonly number[],
  event: readonly number[],
  x: readonly (readonly number[])[],
  options?: CoxPHOptions,
): CoxPHResult<number[]>;
export function coxPH(
  time: readonly number[],
  event: readonly number[],
  x: readonly number[] | readonly (readonly number[])[],
  options: CoxPHOptions = {},
): CoxPHResult<number> | CoxPHResult<number[]> {
  const ties = options.ties ?? 'efron';
  if (ties !== 'efron' && ties !== 'breslow') throw new InputError('ties', `must be 'efron' or 'breslow', got ${String(ties)}`);
  const level = options.level ?? 0.95;
  checkLevel(level);
  const eps = options.eps ?? 1e-9;
  if (!(eps > 0)) throw new InputError('eps', `must be a positive number, got ${String(eps)}`);
  const maxIter = options.maxIter ?? 20;
  if (!Number.isInteger(maxIter) || maxIter < 1) throw new InputError('maxIter', `must be a positive integer, got ${String(maxIter)}`);
  if (options.strata !== undefined) {
    checkLength(options.strata, 'strata', time.length);
    checkLabels(options.strata, 'strata');
  }
  const design = buildDesign(time, event, x, options.strata);
  const nEvent = event.reduce((s, e) => s + e, 0);
  if (nEvent === 0) throw new ConvergenceError('coxPH', 'no events: the partial likelihood is flat and no hazard ratio can be estimated');
  const p = design.p;
  const scalar = typeof x[0] === 'number';

  // Initial evaluation at β = 0 (coxfit6): score test and first Newton step.
  let beta = new Array<number>(p).fill(0);
  const initial = partialLikelihood(design, beta, ties);
  const l0 = cholesky(initial.information);
  if (l0 === null) {
    throw new ConvergenceError('coxPH', 'information matrix is singular at β = 0: a covariate is constant (within strata) or covariates are collinear');
  }
  const step0 = choleskySolve(l0, initial.score);
  const scoreChisq = initial.score.reduce((s, u, j) => s + u * step0[j], 0);
  const loglik0 = initial.loglik;
  let loglikOld = loglik0;
  let newBeta = beta.map((b, j) => b + step0[j]);
  let halving = false;
  let converged = false;
  let iterations = 0;
  let current: PartialLikelihood = initial;
  for (iterations = 1; iterations <= maxIter; iterations++) {
    current = partialLikelihood(design, newBeta, ties);
    const newLoglik = current.loglik;
    if (Math.abs(1 - loglikOld / newLoglik) <= eps && !halving) {
      converged = true;
      break;
    }
    if (iterations === maxIter) break;
    if (newLoglik < loglikOld) {
      halving = true;
      newBeta = newBeta.map((nb, j) => (nb + beta[j]) / 2);
    } else {
      halving = false;
      loglikOld = newLoglik;
      const l = cholesky(current.information);
      if (l === null) throw new ConvergenceError('coxPH', `information matrix became singular at iteration ${iterations}`);
      const step = choleskySolve(l, current.score);
      beta = newBeta;
      newBeta = newBeta.map((nb, j) => nb + step[j]);
    }
  }
  if (iterations > maxIter) iterations = maxIter;
  const coef = newBeta;
  const loglikFinal = current.loglik;
  const lFinal = cholesky(current.information);
  if (lFinal === null) throw new ConvergenceError('coxPH', 'information matrix is singular at the final estimate');
  const variance = choleskyInverse(lFinal);
  const se = variance.map((row, j) => Math.sqrt(row[j]));
  const zCrit = normalQuantile(1 - (1 - level) / 2);
  const z = coef.map((b, j) => b / se[j]);
  const waldChisq = quadraticFormInverse(variance, coef) ?? 0;
  const lrChisq = 2 * (loglikFinal - loglik0);

  const warnings: string[] = [];
  if (!converged) warnings.push(`did not converge in ${maxIter} iterations`);
  else {
    const nextStep = variance.map((row) => Math.abs(row.reduce((s, v, k) => s + v * current.score[k], 0)));
    const infinite = nextStep.map((s, j) => s > eps && s > Math.sqrt(eps) * Math.abs(coef[j]));
    if (infinite.some(Boolean)) {
      const which = infinite.map((f, j) => (f ? j + 1 : 0)).filter((j) => j > 0);
      warnings.push(`loglik converged before variable ${which.join(',')}; coefficient may be infinite`);
    }
  }

  const vector = {
    coef,
    se,
    hazardRatio: coef.map(Math.exp),
    lower: coef.map((b, j) => Math.exp(b - zCrit * se[j])),
    upper: coef.map((b, j) => Math.exp(b + zCrit * se[j])),
    z,
    pValue: z.map((v) => 2 * normalSf(Math.abs(v))),
  };
  const common = {
    waldChisq,
    waldPValue: chiSquarePValue(waldChisq, p),
    lrChisq,
    lrPValue: chiSquarePValue(lrChisq, p),
    scoreChisq,
    scorePValue: chiSquarePValue(scoreChisq, p),
    df: p,
    loglik: [loglik0, loglikFinal] as [number, number],
    variance,
    iterations,
    converged,
    n: time.length,
    nEvent,
    warnings,
  };
  if (scalar) {
    return {
      ...common,
      coef: vector.coef[0],
      se: vector.se[0],
      hazardRatio: vector.hazardRatio[0],
      lower: vector.lower[0],
      upper: vector.upper[0],
      z: vector.z[0],
      pValue: vector.pValue[0],
    };
  }
  return { ...common, ...vector };
}
