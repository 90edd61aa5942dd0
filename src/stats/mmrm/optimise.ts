/**
 * MMRM step 4: maximise the REML log-likelihood over the covariance parameters θ by Newton–Raphson
 * with the analytic gradient and observed information (chain rule through the structure's
 * Jacobian), falling back to Fisher scoring (expected information) when the observed information is
 * not positive definite, and step-halving to keep Σ positive definite and ℓ non-decreasing — the
 * scheme of SAS PROC MIXED (Wolfinger, Tobias & Sall 1994). Starting Σ: the moment estimate of the
 * ordinary-least-squares residual covariance (pairwise complete), or its diagonal when that is not
 * positive definite.
 */
import { spdInverse } from '../linalg.ts';
import type { CovarianceModel } from './covariance.ts';
import type { Design } from './design.ts';
import { evaluateReml, type RemlEvaluation } from './reml.ts';

/** Derivatives of ℓ_R in θ: gradient, observed and expected information (nθ × nθ, of −ℓ_R). */
export interface ThetaDerivatives {
  gradient: Float64Array;
  observedInfo: Float64Array;
  expectedInfo: Float64Array;
  /** ∂σ/∂θ (m × nθ), used again by Satterthwaite. */
  jacobian: Float64Array;
}

export interface Optimum {
  theta: Float64Array;
  evaluation: RemlEvaluation;
  derivatives: ThetaDerivatives;
  converged: boolean;
  iterations: number;
  warnings: string[];
}

/** Newton decrement² gᵀ I⁻¹ g below which the fit is converged (ℓ within ~1e-12 of its maximum). */
const DECREMENT_TOL = 1e-12;

/** Jᵀ A J for A (m × m) and J (m × n). */
function congruence(a: Float64Array, j: Float64Array, m: number, n: number): Float64Array {
  const aj = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let l = 0; l < m; l++) { const v = a[i * m + l]; if (v !== 0) for (let c = 0; c < n; c++) aj[i * n + c] += v * j[l * n + c]; }
  const out = new Float64Array(n * n);
  for (let r = 0; r < n; r++) for (let i = 0; i < m; i++) { const v = j[i * n + r]; if (v !== 0) for (let c = 0; c < n; c++) out[r * n + c] += v * aj[i * n + c]; }
  for (let r = 0; r < n; r++) for (let c = 0; c < r; c++) { const s = 0.5 * (out[r * n + c] + out[c * n + r]); out[r * n + c] = out[c * n + r] = s; }
  return out;
}

/** Gradient and information in θ from those in σ (chain rule; curvature only for non-linear Σ(θ)). */
export function thetaDerivatives(model: CovarianceModel, theta: Float64Array, ev: RemlEvaluation): ThetaDerivatives {
  const m = ev.gradient!.length; const n = theta.length;
  const jacobian = model.jacobian(theta);
  const gradient = new Float64Array(n);
  for (let i = 0; i < m; i++) for (let c = 0; c < n; c++) gradient[c] += jacobian[i * n + c] * ev.gradient![i];
  const observedInfo = congruence(ev.observedInfo!, jacobian, m, n);
  const curv = model.curvature(theta, ev.gradient!);
  if (curv !== null) for (let i = 0; i < n * n; i++) observedInfo[i] -= curv[i];
  return { gradient, observedInfo, expectedInfo: congruence(ev.expectedInfo!, jacobian, m, n), jacobian };
}

/** Moment estimate of Σ from OLS residuals (pairwise complete); its diagonal if not positive definite. */
function startingSigma(design: Design): Float64Array {
  const T = design.visits.length; const p = design.p;
  const identity = new Float64Array(T * T);
  for (let a = 0; a < T; a++) identity[a * T + a] = 1;
  const ols = evaluateReml(design, identity, false)!;
  const sum = new Float64Array(T * T); const count = new Float64Array(T * T);
  for (const s of design.subjects) {
    const k = s.visits.length;
    const r = Array.from({ length: k }, (_, i) => { let f = 0; for (let c = 0; c < p; c++) f += s.x[i * p + c] * ols.beta[c]; return s.y[i] - f; });
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) { sum[s.visits[i] * T + s.visits[j]] += r[i] * r[j]; count[s.visits[i] * T + s.visits[j]] += 1; }
  }
  const s = sum.map((v, i) => (count[i] > 0 ? v / count[i] : 0));
  for (let a = 0; a < T; a++) if (!(s[a * T + a] > 0)) s[a * T + a] = 1;
  if (spdInverse(s, T) !== null) return s;
  return s.map((v, i) => (i % (T + 1) === 0 ? v : 0));
}

/** Solves I d = g for symmetric I; null when I is not positive definite. */
function newtonDirection(info: Float64Array, g: Float64Array): Float64Array | null {
  const n = g.length;
  const inv = spdInverse(info, n);
  if (inv === null) return null;
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) d[i] += inv.inverse[i * n + j] * g[j];
  return d;
}

/**
 * Maximises ℓ_R(θ). Reports non-convergence (iteration limit, no ascent step) as `converged: false`
 * with a warning; returns null only when no positive definite starting Σ exists.
 */
export function maximiseReml(design: Design, model: CovarianceModel, maxIterations: number): Optimum | null {
  let theta = model.start(startingSigma(design));
  let ev = evaluateReml(design, model.sigma(theta), true);
  if (ev === null) return null;
  const warnings: string[] = [];
  let converged = false; let iterations = 0;
  let der = thetaDerivatives(model, theta, ev);
  while (iterations < maxIterations) {
    const d = newtonDirection(der.observedInfo, der.gradient) ?? newtonDirection(der.expectedInfo, der.gradient);
    if (d === null) { warnings.push('REML information matrix is singular: covariance parameters not identifiable'); break; }
    let decrement = 0;
    for (let i = 0; i < d.length; i++) decrement += d[i] * der.gradient[i];
    if (Math.abs(decrement) < DECREMENT_TOL) { converged = true; break; }
    iterations++;
    const next = lineSearch(design, model, theta, d, ev.logLik);
    if (next === null) {
      warnings.push(`REML optimiser found no ascent step at iteration ${iterations} (Newton decrement ${decrement.toExponential(2)})`);
      break;
    }
    theta = next.theta; ev = next.ev; der = thetaDerivatives(model, theta, ev);
  }
  if (!converged && iterations >= maxIterations) warnings.push(`REML optimiser did not converge in ${maxIterations} iterations`);
  return { theta, evaluation: ev, derivatives: der, converged, iterations, warnings };
}

/**
 * Step-halving from the full Newton step: the first candidate is evaluated with derivatives (it is
 * accepted on almost every iteration), later ones by value only.
 */
function lineSearch(design: Design, model: CovarianceModel, theta: Float64Array, d: Float64Array, logLik: number) {
  const slack = 1e-10 * (1 + Math.abs(logLik));
  let step = 1;
  for (let halving = 0; halving < 40; halving++, step /= 2) {
    const cand = theta.map((v, i) => v + step * d[i]);
    const value = evaluateReml(design, model.sigma(cand), halving === 0);
    if (value !== null && value.logLik >= logLik - slack) {
      return { theta: cand, ev: halving === 0 ? value : evaluateReml(design, model.sigma(cand), true)! };
    }
  }
  return null;
}
