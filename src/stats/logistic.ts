/**
 * Logistic regression for grouped binomial data by maximum likelihood (Newton–Raphson = Fisher scoring for
 * the canonical logit link; McCullagh & Nelder 1989, Generalized Linear Models, 2nd ed., sect. 4.4), the
 * model R fits with `glm(cbind(successes, trials - successes) ~ X - 1, family = binomial)`.
 *
 * Row i: `successes[i]` of `trials[i]` (ungrouped data: trials 1), covariates `x[i]` (include a column of 1s
 * for an intercept). logit P(success) = x[i] · β.
 *
 * Algorithm note: start at β = 0; each step solves (XᵀWX) Δ = Xᵀ(y − nμ), W = diag(n μ (1 − μ)), and halves
 * the step while the log-likelihood would decrease (it is concave, so this only guards against overshoot).
 * Converged when the largest |Δ| is below 1e-10 (1 + |β|). The MLE does not exist under complete or
 * quasi-complete separation (Albert & Anderson 1984, Biometrika 71:1-10); the coefficients then grow without
 * bound and the fit stops with a ConvergenceError after 100 iterations rather than returning them.
 */
import { ConvergenceError, InputError } from '../core/errors.ts';
import { firstDependentColumn, spdInverse } from './linalg.ts';

/** Input of {@link logisticRegression}. */
export interface LogisticInput {
  /** Design matrix, one row per observation (group), all rows the same length. */
  x: readonly (readonly number[])[];
  /** Successes per row, 0 ≤ successes ≤ trials. */
  successes: readonly number[];
  /** Trials per row, > 0. */
  trials: readonly number[];
}

/** Maximum-likelihood fit. */
export interface LogisticFit {
  /** β, in the order of the design columns (log-odds scale). */
  coefficients: number[];
  /** √diag((XᵀWX)⁻¹) at β̂ (model-based standard errors, as R's `summary.glm`). */
  standardErrors: number[];
  /** Residual deviance 2 Σ [y log(y/nμ) + (n − y) log((n − y)/(n − nμ))], 0 log 0 = 0 (R `deviance()`). */
  deviance: number;
  /** Fitted probabilities μ per row. */
  fitted: number[];
  iterations: number;
}

const MAX_ITERATIONS = 100;
const TOLERANCE = 1e-10;

function expit(eta: number): number {
  return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
}

/** y log(y / m) with 0 log 0 = 0. */
function ylogy(y: number, m: number): number {
  return y === 0 ? 0 : y * Math.log(y / m);
}

/** Binomial deviance of fitted probabilities `mu`. */
export function binomialDeviance(successes: readonly number[], trials: readonly number[], mu: readonly number[]): number {
  let d = 0;
  for (let i = 0; i < successes.length; i++) {
    const y = successes[i];
    const n = trials[i];
    d += ylogy(y, n * mu[i]) + ylogy(n - y, n * (1 - mu[i]));
  }
  return 2 * d;
}

function logLik(successes: readonly number[], trials: readonly number[], eta: readonly number[]): number {
  let l = 0;
  for (let i = 0; i < eta.length; i++) {
    // y η − n log(1 + e^η), written to avoid overflow for large |η|.
    const e = eta[i];
    const log1pExp = e > 0 ? e + Math.log1p(Math.exp(-e)) : Math.log1p(Math.exp(e));
    l += successes[i] * e - trials[i] * log1pExp;
  }
  return l;
}

function linearPredictor(x: readonly (readonly number[])[], beta: readonly number[]): number[] {
  return x.map((row) => row.reduce((s, v, j) => s + v * beta[j], 0));
}

function validate(input: LogisticInput): number {
  const { x, successes, trials } = input;
  if (!Array.isArray(x as unknown) || x.length === 0) throw new InputError('x', 'expected a non-empty array of rows');
  const p = x[0].length;
  if (p === 0) throw new InputError('x', 'the design matrix needs at least one column');
  x.forEach((row, i) => {
    if (row.length !== p) throw new InputError('x', `row ${i} has ${row.length} columns, expected ${p}`);
    if (!row.every((v) => Number.isFinite(v))) throw new InputError('x', `row ${i} has a non-finite value`);
  });
  if (successes.length !== x.length) throw new InputError('successes', `expected ${x.length} values, got ${successes.length}`);
  if (trials.length !== x.length) throw new InputError('trials', `expected ${x.length} values, got ${trials.length}`);
  trials.forEach((n, i) => {
    if (!(Number.isFinite(n) && n > 0)) throw new InputError('trials', `row ${i}: must be > 0, got ${n}`);
    const y = successes[i];
    if (!(Number.isFinite(y) && y >= 0 && y <= n)) throw new InputError('successes', `row ${i}: must be in [0, ${n}], got ${y}`);
  });
  const flat = new Float64Array(x.length * p);
  x.forEach((row, i) => row.forEach((v, j) => (flat[i * p + j] = v)));
  const dep = firstDependentColumn(flat, x.length, p);
  if (dep !== -1) throw new InputError('x', `column ${dep} is a linear combination of the columns before it (the model is not identifiable)`);
  return p;
}

/** Information matrix XᵀWX (row-major p × p) and score Xᵀ(y − nμ) at the linear predictor `eta`. */
function scoreAndInformation(input: LogisticInput, eta: readonly number[], p: number): { info: Float64Array; score: Float64Array } {
  const info = new Float64Array(p * p);
  const score = new Float64Array(p);
  input.x.forEach((row, i) => {
    const mu = expit(eta[i]);
    const w = input.trials[i] * mu * (1 - mu);
    const r = input.successes[i] - input.trials[i] * mu;
    for (let a = 0; a < p; a++) {
      score[a] += row[a] * r;
      for (let b = 0; b <= a; b++) info[a * p + b] += row[a] * w * row[b];
    }
  });
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) info[b * p + a] = info[a * p + b];
  return { info, score };
}

/**
 * Fit logit P(success) = Xβ by maximum likelihood.
 * @throws InputError naming `x` (ragged, non-finite or rank-deficient), `successes` or `trials`;
 *   ConvergenceError when no finite MLE is reached (separation) or the information matrix is singular.
 * @example logisticRegression({ x: [[1, 0], [1, 1]], successes: [3, 6], trials: [10, 10] }).coefficients
 *   // → [log(3/7), log(6/4) − log(3/7)] (a saturated 2 × 2 table: the log odds ratio)
 */
export function logisticRegression(input: LogisticInput): LogisticFit {
  const p = validate(input);
  let beta = new Array<number>(p).fill(0);
  let eta = linearPredictor(input.x, beta);
  let ll = logLik(input.successes, input.trials, eta);
  for (let iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
    const { info, score } = scoreAndInformation(input, eta, p);
    const inv = spdInverse(info, p);
    if (inv === null) throw new ConvergenceError('logistic regression', 'the information matrix XᵀWX is not positive definite (fitted probabilities 0 or 1: separation?)');
    const step = Array.from({ length: p }, (_, a) => {
      let s = 0;
      for (let b = 0; b < p; b++) s += inv.inverse[a * p + b] * score[b];
      return s;
    });
    let scale = 1;
    let next = beta.map((b, j) => b + step[j]);
    let nextEta = linearPredictor(input.x, next);
    let nextLl = logLik(input.successes, input.trials, nextEta);
    while (nextLl < ll - 1e-12 * Math.abs(ll) && scale > 1e-8) {
      scale /= 2;
      next = beta.map((b, j) => b + scale * step[j]);
      nextEta = linearPredictor(input.x, next);
      nextLl = logLik(input.successes, input.trials, nextEta);
    }
    // Judged on the full Newton step (it vanishes at the maximum), not on a halved one.
    const converged = step.every((s, j) => Math.abs(s) < TOLERANCE * (1 + Math.abs(next[j])));
    beta = next;
    eta = nextEta;
    ll = nextLl;
    if (converged) {
      const final = spdInverse(scoreAndInformation(input, eta, p).info, p);
      if (final === null) throw new ConvergenceError('logistic regression', 'the information matrix at the estimate is not positive definite');
      const fitted = eta.map(expit);
      return {
        coefficients: beta,
        standardErrors: Array.from({ length: p }, (_, j) => Math.sqrt(final.inverse[j * p + j])),
        deviance: binomialDeviance(input.successes, input.trials, fitted),
        fitted,
        iterations: iteration,
      };
    }
  }
  throw new ConvergenceError('logistic regression', `no convergence in ${MAX_ITERATIONS} Newton steps: the maximum-likelihood estimate does not exist (complete or quasi-complete separation)`);
}
